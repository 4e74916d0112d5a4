// The arrival draw's two regimes (FGD-PROTOCOL.md 1.3): resampling up to the target with the authors'
// per-GPU stop test, and thinning a trace that already exceeds it (the multigpu30..50 pod lists).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "fill/arrivals.h"

namespace drydock::fill {
namespace {

std::vector<TracePod> pods(int n, int num_gpu, int milli) {
  std::vector<TracePod> out;
  for (int i = 0; i < n; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "p%03d", i);
    out.push_back({name, 1000, 1024, i % 3 == 0 ? 0 : num_gpu, i % 3 == 0 ? 0 : milli, ""});
  }
  return out;
}

TEST(Arrivals, TuneUpShufflesTheWholeTraceThenResamplesUntilThePerGpuStopTest) {
  const auto trace = pods(30, 8, 1000);  // 20 eight-GPU pods: 160,000 milli
  GoRand rng;
  const std::int64_t capacity = 200 * 1000;
  const auto plan = plan_arrivals(trace, 10, capacity, 1.3, 42, rng);  // target 260,000
  EXPECT_EQ(plan.removed, 0);
  EXPECT_GT(plan.clones, 0);
  ASSERT_EQ(plan.order.size(), trace.size() + static_cast<std::size_t>(plan.clones));
  // The first 30 arrivals are the trace itself, shuffled.
  std::set<int> first(plan.order.begin(), plan.order.begin() + 30);
  EXPECT_EQ(first.size(), 30u);
  std::int64_t total = 0;
  for (int k : plan.order) total += trace[k].gpu_request();
  EXPECT_EQ(total, plan.requested);
  // The stop test adds the per-GPU milli (1000), not the pod's 8000: an 8-GPU clone is taken while
  // S + 1000 <= T, so S may end up to 7000 above the target, and stops within 1000 below it.
  EXPECT_GT(plan.requested, 260000 - 1000);
  EXPECT_LE(plan.requested, 260000 + 7000);
  // Node ranks: a permutation, the same for the same seed.
  EXPECT_EQ(std::set<int>(plan.node_rank.begin(), plan.node_rank.end()).size(), 10u);
  GoRand again;
  EXPECT_EQ(plan_arrivals(trace, 10, capacity, 1.3, 42, again).order, plan.order);
}

TEST(Arrivals, TuneDownDeletesUniformlyKeepingOrderUntilAtOrBelowTheTarget) {
  const auto trace = pods(60, 4, 1000);  // 40 four-GPU pods: 160,000 milli
  GoRand rng;
  const auto plan = plan_arrivals(trace, 10, 100 * 1000, 1.3, 7, rng);  // target 130,000
  EXPECT_EQ(plan.clones, 0);
  EXPECT_GT(plan.removed, 0);
  EXPECT_EQ(plan.order.size() + static_cast<std::size_t>(plan.removed), trace.size());
  EXPECT_LE(plan.requested, 130000);
  EXPECT_GT(plan.requested, 130000 - 4000);  // it stops at the first deletion that gets below
  // What is left keeps the shuffled order: the same seed's shuffle with the deleted pods taken out.
  GoRand fresh;
  const auto untouched = plan_arrivals(trace, 10, 100 * 1000, 100.0, 7, fresh);  // target far above: no deletion
  std::vector<int> kept;
  for (int k : untouched.order)
    if (k < static_cast<int>(trace.size()) && std::find(plan.order.begin(), plan.order.end(), k) != plan.order.end()) kept.push_back(k);
  kept.resize(std::min(kept.size(), plan.order.size()));
  EXPECT_EQ(kept, plan.order);
}

TEST(Arrivals, AbsurdInflationIsRefused) {
  GoRand rng;
  EXPECT_THROW(plan_arrivals(pods(3, 1, 500), 1, 1000, 0, 1, rng), std::invalid_argument);
  EXPECT_THROW(plan_arrivals({}, 1, 1000, 1.3, 1, rng), std::invalid_argument);
}

}  // namespace
}  // namespace drydock::fill
