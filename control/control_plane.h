// The control plane: desired state, observed state, the reconciler, the failure detector and the
// scheduler behind one loop API that both runtimes drive.
//
//   register_host / apply_service / scale   the inventory and the desired state
//   apply_autoscaler / enable_cluster_autoscaler   the autoscalers (HPA per service, one cluster autoscaler)
//   observe(obs, now)                       record what the runtime saw (heartbeats, replicas, load samples)
//   step(now) -> Ready                      decide: the actions to execute and the events to log (raft's
//                                           Ready); level-triggered, so calling it again is harmless
//   next_wakeup()                           when step() next has work with no new input
//   take_events()                           events not yet returned by a step (a read between steps)
//
// control/driver.h runs this loop for both runtimes.
//
// It is pure: no I/O, no clock, no threads. Time is an argument and randomness is a seeded Rng.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "control/action.h"
#include "control/cluster_autoscaler.h"
#include "model/cluster_state.h"
#include "model/event.h"
#include "control/failure_detector.h"
#include "model/detector_config.h"
#include "control/hpa.h"
#include "control/observation.h"
#include "control/rolling_update.h"
#include "model/rng.h"
#include "model/spec.h"
#include "schedulers/scheduler.h"

namespace drydock {

struct ControlConfig {
  DetectorConfig detector;  // which detector judges the hosts; Swarm's fixed timeouts by default
  // A start with no news (started / exited) after this long is presumed lost and retried elsewhere.
  // Generous: a first start includes an image pull.
  Time start_timeout = 600.0;
  // A replica no host can take is parked, not retried on every step: it goes back to the queue when a
  // host that could hold its request frees capacity or comes up, and at the latest after this long
  // (kube-scheduler's podMaxInUnschedulablePodsDuration, 5 min), which covers what capacity alone does
  // not show (a skew constraint relaxed by a host going away).
  Time unschedulable_retry = 300.0;
  std::uint64_t seed = 1;
  // The first replica id this control plane issues. A live manager starts each generation in its own
  // range, so that a replica it creates never shares an id (and a drydock.replica label) with a
  // container an earlier generation made and this one re-adopted. The simulator starts at 0.
  std::uint64_t first_replica_id = 0;
};

enum class ReplicaState {
  kPending,   // wants a host
  kStarting,  // start issued, not yet confirmed
  kRunning,
  kStopping,  // stop issued (scale down or orphan), not yet confirmed
  kExited,    // exited; waits for its restart delay before a replacement is made
};
std::string_view to_string(ReplicaState s);

struct ReplicaRecord {
  ReplicaId id;
  ServiceId service;
  HostId host;  // invalid while pending
  ReplicaState state = ReplicaState::kPending;
  Time since = 0;      // when it entered `state`
  Time submitted = 0;  // when it was created
  Resources held;      // what it reserves on `host`, valid while `holds`
  bool holds = false;  // true from placement until it stops, exits or is given up
  bool unschedulable_reported = false;
  int version = 0;  // the service version (ServiceStatus::version) it runs
};

struct ServiceStatus {
  ServiceSpec spec;
  int completed = 0;  // replicas that finished and must not be replaced (batch tasks)
  bool removed = false;
  int version = 0;  // bumped by each new image; replicas of an older one are rolled out
  Rollout rollout;
};

// What one step decided, in the spirit of raft's Ready: actions for the runtime to execute, and the
// events to log: every event since the last step (those of observations and applies come first).
struct Ready {
  std::vector<Action> actions;
  std::vector<Event> events;
};

class ControlPlane {
 public:
  ControlPlane(ControlConfig config, std::unique_ptr<Scheduler> scheduler,
               std::unique_ptr<FailureDetector> detector = nullptr);

  // --- inventory and desired state ---
  HostId register_host(const HostSpec& spec, Time now);
  // Creates the service, or updates it (by name) and reconciles towards the new spec.
  ServiceId apply_service(const ServiceSpec& spec, Time now);
  void scale(ServiceId service, int replicas, Time now);
  void remove_service(ServiceId service, Time now);

  // --- autoscalers (control/autoscaling.cc) ---
  // A Horizontal Pod Autoscaler for `service`: at every sync (multiples of config.sync_period) it sets the
  // replica count from the latest obs::LoadSample the runtime reported for the service; none, no change.
  void apply_autoscaler(ServiceId service, const HpaConfig& config, Time now);
  // The cluster autoscaler over the standby `pool` (control/cluster_autoscaler.h): each step at its scan
  // interval may power pool hosts on or off (act::PowerOnHost / PowerOffHost) and drain a busy one.
  void enable_cluster_autoscaler(const ClusterAutoscalerConfig& config, std::vector<HostId> pool);
  const ClusterAutoscaler* cluster_autoscaler() const { return cluster_autoscaler_.get(); }

  // --- the loop ---
  void observe(const Observation& observation, Time now);
  Ready step(Time now);
  Time next_wakeup() const;
  std::vector<Event> take_events();

  // --- read-only views for runtimes, summaries and tests ---
  const ClusterState& cluster() const { return cluster_; }
  const ServiceStatus& service(ServiceId s) const { return services_[s.value]; }
  std::size_t service_count() const { return services_.size(); }
  std::optional<ServiceId> find_service(std::string_view name) const;
  const ReplicaRecord* replica(ReplicaId r) const;
  const std::map<ReplicaId, ReplicaRecord>& replicas() const { return replicas_; }
  HostHealth host_health(HostId h) const { return health_[h.value]; }
  const FailureDetector& detector() const { return *detector_; }
  const Scheduler& scheduler() const { return *scheduler_; }
  std::string replica_name(ReplicaId r) const;
  // Scheduler effort, for throughput figures: placements decided and batches run.
  std::uint64_t decisions() const { return decisions_; }

 private:
  enum TimerKind { kDetectorCheck = 0, kStartTimeout = 1, kRestartDelay = 2, kParkedRetry = 3 };
  struct Timer {
    Time at;
    std::uint64_t key;  // host id, replica id or service id, by kind
    int kind;           // a TimerKind
    bool operator>(const Timer& o) const { return at != o.at ? at > o.at : key != o.key ? key > o.key : kind > o.kind; }
  };

  // Host health and timers (control/host_health.cc).
  // A host taken out of the cluster on purpose (the cluster autoscaler powers it off): nothing more is
  // placed there and its silence is not a failure. Put back, it is schedulable from its next heartbeat.
  void set_host_retired(HostId host, bool retired, Time now);
  // Retires the host and stops every replica on it; reconciliation recreates them elsewhere (a
  // cluster autoscaler's scale down of a busy host, as `kubectl drain` evicts pods).
  void drain_host(HostId host, Time now);
  void on_heartbeat(HostId host, Time now);
  void arm_detector(HostId host, Time now);
  bool timer_live(const Timer& t) const;
  // Pops timers that can no longer do anything (a detector deadline superseded by a later heartbeat, a
  // start that was confirmed), so that next_wakeup() names real work, not a spurious wakeup.
  void prune_timers();
  void on_report(const obs::HostReport& report, Time now);
  void set_health(HostId host, HostHealth health, Time now);
  void fire_timers(Time now);
  // The autoscalers (control/autoscaling.cc): HPA syncs, then a cluster autoscaler scan, when due.
  void run_autoscalers(Time now, std::vector<Action>& out);
  Time next_autoscaler_wakeup() const;
  // The reconciler (control/reconciler.cc).
  void reconcile(ServiceId service, Time now, std::vector<Action>& out);
  ReplicaId create_replica(ServiceId service, Time now);
  // Rolling updates (control/control_plane_rollout.cc, planner in control/rolling_update.h).
  void begin_rollout(ServiceId service, const std::string& old_image, Time now);
  void reconcile_rollout(ServiceId service, Time now, std::vector<Action>& out);
  // The scheduling queue (control/scheduling_queue.cc).
  void schedule_pending(Time now, std::vector<Action>& out);
  // Capacity grew on `host` (a release, or it came up): parked replicas that may fit get another try.
  void grew(HostId host);
  void park(const ReplicaRecord& r, Time now);
  // Moves back to the queue the parked replicas whose request fits a host that grew since the last step.
  void unpark_fitting();
  void unpark(ServiceId service);
  // Forget a replica, freeing its resources if it held any.
  void drop(ReplicaId id, Time now, const char* why);
  // Marks a replica as being stopped (it no longer holds a slot), keeping stopping_of_ right.
  void stopping(ReplicaRecord& r, Time now);
  void release_if_held(ReplicaRecord& r);
  void on_exit(ReplicaRecord& r, bool failed, Time now);
  void stop_orphan(ReplicaId id, HostId host);
  void emit(Time now, EventKind kind, ServiceId service, ReplicaId replica, HostId host, std::string detail = {});

  ControlConfig config_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<FailureDetector> detector_;
  Rng rng_;

  ClusterState cluster_;
  std::vector<HostHealth> health_;
  std::vector<char> retired_;  // per host: see set_host_retired
  std::vector<ServiceStatus> services_;
  std::map<ReplicaId, ReplicaRecord> replicas_;                  // ordered: decisions follow id order
  std::vector<std::set<ReplicaId>> by_service_;                  // live replica ids per service
  std::vector<int> stopping_of_;                                 // per service: its replicas stopping
  std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers_;
  std::vector<Time> detector_due_;  // per host: the one live detector deadline, kNever when none
  std::set<ServiceId> dirty_;  // services whose replica set must be reconciled
  std::set<ReplicaId> pending_;  // the scheduling queue: tried at the next step, in id order
  // Parked: pending replicas the scheduler could not place, by service (one request shape each), with
  // the time of their service's last attempt. They stay out of the queue until a host grows.
  struct Parked {
    std::set<ReplicaId> replicas;
    Time since = 0;
  };
  std::map<ServiceId, Parked> parked_;
  std::vector<HostId> grown_;          // hosts whose free capacity grew since the last step
  std::vector<std::uint8_t> grown_flag_;  // per host: already in grown_
  std::unordered_map<std::string, ServiceId> by_name_;  // live (not removed) services by name
  std::vector<Action> orphan_stops_;     // stops decided inside observe(), returned by the next step()
  ReplicaId::repr next_replica_ = 0;
  // The service of every replica ever created, by replica id - first_replica_id (ids are dense), so that a stop for a
  // replica already given up (an orphan on a returning host) still names its service.
  std::vector<ServiceId> service_of_;
  // Restart policy max_attempts / window, counted per slot as Swarm does: the restart times of the slot
  // a replica fills (replicas that are restarts of an earlier one), and per service the histories
  // waiting for the replacement that reconcile() is about to create.
  std::map<ReplicaId, std::vector<Time>> restarts_;
  std::vector<std::deque<std::vector<Time>>> inherit_;  // FIFO: replacements in exit order
  std::uint64_t decisions_ = 0;
  std::vector<Event> events_;
  struct Autoscaled {  // a service's HPA
    Hpa hpa;
    Time next_sync;
    std::optional<obs::LoadSample> sample;  // the latest, consumed by the next sync
  };
  std::map<ServiceId, Autoscaled> hpas_;  // ordered: syncs in service id order
  std::unique_ptr<ClusterAutoscaler> cluster_autoscaler_;
};

}  // namespace drydock
