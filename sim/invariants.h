// Invariants checked on every simulation, FoundationDB style: after each instant the manager handles,
// the control plane's books and the ground truth must agree with the rules below, whatever faults were
// injected. A violation ends the run with an error naming the time, the rule and the culprit, so a
// randomized test over many seeds and fault schedules finds the bug instead of a skewed figure.
//
//   books        no host's allocation (control plane) exceeds its capacity.
//                Source: kube-scheduler's NodeResourcesFit filter and swarmkit's resource filter never
//                bind a task whose requests exceed the node's allocatable minus what is bound there.
//   slots        no service holds more replicas (pending, starting, running, waiting to restart) than
//                desired: the reconciler never over-provisions.
//                Source: the ReplicaSet controller creates max(0, spec.replicas - pods) and deletes the
//                excess; swarmkit's replicated orchestrator keeps one task per slot.
//   rollout      during a rolling update, at most desired + maxSurge replicas (pending, starting,
//                running, waiting to restart; not those being stopped), and at least desired -
//                maxUnavailable available while the floor applies (control/rolling_update.h).
//                Source: Kubernetes' RollingUpdateDeployment: "the total number of old and new pods do
//                not exceed 130% of desired pods" (maxSurge) and "the total number of pods available at
//                all times during the update is at least 70% of desired pods" (maxUnavailable). The
//                surge is bounded by the ReplicaSets' specs: pods still terminating do not count, and a
//                scale down during the rollout shrinks the sets at once (proportional scaling). The
//                floor is a promise about what the controller itself takes down, not about involuntary
//                disruptions (Kubernetes' "Disruptions" page: a node failure is not covered), so it
//                applies only in a run with no fault injected so far, no change of desired replicas
//                since the update began, a service fully available when it began, no batch tasks, and
//                no replica lost on the control plane's own verdict (a host declared down, true or
//                false, a start timed out): World::last_fault, World::last_loss.
//   running      containers that really run and that the control plane counts as its own (same replica,
//                same host) are at most desired per service (+ maxSurge during a rollout), plus the
//                ones it is stopping. Source: the same two bounds, on the ground truth; an orphan the
//                control plane gave up (a partitioned host's container) is not counted, as Swarm
//                does not count tasks of a node it declared down until the node comes back.
//   capacity     on every host, the requests of those counted containers fit its capacity. Source: as
//                books, on the ground truth.
//   accounted    every container the control plane counts as running on a host it believes alive, and
//                that really is up, reachable and not frozen, exists there, unless news of its end or the
//                host's report after a return is still on the way (two message latencies).
//                Source: Swarm's agent reports its tasks on every (re)registration and the dispatcher
//                reconciles; the kubelet's pod status sync. A machine that boots again (a crash, the
//                autoscaler) re-registers with what it runs, so the control plane cannot keep counting
//                containers that died with it.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "control/control_plane.h"
#include "sim/world.h"

namespace drydock::sim {

class InvariantViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws InvariantViolation on the first broken rule.
void check_invariants(const World& world, const ControlPlane& control, Time now);

// When to check. A check costs O(hosts + replicas + containers); at trace scale (10^5 replicas and as
// many instants) checking every instant is quadratic and dominates the run. So every instant is checked
// while the model is small (every test scenario and the standard ones), and beyond that a check runs
// once the work done since the last one (observations handled and actions executed) is at least the
// model's size divided by `share`: checking then costs at most about `share` times the run's own work.
// The last instant of a run is always checked.
class InvariantCadence {
 public:
  explicit InvariantCadence(std::size_t always_below = 10'000, std::size_t share = 1)
      : always_below_(always_below), share_(share) {}
  void worked(std::size_t items) { work_ += items; }
  bool due(std::size_t model_size) const { return model_size < always_below_ || work_ * share_ >= model_size; }
  void checked() { work_ = 0; ++checks_; }
  std::uint64_t checks() const { return checks_; }

 private:
  std::size_t always_below_;
  std::size_t share_;
  std::size_t work_ = 0;
  std::uint64_t checks_ = 0;
};

}  // namespace drydock::sim
