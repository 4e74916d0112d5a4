#include "control/rolling_update.h"

#include <algorithm>
#include <set>

namespace drydock {
namespace {

// Kubernetes' intstr.GetScaledValueFromIntOrPercent: a percentage of `desired`, rounded up or down.
int scaled(const CountOrPercent& v, int desired, bool round_up) {
  if (!v.percent) return v.value;
  const long long product = static_cast<long long>(v.value) * desired;
  return static_cast<int>(round_up ? (product + 99) / 100 : product / 100);
}

}  // namespace

UpdateBudget resolve_update_budget(const UpdateConfig& config, int desired) {
  UpdateBudget b;
  b.max_surge = scaled(config.max_surge, desired, true);
  b.max_unavailable = scaled(config.max_unavailable, desired, false);
  if (b.max_surge == 0 && b.max_unavailable == 0) b.max_unavailable = 1;  // deployment_util.ResolveFenceposts
  return b;
}

RolloutPlan plan_rollout(int desired, const UpdateBudget& budget, const std::vector<RolloutReplica>& replicas) {
  RolloutPlan plan;
  int total = static_cast<int>(replicas.size());
  int updated = 0, available = 0;
  for (const RolloutReplica& r : replicas) {
    updated += r.updated;
    available += r.available;
  }
  const int min_available = std::max(0, desired - budget.max_unavailable);

  // Newest first, as Kubernetes ranks pods to delete; a stable order keeps runs reproducible.
  std::vector<RolloutReplica> newest_first(replicas);
  std::sort(newest_first.begin(), newest_first.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
  std::set<ReplicaId> gone;  // retired so far: each replica is retired once
  auto retire = [&](const RolloutReplica& r) {
    gone.insert(r.id);
    plan.retire.push_back(r.id);
    --total;
    updated -= r.updated;
    available -= r.available;
  };
  // Old replicas that serve nothing yet (pending or starting) cost no availability.
  for (const RolloutReplica& r : newest_first)
    if (!r.updated && !r.available && !r.waiting_restart) retire(r);
  // Still above desired + maxSurge: desired fell during the rollout (a scale down, or batch tasks that
  // completed). Kubernetes scales the ReplicaSets down at once (proportional scaling): a scale is the
  // user's decision, bounded by the specs, not by maxUnavailable. Cheapest first: replicas waiting to
  // restart, then those not serving yet, then available ones, old before updated.
  int over = total - (desired + budget.max_surge);
  const auto retired = [&](const RolloutReplica& r) { return gone.count(r.id) != 0; };
  const auto trim = [&](auto&& pick) {
    for (const RolloutReplica& r : newest_first)
      if (over > 0 && !retired(r) && pick(r)) retire(r), --over;
  };
  if (over > 0) {
    trim([](const RolloutReplica& r) { return r.waiting_restart && !r.updated; });
    trim([](const RolloutReplica& r) { return r.waiting_restart; });
    trim([](const RolloutReplica& r) { return !r.available && !r.updated; });
    trim([](const RolloutReplica& r) { return !r.available; });
    trim([](const RolloutReplica& r) { return !r.updated; });
    trim([](const RolloutReplica&) { return true; });
  }

  // Old available ones, as far as the floor allows; then updated ones beyond desired (a scale down
  // during the rollout), unavailable ones first.
  for (const RolloutReplica& r : newest_first)
    if (!retired(r) && !r.updated && r.available && available > min_available) retire(r);
  int excess = updated - desired;
  for (const RolloutReplica& r : newest_first)
    if (excess > 0 && !retired(r) && r.updated && !r.available && !r.waiting_restart) retire(r), --excess;
  for (const RolloutReplica& r : newest_first)
    if (excess > 0 && !retired(r) && r.updated && r.available && available > min_available) retire(r), --excess;

  plan.create = std::max(0, std::min(desired + budget.max_surge - total, desired - updated));
  return plan;
}

std::optional<std::string> rollout_violation(const RolloutCounts& c) {
  if (c.replicas > c.desired + c.budget.max_surge)
    return std::to_string(c.replicas) + " replicas, more than desired " + std::to_string(c.desired) + " + max_surge " +
           std::to_string(c.budget.max_surge);
  if (c.floor_applies && c.available < c.desired - c.budget.max_unavailable)
    return std::to_string(c.available) + " available, fewer than desired " + std::to_string(c.desired) +
           " - max_unavailable " + std::to_string(c.budget.max_unavailable);
  return std::nullopt;
}

}  // namespace drydock
