// The heartbeats of every worker host, without an actor: beats are computed on demand, in time order.
//
// An agent actor per host costs a context switch and a SimGrid sleep activity per beat; at 12,500 hosts
// and a 5 s period that is 2,500 wakeups per simulated second, which dominated trace replays. A beat's
// time is known in advance (the previous one plus the period and a jitter from the host's own random
// stream), so nothing needs to wake for it: advance(t) sends every beat due by t, and it is called by
// whoever is about to look at or change what beats depend on. The manager advances it whenever it
// wakes; every change to a host's beating (crash, start, hang, pause, partition, the manager's promptness
// flags) advances it first, so each beat leaves under the state that held when it was due. The agent's
// rules are unchanged: a host beats at once when its agent starts, then every period plus jitter; not
// while it is off, and not while it is frozen (a hang or a GC-like pause), which keeps the time that
// was left to its next beat, as a suspended agent's sleep did. Messages still leave from the host
// (World::send_from), so a partition drops them as before.
//
// Steady runs: the beats of a host the control plane sees alive, while it keeps running and reachable,
// are not computed at all. The beat that starts such a run is sent marked `steady`; the host then
// leaves the queue, and its later beats exist only as a position in its own jitter stream. When the
// run ends (the host stops, freezes or is cut off, or the control plane stops seeing it alive) the
// stream is advanced to that instant and the run's last beat is sent, as an ordinary beat with its own
// time (or the first one again, when no other was due). A detector whose verdict depends only on the
// last beat and cannot change between regular beats (FailureDetector::exact_with_withheld_beats)
// reaches the same verdicts at the same times, so results are unchanged (tests/sim/steady_beats_test);
// the cost of a run then follows failures and decisions, not hosts x simulated time. The jitter
// stream is advanced beat by beat when a run ends, a few nanoseconds a beat, and only for that host.
#pragma once

#include <cstdint>
#include <queue>
#include <set>
#include <vector>

#include "model/ids.h"
#include "model/time.h"

namespace drydock::sim {

struct World;

class HeartbeatClock {
 public:
  HeartbeatClock(World& world, std::size_t hosts);

  // Sends every beat due at or before `now`, in time order.
  void advance(Time now);
  // Whether beats may be withheld in steady runs (see above); the caller checks the detector allows it.
  void set_withhold_steady(bool on) { withhold_steady_ = on; }
  // The host is about to be cut off from the manager: beats due by `now` still reach it, a steady run
  // ends here.
  void cut(HostId host, Time now);
  // Beats handed to the manager, and those a steady run withheld (counted when the run ends).
  std::uint64_t withheld() const { return withheld_; }
  // When the next beat of a host whose beats wake the manager (World::prompt_heartbeat) reaches it.
  Time next_prompt_delivery() const;
  // The manager's promptness flag for a host changes; beats due by `now` leave under the old one.
  void set_prompt(HostId host, bool prompt, Time now);

  void begin(HostId host, Time now);   // the host's agent (re)starts: first beat now
  void stop(HostId host, Time now);    // the host is off: no beats until the next begin()
  void freeze(HostId host, Time now);  // hung or paused: beats wait, keeping the time left
  void thaw(HostId host, Time now);    // the beats go on, the next one after the time that was left
  bool frozen(HostId host) const { return frozen_[host.value] != 0; }

 private:
  struct Due {
    Time at;
    std::uint32_t host;
    std::uint64_t generation;  // the host's generation when queued: a stale entry is skipped
    bool operator>(const Due& o) const { return at != o.at ? at > o.at : host > o.host; }
  };
  void schedule(HostId host, Time at);
  Time next_after(std::uint32_t host, Time at);  // draws the jitter of the beat after one at `at`
  void end_steady(HostId host, Time now);

  World& world_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> queue_;
  std::vector<std::uint64_t> generation_;
  std::vector<Time> next_;  // per host: when its queued beat is due; kNever when none
  std::vector<Time> left_;  // per frozen host: time that was left to its next beat
  std::vector<std::uint8_t> frozen_;
  std::set<std::uint32_t> prompt_;  // hosts whose beats wake the manager
  bool withhold_steady_ = false;
  std::vector<Time> run_first_;  // per host in a steady run: its first beat (sent); kNever when none
  std::uint64_t withheld_ = 0;
};

}  // namespace drydock::sim
