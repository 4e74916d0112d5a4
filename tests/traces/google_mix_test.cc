// The built-in Google mix must be what fit_google_mix measures on the real sample, and sampling from
// quantile tables must reproduce them.
#include "traces/google_mix.h"

#include <gtest/gtest.h>

#include "tests/traces/test_support.h"
#include "traces/google2011.h"

namespace drydock::traces {
namespace {

void expect_close(const std::vector<double>& a, const std::vector<double>& b, const char* what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i)
    EXPECT_NEAR(a[i], b[i], 1e-5 * std::max(1.0, std::abs(b[i]))) << what << "[" << i << "]";
}

TEST(GoogleMix, BuiltInConstantsAreTheFitOfTheRealSample) {
  std::string dir = testing::shared_traces();
  if (dir.empty()) GTEST_SKIP() << "../shared/traces not present";
  dir += "/google2011";
  auto fitted = fit_google_mix(google_shards(dir, "machine_events"), google_shards(dir, "task_events"));
  const GoogleMix& builtin = google2011_sample_mix();
  ASSERT_EQ(fitted.task_shapes.size(), builtin.task_shapes.size());
  for (std::size_t i = 0; i < fitted.task_shapes.size(); ++i) {
    EXPECT_NEAR(fitted.task_shapes[i].cpu, builtin.task_shapes[i].cpu, 1e-6) << i;
    EXPECT_NEAR(fitted.task_shapes[i].memory, builtin.task_shapes[i].memory, 1e-6) << i;
    EXPECT_NEAR(fitted.task_shapes[i].weight, builtin.task_shapes[i].weight, 1e-5) << i;
  }
  ASSERT_EQ(fitted.machine_shapes.size(), builtin.machine_shapes.size());
  for (std::size_t i = 0; i < fitted.machine_shapes.size(); ++i)
    EXPECT_NEAR(fitted.machine_shapes[i].weight, builtin.machine_shapes[i].weight, 1e-5) << i;
  expect_close(fitted.priority_weights, builtin.priority_weights, "priority");
  expect_close(fitted.tasks_per_job, builtin.tasks_per_job, "tasks_per_job");
  expect_close(fitted.duration, builtin.duration, "duration");
  expect_close(fitted.schedule_delay, builtin.schedule_delay, "schedule_delay");
  EXPECT_NEAR(fitted.finish, builtin.finish, 1e-5);
  EXPECT_NEAR(fitted.submits_per_machine_hour, builtin.submits_per_machine_hour, 1e-4);
  EXPECT_NEAR(fitted.machine_removes_per_day, builtin.machine_removes_per_day, 1e-6);
}

TEST(GoogleMix, TheSampleMixIsPlausible) {
  // Facts of the 2011 trace that do not depend on our fit: most machines are 0.5 CPU, no task asks
  // for more than one machine, priorities 0..11, weights are distributions.
  const GoogleMix& m = google2011_sample_mix();
  ASSERT_FALSE(m.machine_shapes.empty());
  EXPECT_DOUBLE_EQ(m.machine_shapes[0].cpu, 0.5);
  double w = 0;
  for (const auto& s : m.machine_shapes) w += s.weight;
  EXPECT_NEAR(w, 1.0, 1e-3);
  for (const auto& s : m.task_shapes) EXPECT_LE(s.cpu, 1.0);
  double p = 0;
  for (double x : m.priority_weights) p += x;
  EXPECT_NEAR(p, 1.0, 1e-3);
  EXPECT_NEAR(m.finish + m.kill + m.fail + m.evict, 1.0, 1e-3);
  EXPECT_TRUE(std::is_sorted(m.duration.begin(), m.duration.end()));
}

TEST(GoogleMix, QuantileAndWeightSampling) {
  std::vector<double> q = {0, 10, 20};
  EXPECT_DOUBLE_EQ(sample_quantiles(q, 0.0), 0);
  EXPECT_DOUBLE_EQ(sample_quantiles(q, 0.25), 5);
  EXPECT_DOUBLE_EQ(sample_quantiles(q, 0.75), 15);
  EXPECT_EQ(sample_weights({0.25, 0, 0.75}, 0.1), 0u);
  EXPECT_EQ(sample_weights({0.25, 0, 0.75}, 0.3), 2u);
}

TEST(GoogleMix, FitsAHandWrittenTrace) {
  testing::ScratchDir dir;
  dir.write("machine_events/part-00000-of-00001.csv", "0,1,0,p,0.5,0.5\n0,2,0,p,1,1\n");
  // Job 1: two tasks submitted at 1000 s, scheduled 2 s later, one finishes after 100 s, one is killed.
  dir.write("task_events/part-00000-of-00001.csv",
            "1000000000,,1,0,,0,u,0,2,0.1,0.2,0,0\n"
            "1000000000,,1,1,,0,u,0,2,0.1,0.2,0,0\n"
            "1002000000,,1,0,1,1,u,0,2,0.1,0.2,0,0\n"
            "1002000000,,1,1,2,1,u,0,2,0.1,0.2,0,0\n"
            "1102000000,,1,0,1,4,u,0,2,0.1,0.2,0,0\n"
            "1202000000,,1,1,2,5,u,0,2,0.1,0.2,0,0\n");
  auto m = fit_google_mix(google_shards(dir.path(), "machine_events"), google_shards(dir.path(), "task_events"));
  ASSERT_EQ(m.task_shapes.size(), 1u);
  EXPECT_DOUBLE_EQ(m.task_shapes[0].cpu, 0.1);  // normalised, whatever TraceUnits says
  EXPECT_DOUBLE_EQ(m.task_shapes[0].weight, 1.0);
  EXPECT_DOUBLE_EQ(m.priority_weights[2], 1.0);
  EXPECT_DOUBLE_EQ(m.tasks_per_job.front(), 2);
  EXPECT_DOUBLE_EQ(m.schedule_delay.front(), 2);
  EXPECT_DOUBLE_EQ(m.duration.front(), 100);
  EXPECT_DOUBLE_EQ(m.duration.back(), 200);
  EXPECT_DOUBLE_EQ(m.finish, 0.5);
  EXPECT_DOUBLE_EQ(m.kill, 0.5);
  ASSERT_EQ(m.machine_shapes.size(), 2u);
}

}  // namespace
}  // namespace drydock::traces
