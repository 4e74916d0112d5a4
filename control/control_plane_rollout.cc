// The control plane's side of rolling updates: it notices a new image, asks the planner
// (control/rolling_update.h) what to retire and what to create on each reconciliation, carries the
// plan out and reports the rollout in the event log: `update start`, `update progress`, `update complete`.
#include <algorithm>
#include <cstdio>

#include "control/control_plane.h"

namespace drydock {
namespace {

std::string seconds(Time t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", t);
  return buf;
}

}  // namespace

void ControlPlane::begin_rollout(ServiceId service, const std::string& old_image, Time now) {
  ServiceStatus& status = services_[service.value];
  const int from = status.version++;
  const int want = std::max(0, status.spec.replicas - status.completed);
  int running = 0;
  for (ReplicaId id : by_service_[service.value]) running += replicas_.at(id).state == ReplicaState::kRunning;
  Rollout& rollout = status.rollout;
  rollout.active = true;
  rollout.from_version = from;
  rollout.started = now;
  rollout.desired_at_start = status.spec.replicas;
  rollout.available_at_start = running >= want;
  rollout.reported_updated = -1;
  const UpdateBudget budget = resolve_update_budget(status.spec.update, want);
  emit(now, EventKind::kUpdate, service, {}, {},
       "start v" + std::to_string(from) + "->v" + std::to_string(status.version) + " image " + old_image + "->" +
           status.spec.image + " max_surge " + std::to_string(budget.max_surge) + " max_unavailable " +
           std::to_string(budget.max_unavailable));
  dirty_.insert(service);
}

void ControlPlane::reconcile_rollout(ServiceId service, Time now, std::vector<Action>& out) {
  ServiceStatus& status = services_[service.value];
  const int want = std::max(0, status.spec.replicas - status.completed);
  const UpdateBudget budget = resolve_update_budget(status.spec.update, want);
  std::vector<RolloutReplica> view;
  for (ReplicaId id : by_service_[service.value]) {
    const ReplicaRecord& r = replicas_.at(id);
    if (r.state == ReplicaState::kStopping) continue;  // no longer holds a slot
    view.push_back({id, r.version == status.version, r.state == ReplicaState::kRunning,
                    r.state == ReplicaState::kStarting || r.state == ReplicaState::kRunning,
                    r.state == ReplicaState::kExited});
  }
  const RolloutPlan plan = plan_rollout(want, budget, view);
  for (ReplicaId id : plan.retire) {
    ReplicaRecord& r = replicas_.at(id);
    if (r.state == ReplicaState::kPending) {
      drop(id, now, "update");
    } else if (r.state == ReplicaState::kExited) {
      drop(id, now, "scale down");  // waiting to restart, over a lowered desired count: not replaced
    } else if (r.state == ReplicaState::kStarting || r.state == ReplicaState::kRunning) {
      stopping(r, now);
      out.push_back(act::StopReplica{id, service, r.host});
      emit(now, EventKind::kRemoved, service, id, r.host, "update");
    }
  }
  for (int i = 0; i < plan.create; ++i) create_replica(service, now);

  int updated_running = 0;
  bool old_left = false;
  for (ReplicaId id : by_service_[service.value]) {
    const ReplicaRecord& r = replicas_.at(id);
    if (r.state == ReplicaState::kStopping) continue;
    if (r.version != status.version) old_left = true;
    else updated_running += r.state == ReplicaState::kRunning;
  }
  Rollout& rollout = status.rollout;
  if (!old_left && updated_running >= want) {
    emit(now, EventKind::kUpdate, service, {}, {},
         "complete v" + std::to_string(status.version) + " " + std::to_string(updated_running) + " replicas in " +
             seconds(now - rollout.started));
    rollout = Rollout{};
    return;
  }
  if (updated_running != rollout.reported_updated) {
    rollout.reported_updated = updated_running;
    emit(now, EventKind::kUpdate, service, {}, {},
         "progress " + std::to_string(updated_running) + "/" + std::to_string(want) + " updated");
  }
}

}  // namespace drydock
