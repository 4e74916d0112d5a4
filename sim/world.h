// The simulated cluster's ground truth, shared by the actors of one simulation: which hosts are on,
// which containers really run where, which images each host has, and the delivery queue of messages
// to the manager. Only SimGrid actors touch it, and SimGrid runs one actor at a time, so no locking.
#pragma once

#include <simgrid/s4u.hpp>

#include <deque>
#include <map>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "model/event.h"
#include "model/ids.h"
#include "control/observation.h"
#include "model/rng.h"
#include "model/sample.h"
#include "sim/start_queue.h"
#include "workloads/scenario.h"

namespace drydock::sim {

// Messages to the manager arrive after a modelled latency, not as network flows: thousands of small
// concurrent flows would make SimGrid's bandwidth-sharing solver the bottleneck (DESIGN.md).
class Inbox {
 public:
  // `prompt` wakes the manager for this message; heartbeats of healthy hosts are not prompt, since
  // the control plane only needs them by its next deadline (they are delivered with their own time).
  void push(Time deliver_at, Observation obs, bool prompt);
  bool has_due(Time now) const { return !queue_.empty() && queue_.top().at <= now; }
  // Pops the earliest message; call only when has_due().
  std::pair<Time, Observation> pop();
  // The host of the earliest message when it is a heartbeat sent as not prompt and due by `until`.
  std::optional<HostId> next_lazy_heartbeat(Time until) const;
  Time next_prompt() const { return prompts_.empty() ? kNever : prompts_.top(); }
  void forget_prompts_until(Time now);
  void set_waker(simgrid::s4u::ConditionVariablePtr cv) { waker_ = std::move(cv); }
  // Wakes the manager to look again at when it must next wake (a computed heartbeat it waits for).
  void nudge() const {
    if (waker_) waker_->notify_all();
  }

 private:
  struct Item {
    Time at;
    std::uint64_t seq;  // arrival order breaks ties: reproducible
    Observation obs;
    bool prompt;
    bool operator>(const Item& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue_;
  std::priority_queue<Time, std::vector<Time>, std::greater<>> prompts_;
  std::uint64_t seq_ = 0;
  simgrid::s4u::ConditionVariablePtr waker_;
};

// An image on one host: absent, being pulled (others wait), or present.
struct ImageState {
  enum class Status { kAbsent, kPulling, kReady } status = Status::kAbsent;
  simgrid::s4u::MutexPtr mutex;
  simgrid::s4u::ConditionVariablePtr ready;
  // The pull's transfer while it runs; a hang cancels it and the pull goes on from `left` bytes after
  // the host resumes (host_agent.cc).
  simgrid::s4u::CommPtr transfer;
  double left = 0;
};

struct Container {
  ServiceId service;
  HostId host;
  bool running = false;
  simgrid::s4u::ActorPtr actor;  // the actor that starts (and, for batch tasks, runs) it
};

class ContainerTimeline;
class HeartbeatClock;

struct World {
  const Scenario* scenario = nullptr;
  std::vector<simgrid::s4u::Host*> hosts;  // by HostId
  simgrid::s4u::Host* registry = nullptr;
  simgrid::s4u::Host* manager = nullptr;
  std::vector<bool> host_on;
  // Fault state (sim/faults.h): a hung host's actors are all suspended; a partitioned host's messages to
  // and from the manager are dropped; `beats` sends every host's heartbeats (sim/heartbeat_clock.h).
  std::vector<bool> hung;
  std::vector<bool> partitioned;
  // A hang freezes the host's actors cooperatively (host_agent.cc: host_sleep, wait_while_hung), not
  // with SimGrid's actor suspension, which breaks an actor caught inside a mutex or condition-variable
  // simcall (a std::future_error "No associated state" when it resumes). Waiting actors sleep until the
  // planned resume: a condition variable here would leave a crash killing an actor inside it. The host's clock stops while
  // it is hung: frozen time, total and since when, by host.
  std::vector<Time> frozen_total;
  std::vector<Time> hung_since;
  std::vector<Time> resume_at;  // by host, while it is hung: when the fault plan resumes it
  // Image mutexes and condition variables of hosts switched off (host_agent.cc: switch_off_host).
  std::vector<std::pair<simgrid::s4u::MutexPtr, simgrid::s4u::ConditionVariablePtr>> retired_sync;
  HeartbeatClock* beats = nullptr;
  std::vector<std::uint64_t> agent_epoch;  // bumped at each agent start: a later one supersedes
  // When the host last came back (reboot, resume, heal, end of a pause) and sent the manager a report
  // of its containers: until that report lands, the manager's view of the host is stale by design.
  std::vector<Time> rejoined_at;
  std::vector<Rng> host_rng;  // heartbeat jitter, one stream per host
  // Heartbeats of a host the control plane does not see as alive wake the manager at once (it is
  // waiting for them); those of a healthy host only matter by its next deadline.
  std::vector<bool> prompt_heartbeat;
  std::vector<std::map<std::string, ImageState>> images;  // per host, by image name
  std::vector<StartQueue> start_queues;                   // per host: its daemon's container starts
  std::map<ReplicaId, Container> containers;              // ordered: crash handling is reproducible
  std::vector<std::string> service_names;                 // by ServiceId
  // Each service's specs, oldest first; the last is current (a rolling update appends one). A deque, so
  // that an image pull holding a reference to an older spec keeps it.
  std::vector<std::deque<ServiceSpec>> specs;             // by ServiceId
  // Trace replays: each replica of a service runs its own time (Scenario::run_times), in start order.
  std::vector<const std::vector<Time>*> run_times;        // by ServiceId; null = the spec's run_time
  std::vector<std::size_t> starts;                        // replicas started so far, by ServiceId
  std::vector<bool> joined;                               // by HostId: has the host ever been up
  std::vector<bool> crashed;                              // by HostId: off since a crash (a recover's to bring back)
  ContainerTimeline* timeline = nullptr;                  // starts and exits that need no actor
  Inbox inbox;
  std::vector<Event> log;
  std::vector<Sample> samples;
  std::uint64_t heartbeats = 0;
  Time last_fault = -kNever;  // when a fault was last injected (kFault, kHostFailed); -inf: none yet
  // When the control plane last gave replicas up on its own verdict (a host declared down, rightly or
  // not; a start timed out): a loss the rollout's availability floor does not cover. -inf: none yet.
  Time last_loss = -kNever;
  std::string violation;  // the first broken invariant (sim/invariants.h); the run stops there

  Time message_latency() const { return 2 * scenario->network.latency; }  // two links through the switch
  // A message from `host` to the manager, sent now; lost if the host is cut off from the manager.
  void send_from(HostId host, Observation obs, bool prompt);
  // The same, for a message the host sent at `sent` (not after now): computed heartbeats.
  void send_at(Time sent, HostId host, Observation obs, bool prompt);
  // Can a command from the manager reach the host?
  bool reachable(HostId host) const { return host_on[host.value] && !partitioned[host.value]; }
  // How long the host has spent hung up to `now`: time that does not pass for its actors.
  Time frozen_time(HostId host, Time now) const {
    return frozen_total[host.value] + (hung[host.value] ? now - hung_since[host.value] : 0);
  }
  // The host freezes or thaws (sim/faults.h: hang, resume; a switch-off ends a hang).
  void set_hung(HostId host, bool on, Time now);
  void record(EventKind kind, const std::string& service, const std::string& replica, HostId host,
              EventPayload payload = {});
  std::string replica_name(ReplicaId r, ServiceId s) const { return drydock::replica_name(service_names[s.value], r.value); }
};

}  // namespace drydock::sim
