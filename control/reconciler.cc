// The reconciler: makes each dirty service's replica set match its spec (replacements, scale up and
// down with Swarm's choice of victims) and applies the restart policy when a replica exits. Rolling
// updates take over while one is active (control/control_plane_rollout.cc).
#include <algorithm>
#include <map>
#include <queue>

#include "control/control_plane.h"

namespace drydock {

void ControlPlane::reconcile(ServiceId service, Time now, std::vector<Action>& out) {
  ServiceStatus& status = services_[service.value];
  if (status.rollout.active && !status.removed) return reconcile_rollout(service, now, out);
  auto& ids = by_service_[service.value];
  const int want = status.removed ? 0 : std::max(0, status.spec.replicas - status.completed);
  // Every replica but the ones stopping holds a slot, counting towards the desired number: an exited
  // replica waiting out its restart delay still holds its slot, so that the replacement is made only
  // after the delay (Swarm's behaviour). Counted, not walked: a service of thousands of batch tasks is
  // reconciled at the end of each.
  int have = static_cast<int>(ids.size()) - stopping_of_[service.value];

  for (; have < want; ++have) create_replica(service, now);
  inherit_[service.value].clear();  // restarts whose slot was scaled away
  if (have <= want) return;

  // Scale down. Cheapest victims first: replicas waiting to restart, then unplaced ones, then the
  // placed ones on the hosts that hold the most replicas of this service (Swarm's choice), starting
  // replicas before running ones and newer before older.
  int excess = have - want;
  std::vector<ReplicaId> victims_exited, victims_pending;
  std::map<HostId, std::vector<ReplicaId>> placed;  // ordered: reproducible ties
  for (ReplicaId id : ids) {
    const ReplicaRecord& r = replicas_.at(id);
    if (r.state == ReplicaState::kExited) victims_exited.push_back(id);
    else if (r.state == ReplicaState::kPending) victims_pending.push_back(id);
    else if (r.state == ReplicaState::kStarting || r.state == ReplicaState::kRunning) placed[r.host].push_back(id);
  }
  for (auto it = victims_exited.rbegin(); excess > 0 && it != victims_exited.rend(); ++it, --excess)
    drop(*it, now, EventCause::kScaleDown);
  for (auto it = victims_pending.rbegin(); excess > 0 && it != victims_pending.rend(); ++it, --excess)
    drop(*it, now, EventCause::kScaleDown);
  if (excess == 0) return;

  for (auto& [host, list] : placed)
    std::stable_sort(list.begin(), list.end(), [&](ReplicaId a, ReplicaId b) {
      const bool sa = replicas_.at(a).state == ReplicaState::kStarting;
      const bool sb = replicas_.at(b).state == ReplicaState::kStarting;
      return sa != sb ? sa : a > b;  // back of the list = next victim: running and oldest last
    });
  // Max-heap of (replicas on host, host); the lower host id wins ties by the (count, -id) order.
  std::priority_queue<std::pair<std::size_t, std::int64_t>> heap;
  for (const auto& [host, list] : placed) heap.push({list.size(), -static_cast<std::int64_t>(host.value)});
  while (excess > 0 && !heap.empty()) {
    auto [count, neg_host] = heap.top();
    heap.pop();
    auto& list = placed[HostId(static_cast<HostId::repr>(-neg_host))];
    const ReplicaId victim = list.front();
    list.erase(list.begin());
    ReplicaRecord& r = replicas_.at(victim);
    stopping(r, now);
    out.push_back(act::StopReplica{victim, service, r.host});
    emit(now, EventKind::kRemoved, service, victim, r.host, EventCause::kScaleDown);
    --excess;
    if (count > 1) heap.push({count - 1, neg_host});
  }
}


ReplicaId ControlPlane::create_replica(ServiceId service, Time now) {
  const ReplicaId id(next_replica_++);
  service_of_.push_back(service);
  if (!inherit_[service.value].empty()) {
    restarts_[id] = std::move(inherit_[service.value].front());
    inherit_[service.value].pop_front();
  }
  ReplicaRecord r;
  r.id = id;
  r.service = service;
  r.state = ReplicaState::kPending;
  r.since = now;
  r.submitted = now;
  r.version = services_[service.value].version;
  replicas_.emplace(id, r);
  by_service_[service.value].insert(id);
  pending_.insert(id);
  emit(now, EventKind::kSubmitted, service, id, {});
  return id;
}


void ControlPlane::on_exit(ReplicaRecord& r, bool failed, Time now) {
  release_if_held(r);
  ServiceStatus& service = services_[r.service.value];
  const auto condition = service.spec.restart.condition;
  bool restart = condition == RestartPolicy::Condition::kAny ||
                 (condition == RestartPolicy::Condition::kOnFailure && failed);
  const RestartPolicy& policy = service.spec.restart;
  if (restart && policy.max_attempts > 0) {
    // Restarts of this slot so far (within the window, when there is one); at the limit, give up.
    int attempts = 0;
    if (auto h = restarts_.find(r.id); h != restarts_.end())
      for (Time at : h->second) attempts += policy.window <= 0 || at > now - policy.window;
    restart = attempts < policy.max_attempts;
  }
  dirty_.insert(r.service);
  if (!restart) {
    ++service.completed;  // done: it counts towards the desired number and is not replaced
    emit(now, EventKind::kCompleted, r.service, r.id, r.host, failed ? EventCause::kFailed : EventCause::kSucceeded);
    const ReplicaId id = r.id;
    by_service_[r.service.value].erase(id);
    restarts_.erase(id);
    replicas_.erase(id);
    return;
  }
  r.state = ReplicaState::kExited;
  r.since = now;
  timers_.push({now + service.spec.restart.delay, r.id.value, kRestartDelay});
}

}  // namespace drydock
