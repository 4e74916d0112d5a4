// Reading a summary.json into scalar metrics: nested figures at any depth, failures summarised without
// flattering, and a direction for every metric a policy can win or lose on.
#include <gtest/gtest.h>

#include <set>

#include "analysis/metric_catalog.h"

namespace drydock {
namespace {

TEST(MetricCatalog, FlattensNestedMetricsAndSummarisesFailures) {
  const auto summary = nlohmann::json::parse(R"({"metrics": {
    "churn": 12, "all_running_at": null,
    "time_to_running": {"p95": 3.5, "count": 40},
    "load": {"web": {"dropped_fraction": 0.01, "latency_p99": {"mean": 0.2}}},
    "failures": [
      {"detection_time": 10, "recovery_time": 12, "replicas_lost": 3, "replica_seconds_lost": 30},
      {"detection_time": 14, "recovery_time": null, "replicas_lost": 2, "replica_seconds_lost": 50}]}})");
  const auto m = scalar_metrics(summary);
  EXPECT_EQ(m.at("churn"), 12.0);
  EXPECT_FALSE(m.at("all_running_at").has_value());  // never: no made-up number
  EXPECT_EQ(m.at("time_to_running.p95"), 3.5);
  EXPECT_EQ(m.at("load.web.latency_p99.mean"), 0.2);
  EXPECT_EQ(m.at("failures.count"), 2.0);
  EXPECT_EQ(m.at("failures.detection_time"), 12.0);
  EXPECT_FALSE(m.at("failures.recovery_time").has_value());  // one failure never recovered
  EXPECT_EQ(m.at("failures.replicas_lost"), 5.0);
  EXPECT_EQ(m.at("failures.replica_seconds_lost"), 80.0);
}

TEST(MetricCatalog, DirectionsOfKnownAndPatternedMetrics) {
  EXPECT_EQ(metric_def("time_to_running.p95").direction, Direction::kLowerIsBetter);
  EXPECT_EQ(metric_def("replicas_running_end").direction, Direction::kHigherIsBetter);
  EXPECT_EQ(metric_def("load.web.dropped_fraction").direction, Direction::kLowerIsBetter);
  EXPECT_EQ(metric_def("load.api.latency_p99.p95").direction, Direction::kLowerIsBetter);
  EXPECT_EQ(metric_def("load.web.requests").direction, Direction::kNeutral);
  EXPECT_EQ(metric_def("injected.partitions").direction, Direction::kNeutral);
  EXPECT_EQ(metric_def("something_new").direction, Direction::kNeutral);
  // Every catalog entry with a direction is stated once.
  std::set<std::string> names;
  for (const auto& d : metric_catalog()) EXPECT_TRUE(names.insert(d.name).second) << d.name;
}

}  // namespace
}  // namespace drydock
