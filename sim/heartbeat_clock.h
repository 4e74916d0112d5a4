// The heartbeats of every worker host, sent by one actor on the manager's host in time order.
//
// An agent actor per host costs a context switch and a SimGrid sleep activity per beat; at 12,500 hosts
// and a 5 s period that is 2,500 wakeups per simulated second, which dominated trace replays. The clock
// keeps the agent's rules exactly: a host beats at once when its agent starts, then every period plus a
// jitter drawn from the host's own random stream; not while it is off (a crash stops its beats until
// the next start), and not while it is frozen (a hang or a GC-like pause), which keeps the time that
// was left to its next beat, as a suspended agent's sleep does. Messages still leave from the host
// (World::send_from), so a partition drops them as before.
#pragma once

#include <simgrid/s4u.hpp>

#include <cstdint>
#include <queue>
#include <vector>

#include "control/ids.h"
#include "control/time.h"

namespace drydock::sim {

struct World;

class HeartbeatClock {
 public:
  explicit HeartbeatClock(std::size_t hosts);
  // Starts the actor that sends the beats; it runs until killed with the others at the end.
  void start(World& world, simgrid::s4u::Host* where);

  void begin(HostId host, Time now);   // the host's agent (re)starts: first beat now
  void stop(HostId host);              // the host is off: no beats until the next begin()
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
  void run(World& world);

  std::priority_queue<Due, std::vector<Due>, std::greater<>> queue_;
  std::vector<std::uint64_t> generation_;
  std::vector<Time> next_;  // per host: when its queued beat is due
  std::vector<Time> left_;  // per frozen host: time that was left to its next beat
  std::vector<std::uint8_t> frozen_;
  Time waiting_until_ = kNever;  // when the actor next wakes by itself
  simgrid::s4u::MutexPtr mutex_;
  simgrid::s4u::ConditionVariablePtr changed_;
};

}  // namespace drydock::sim
