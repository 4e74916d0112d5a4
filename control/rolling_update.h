// Rolling updates, as Kubernetes' Deployment controller does them: replicas of the old version are
// replaced by replicas of the new one while the service never holds more than desired + maxSurge
// replicas and never has fewer than desired - maxUnavailable available (running) ones.
//
// The planner is a pure function of the service's replicas; the control plane calls it from its
// reconciler while a rollout is under way (ControlPlane::reconcile_rollout) and carries the plan out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/ids.h"
#include "model/time.h"
#include "model/update_config.h"

namespace drydock {

// The budget in replicas. Kubernetes rounds the surge up and the unavailability down, and when both
// come out 0 allows one unavailable replica, so that a rollout can always progress.
struct UpdateBudget {
  int max_surge = 0;
  int max_unavailable = 0;
};
UpdateBudget resolve_update_budget(const UpdateConfig& config, int desired);

// One replica of a service under rollout, as the planner sees it.
struct RolloutReplica {
  ReplicaId id;
  bool updated = false;    // runs the service's current version
  bool available = false;  // running
  bool placed = false;     // on a host (starting or running): stopping it takes a StopReplica
  bool waiting_restart = false;  // exited, its slot held until the restart delay is over
};

struct RolloutPlan {
  int create = 0;                  // new replicas of the current version to submit
  std::vector<ReplicaId> retire;   // old replicas to give up (stop if placed, drop if not)
};

// One reconciliation of a rollout. `replicas` are those holding a slot (not being stopped). Old
// replicas that are not available go first (they cost no availability); available old ones only as
// far as desired - maxUnavailable stay available; then new ones are created up to desired + maxSurge.
// Replicas waiting out their restart delay keep their slot: their replacement comes at the new
// version when the delay is over (the restart policy composes with the rollout). When desired falls
// during the rollout (a scale down, batch tasks completing) and the replicas still exceed desired +
// maxSurge, the excess goes at once whatever its availability, as Kubernetes' proportional scaling
// shrinks the ReplicaSets: cheapest first (waiting to restart, not yet serving, old before updated).
RolloutPlan plan_rollout(int desired, const UpdateBudget& budget, const std::vector<RolloutReplica>& replicas);

// A rollout under way for one service (ServiceStatus::rollout).
struct Rollout {
  bool active = false;
  int from_version = 0;
  Time started = 0;
  int desired_at_start = 0;       // the invariant's availability floor applies while it is unchanged
  bool available_at_start = false;  // every desired replica was running when the rollout began
  int reported_updated = -1;      // updated replicas running at the last progress event
};

// The rollout invariant, which sim/invariants.h checks at every instant of a simulation: a service
// under rollout never holds more than desired + maxSurge replicas, and never has fewer than
// desired - maxUnavailable available ones while the floor applies (the service was fully available
// when the update began, and no fault and no change of desired replicas happened since: a crash may
// take any number of replicas away). Returns what is broken, or nothing.
struct RolloutCounts {
  int desired = 0;
  UpdateBudget budget;
  int replicas = 0;   // holding a slot: pending, starting, running, waiting to restart
  int available = 0;  // running, and not being stopped
  bool floor_applies = false;
};
std::optional<std::string> rollout_violation(const RolloutCounts& counts);

}  // namespace drydock
