// Rolling updates: Kubernetes' budget rounding, the planner, the control plane carrying a rollout out
// within its budget at every step, the restart policy during a rollout, and the rollout invariant
// failing on a broken sequence.
#include <gtest/gtest.h>

#include <algorithm>

#include "control/rolling_update.h"
#include "tests/control/driver.h"

namespace drydock {
namespace {

using testing::Driver;
using testing::service_spec;
using testing::starts;
using testing::stops;

UpdateConfig config(CountOrPercent surge, CountOrPercent unavailable) { return {surge, unavailable}; }

TEST(UpdateBudget, KubernetesRounding) {
  // 25 % of 10: surge rounds up to 3, unavailable down to 2.
  UpdateBudget b = resolve_update_budget(UpdateConfig{}, 10);
  EXPECT_EQ(b.max_surge, 3);
  EXPECT_EQ(b.max_unavailable, 2);
  // 25 % of 1: surge 1, unavailable 0.
  b = resolve_update_budget(UpdateConfig{}, 1);
  EXPECT_EQ(b.max_surge, 1);
  EXPECT_EQ(b.max_unavailable, 0);
  // Absolute counts pass through.
  b = resolve_update_budget(config({2, false}, {0, false}), 10);
  EXPECT_EQ(b.max_surge, 2);
  EXPECT_EQ(b.max_unavailable, 0);
  // Both zero: one unavailable replica, so that the rollout can progress.
  b = resolve_update_budget(config({0, false}, {0, false}), 10);
  EXPECT_EQ(b.max_surge, 0);
  EXPECT_EQ(b.max_unavailable, 1);
  b = resolve_update_budget(config({10, true}, {10, true}), 5);  // 0.5 rounds up to 1 and down to 0
  EXPECT_EQ(b.max_surge, 1);
  EXPECT_EQ(b.max_unavailable, 0);
}

std::vector<RolloutReplica> old_running(int n) {
  std::vector<RolloutReplica> out;
  for (int i = 0; i < n; ++i) out.push_back({ReplicaId(static_cast<std::uint64_t>(i)), false, true, true, false});
  return out;
}

TEST(PlanRollout, SurgeFirstWhenNothingMayBeUnavailable) {
  const RolloutPlan p = plan_rollout(4, {1, 0}, old_running(4));
  EXPECT_TRUE(p.retire.empty());
  EXPECT_EQ(p.create, 1);
}

TEST(PlanRollout, RetireFirstWhenNoSurge) {
  const RolloutPlan p = plan_rollout(4, {0, 1}, old_running(4));
  ASSERT_EQ(p.retire.size(), 1u);
  EXPECT_EQ(p.retire[0], ReplicaId(3)) << "newest first";
  EXPECT_EQ(p.create, 1);
}

TEST(PlanRollout, OldReplicasNotYetServingGoAtOnceAndWaitingRestartsKeepTheirSlot) {
  std::vector<RolloutReplica> r = old_running(2);
  r.push_back({ReplicaId(7), false, false, true, false});   // starting
  r.push_back({ReplicaId(8), false, false, false, false});  // pending
  r.push_back({ReplicaId(9), false, false, false, true});   // exited, waiting to restart
  const RolloutPlan p = plan_rollout(5, {0, 0}, r);
  EXPECT_EQ(p.retire, (std::vector<ReplicaId>{ReplicaId(8), ReplicaId(7)}));
  EXPECT_EQ(p.create, 2);  // back to 5 slots, all at the new version
}

// ../shared/repro/fault-schedules case-17: desired fell from 18 to 16 during a rollout with no surge
// while three old batch tasks waited to restart; the planner kept every slot (18 > 16 + 0). Kubernetes
// bounds the replicas by the ReplicaSets' specs after a scale: the excess goes at once, cheapest first.
TEST(PlanRollout, AScaleDownDuringTheRolloutTrimsTheExcessCheapestFirst) {
  std::vector<RolloutReplica> r = old_running(5);                       // ids 0..4, old, running
  r.push_back({ReplicaId(10), true, true, true, false});                 // updated, running
  r.push_back({ReplicaId(11), true, true, true, false});
  r.push_back({ReplicaId(12), false, false, false, true});               // old, waiting to restart
  r.push_back({ReplicaId(13), false, false, false, true});
  const UpdateBudget budget{0, 1};
  const RolloutPlan p = plan_rollout(5, budget, r);  // 9 slots, desired now 5
  const int left = static_cast<int>(r.size() - p.retire.size()) + p.create;
  EXPECT_LE(left, 5 + budget.max_surge);
  // The two waiting to restart go first: they serve nothing.
  ASSERT_GE(p.retire.size(), 2u);
  EXPECT_NE(std::find(p.retire.begin(), p.retire.end(), ReplicaId(12)), p.retire.end());
  EXPECT_NE(std::find(p.retire.begin(), p.retire.end(), ReplicaId(13)), p.retire.end());
  // Updated running replicas are kept while old ones remain to trim.
  EXPECT_EQ(std::find(p.retire.begin(), p.retire.end(), ReplicaId(10)), p.retire.end());
  EXPECT_EQ(std::find(p.retire.begin(), p.retire.end(), ReplicaId(11)), p.retire.end());
}

// Drives a rollout to its end with prompt confirmations, checking the budget after every step.
struct RolloutRun {
  int max_slots = 0;
  int min_available = 1 << 30;
  Time finished = kNever;
};

int slots(const Driver& d, ServiceId s) {
  int n = 0;
  for (const auto& [id, r] : d.cp.replicas()) n += r.service == s && r.state != ReplicaState::kStopping;
  return n;
}

RolloutRun roll(Driver& d, ServiceId web, ServiceSpec next, Time at) {
  RolloutRun run;
  d.cp.apply_service(next, at);
  for (Time t = at; t < at + 200; t += 1) {
    for (int h = 0; h < static_cast<int>(d.cp.cluster().host_count()); ++h) d.heartbeat(HostId(h), t);
    const auto actions = d.step(t);
    run.max_slots = std::max(run.max_slots, slots(d, web));
    run.min_available = std::min(run.min_available, d.count_in_state(web, ReplicaState::kRunning));
    d.confirm_stops(actions, t + 0.5);
    d.confirm_starts(actions, t + 0.5);
    run.min_available = std::min(run.min_available, d.count_in_state(web, ReplicaState::kRunning));
    if (!d.events_of(EventKind::kUpdate).empty() && d.events_of(EventKind::kUpdate).back().detail.rfind("complete", 0) == 0) {
      run.finished = t;
      break;
    }
  }
  return run;
}

class RollingUpdate : public ::testing::TestWithParam<std::pair<CountOrPercent, CountOrPercent>> {};

TEST_P(RollingUpdate, StaysWithinTheBudgetAndReplacesEveryReplica) {
  Driver d;
  d.add_host("a");
  d.add_host("b");
  ServiceSpec spec = service_spec("web", 10);
  spec.update = config(GetParam().first, GetParam().second);
  const ServiceId web = d.cp.apply_service(spec, 0);
  d.confirm_starts(d.step(0), 1);
  ASSERT_EQ(d.count_in_state(web, ReplicaState::kRunning), 10);

  spec.image = "img:v2";
  const UpdateBudget budget = resolve_update_budget(spec.update, 10);
  const RolloutRun run = roll(d, web, spec, 10);
  ASSERT_NE(run.finished, kNever) << "the rollout never completed";
  EXPECT_LE(run.max_slots, 10 + budget.max_surge);
  EXPECT_GE(run.min_available, 10 - budget.max_unavailable);
  // The budget is used, not merely respected: the rollout surges or dips as far as allowed.
  EXPECT_TRUE(run.max_slots == 10 + budget.max_surge || run.min_available == 10 - budget.max_unavailable);
  for (const auto& [id, r] : d.cp.replicas())
    if (r.state != ReplicaState::kStopping) {
      EXPECT_EQ(r.version, 1) << "replica " << id.value << " not updated";
    }
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kRunning), 10);
  const auto updates = d.events_of(EventKind::kUpdate);
  ASSERT_GE(updates.size(), 3u);
  EXPECT_EQ(updates.front().detail.rfind("start v0->v1 image img->img:v2", 0), 0u) << updates.front().detail;
  EXPECT_EQ(updates[1].detail.rfind("progress 0/10", 0), 0u) << updates[1].detail;
  EXPECT_EQ(updates.back().detail.rfind("complete v1 10 replicas", 0), 0u) << updates.back().detail;
  // And once complete, the service is back to plain reconciliation: no more changes.
  for (Time t = run.finished + 1; t < run.finished + 5; t += 1) {
    d.heartbeat(HostId(0), t);
    d.heartbeat(HostId(1), t);
    EXPECT_TRUE(starts(d.step(t)).empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Budgets, RollingUpdate,
                         ::testing::Values(std::make_pair(CountOrPercent{25, true}, CountOrPercent{25, true}),
                                           std::make_pair(CountOrPercent{1, false}, CountOrPercent{0, false}),
                                           std::make_pair(CountOrPercent{0, false}, CountOrPercent{1, false}),
                                           std::make_pair(CountOrPercent{0, false}, CountOrPercent{0, false}),
                                           std::make_pair(CountOrPercent{100, true}, CountOrPercent{0, true})));

TEST(RollingUpdate, SameImageIsNoRollout) {
  Driver d;
  d.add_host("a");
  ServiceSpec spec = service_spec("web", 3);
  d.cp.apply_service(spec, 0);
  d.confirm_starts(d.step(0), 1);
  spec.replicas = 4;
  d.cp.apply_service(spec, 2);
  d.step(2);
  EXPECT_TRUE(d.events_of(EventKind::kUpdate).empty());
}

TEST(RollingUpdate, AnOldReplicaThatExitsIsReplacedAtTheNewVersionAfterItsRestartDelay) {
  Driver d;
  d.add_host("a");
  ServiceSpec spec = service_spec("web", 4);
  spec.update = config({0, false}, {1, false});
  const ServiceId web = d.cp.apply_service(spec, 0);
  const auto first = starts(d.step(0));
  for (const auto& s : first) d.cp.observe(obs::ReplicaStarted{s.replica, s.host}, 1);
  ASSERT_EQ(d.count_in_state(web, ReplicaState::kRunning), 4);
  // The oldest replica crashes, then the update begins while it waits out its 5 s restart delay.
  d.cp.observe(obs::ReplicaExited{first[0].replica, first[0].host, true}, 10);
  spec.image = "img:v2";
  d.cp.apply_service(spec, 11);
  d.heartbeat(HostId(0), 11);
  const auto a11 = d.step(11);
  // The exited replica keeps its slot: with no surge, 4 slots = 1 exited + 3 running; one running old
  // replica may go (3 available > 4 - 1 = 3 is false), so nothing moves until the restart.
  EXPECT_TRUE(stops(a11).empty());
  EXPECT_TRUE(starts(a11).empty());
  d.heartbeat(HostId(0), 15);
  const auto a15 = starts(d.step(15));
  ASSERT_EQ(a15.size(), 1u) << "the replacement comes when the delay is over";
  EXPECT_EQ(d.cp.replica(a15[0].replica)->version, 1) << "and runs the new version";
}

TEST(RolloutInvariant, FailsOnABrokenSequence) {
  // A hand-made rollout of 4 replicas under max_surge 1 / max_unavailable 1, step by step; the checker
  // accepts every legal state and names the first broken one.
  const UpdateBudget budget{1, 1};
  const std::vector<RolloutCounts> legal = {
      {4, budget, 4, 4, true}, {4, budget, 5, 3, true}, {4, budget, 5, 4, true}, {4, budget, 4, 3, true}};
  for (const auto& c : legal) EXPECT_FALSE(rollout_violation(c).has_value());
  const auto surge = rollout_violation({4, budget, 6, 4, true});
  ASSERT_TRUE(surge.has_value());
  EXPECT_EQ(*surge, "6 replicas, more than desired 4 + max_surge 1");
  const auto dip = rollout_violation({4, budget, 5, 2, true});
  ASSERT_TRUE(dip.has_value());
  EXPECT_EQ(*dip, "2 available, fewer than desired 4 - max_unavailable 1");
  // After a fault the floor does not apply; the surge ceiling still does.
  EXPECT_FALSE(rollout_violation({4, budget, 5, 0, false}).has_value());
  EXPECT_TRUE(rollout_violation({4, budget, 6, 0, false}).has_value());
}

}  // namespace
}  // namespace drydock
