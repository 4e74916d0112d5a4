// The fault plan: scenario faults expanded into timed actions, generators drawn from the seed.
#include "workloads/fault_plan.h"

#include <gtest/gtest.h>

#include <cmath>

#include "model/rng.h"

namespace drydock::sim {
namespace {

Scenario cluster(int hosts) {
  Scenario s;
  s.duration = 100000;
  s.seed = 7;
  for (int i = 0; i < hosts; ++i) s.hosts.push_back({"h" + std::to_string(i), {8, 32768, 0}, {}});
  ServiceSpec web;
  web.name = "web";
  s.services.push_back(web);
  return s;
}

using A = FaultAction::Kind;

TEST(FaultPlan, SingleFaultsWithDurationsBecomePairs) {
  Scenario s = cluster(3);
  FaultSpec hang{50, FaultSpec::Kind::kHostHang, "h1"};
  hang.duration = 10;
  FaultSpec crash{20, FaultSpec::Kind::kHostCrash};
  crash.hosts = {"h0", "h2"};
  crash.duration = 100;
  FaultSpec part{30, FaultSpec::Kind::kPartition, "h1"};  // no duration: for good
  s.faults = {hang, crash, part};
  const auto plan = plan_faults(s);
  ASSERT_EQ(plan.size(), 7u);
  EXPECT_EQ(plan[0].at, 20);
  EXPECT_EQ(plan[0].kind, A::kCrash);
  EXPECT_EQ(plan[0].host, 0u);
  EXPECT_EQ(plan[1].host, 2u);
  EXPECT_EQ(plan[2].kind, A::kPartition);
  EXPECT_EQ(plan[3].kind, A::kHang);
  EXPECT_EQ(plan[4].kind, A::kResume);
  EXPECT_EQ(plan[4].at, 60);
  EXPECT_EQ(plan[5].kind, A::kRecover);
  EXPECT_EQ(plan[5].at, 120);
  for (std::size_t i = 1; i < plan.size(); ++i) EXPECT_LE(plan[i - 1].at, plan[i].at);
}

TEST(FaultPlan, RandomFailuresAlternateAndMatchTheirMeans) {
  Scenario s = cluster(20);
  FaultSpec gen{0, FaultSpec::Kind::kRandomFailures};
  for (const auto& h : s.hosts) gen.hosts.push_back(h.name);
  gen.mtbf = 1000;
  gen.mttr = 100;
  s.faults = {gen};
  const auto plan = plan_faults(s);
  // Per host: crash, recover, crash, ... with up times of mean mtbf and down times of mean mttr.
  std::vector<Time> last_crash(20, -1), last_recover(20, 0);
  double up = 0, down = 0;
  int ups = 0, downs = 0;
  for (const auto& a : plan) {
    if (a.kind == A::kCrash) {
      ASSERT_LT(last_crash[a.host], last_recover[a.host] + 1e-9);  // never two crashes in a row
      up += a.at - last_recover[a.host];
      ++ups;
      last_crash[a.host] = a.at;
    } else {
      ASSERT_EQ(a.kind, A::kRecover);
      down += a.at - last_crash[a.host];
      ++downs;
      last_recover[a.host] = a.at;
    }
  }
  // 20 hosts x 100,000 s / 1,100 s = about 1,800 cycles: the means are within a few percent.
  EXPECT_GT(ups, 1500);
  EXPECT_NEAR(up / ups, 1000, 60);
  EXPECT_NEAR(down / downs, 100, 8);
  EXPECT_EQ(plan_faults(s).size(), plan.size());  // a pure function of the scenario
  s.seed = 8;
  EXPECT_NE(plan_faults(s).front().at, plan.front().at);
}

TEST(FaultPlan, WeibullHasTheRequestedMean) {
  Rng rng(5);
  for (double shape : {0.7, 1.0, 2.0}) {
    double sum = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) sum += weibull_time(rng.uniform(), 50, shape);
    EXPECT_NEAR(sum / n, 50, 1.0) << shape;
  }
  EXPECT_DOUBLE_EQ(weibull_time(1 - std::exp(-1.0), 10, 1.0), 10.0);  // shape 1: exponential
}

TEST(FaultPlan, ContainerCrashesArePoissonUntilTheEnd) {
  Scenario s = cluster(2);
  FaultSpec gen{100, FaultSpec::Kind::kContainerCrashes};
  gen.service = "web";
  gen.mtbf = 10;
  gen.until = 10100;
  s.faults = {gen};
  const auto plan = plan_faults(s);
  EXPECT_NEAR(static_cast<double>(plan.size()), 1000, 100);
  EXPECT_GE(plan.front().at, 100);
  EXPECT_LE(plan.back().at, 10100);
  for (const auto& a : plan) EXPECT_EQ(a.kind, A::kContainerCrash);
}

}  // namespace
}  // namespace drydock::sim
