// The sweep plan: grids multiply out, shards partition the plan exactly, bad options are explained.
#include <gtest/gtest.h>

#include <set>

#include "analysis/sweep_plan.h"

namespace drydock {
namespace {

SweepSpec spec() {
  SweepSpec s;
  s.scenario = "x";
  s.policies = {"spread", "binpack", "random"};
  s.seeds = {1, 2, 3, 4, 5, 6, 7};
  s.grid = {parse_grid_axis("cluster.hosts[0].count=10,20"), parse_grid_axis("duration=60s,120s,300s")};
  s.baseline = "spread";
  return s;
}

TEST(SweepPlan, EveryCombinationOnceWithItsOwnDirectory) {
  const auto plan = plan_runs(spec());
  EXPECT_EQ(plan.size(), 3u * 7u * 2u * 3u);
  std::set<std::string> dirs;
  for (const auto& r : plan) dirs.insert(r.rel_dir);
  EXPECT_EQ(dirs.size(), plan.size());
  EXPECT_EQ(plan.front().rel_dir, "runs/cluster.hosts[0].count=10,duration=60s/spread/seed-1");
  EXPECT_EQ(plan.front().point.label(), "cluster.hosts[0].count=10,duration=60s");
}

TEST(SweepPlan, WithoutGridTheLayoutIsPolicySeed) {
  SweepSpec s = spec();
  s.grid.clear();
  const auto plan = plan_runs(s);
  EXPECT_EQ(plan.size(), 21u);
  EXPECT_EQ(plan[1].rel_dir, "runs/binpack/seed-1");
  EXPECT_EQ(scenario_rel_path(plan[1].point), "scenario.yaml");
}

TEST(SweepPlan, ShardsPartitionThePlan) {
  const auto plan = plan_runs(spec());
  for (int n : {1, 2, 3, 5, 200}) {
    std::multiset<std::string> seen;
    for (int i = 1; i <= n; ++i) {
      const auto part = shard_runs(plan, {i, n});
      // Balanced: sizes differ by at most one.
      EXPECT_LE(part.size(), plan.size() / n + 1);
      EXPECT_GE(part.size(), plan.size() / n);
      for (const auto& r : part) seen.insert(r.rel_dir);
    }
    EXPECT_EQ(seen.size(), plan.size()) << n << " shards";
    for (const auto& r : plan) EXPECT_EQ(seen.count(r.rel_dir), 1u) << r.rel_dir;
  }
}

TEST(SweepPlan, OptionsAreCheckedWithTheirText) {
  EXPECT_THROW(parse_grid_axis("cluster.hosts"), std::invalid_argument);
  EXPECT_THROW(parse_grid_axis("a=1,,2"), std::invalid_argument);
  EXPECT_THROW(parse_grid_axis("a=1,1"), std::invalid_argument);
  EXPECT_THROW(parse_shard("3/2"), std::invalid_argument);
  EXPECT_THROW(parse_shard("0/2"), std::invalid_argument);
  EXPECT_THROW(parse_shard("1-2"), std::invalid_argument);
  EXPECT_THROW(parse_shard("1/2x"), std::invalid_argument);
  EXPECT_EQ(parse_shard("2/4").index, 2);
  try {
    parse_shard("x/2");
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("x/2"), std::string::npos);
  }
}

TEST(SweepPlan, SpecRoundTripsThroughJson) {
  const SweepSpec s = spec();
  const SweepSpec back = sweep_spec_from_json(to_json(s));
  EXPECT_EQ(back.policies, s.policies);
  EXPECT_EQ(back.seeds, s.seeds);
  ASSERT_EQ(back.grid.size(), 2u);
  EXPECT_EQ(back.grid[1].values, s.grid[1].values);
  EXPECT_THROW(sweep_spec_from_json(nlohmann::json::object()), std::invalid_argument);
}

}  // namespace
}  // namespace drydock
