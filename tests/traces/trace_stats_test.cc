// The stats accumulator: counts, span and nearest-rank percentiles.
#include "traces/trace_stats.h"

#include <gtest/gtest.h>

#include <sstream>

namespace drydock::traces {
namespace {

TEST(Distribution, NearestRankQuantiles) {
  Distribution d;
  for (int i = 100; i >= 1; --i) d.add(i);
  EXPECT_EQ(d.count(), 100u);
  EXPECT_EQ(d.quantile(0.5), 50);
  EXPECT_EQ(d.quantile(0.99), 99);
  EXPECT_EQ(d.quantile(1.0), 100);
  EXPECT_EQ(d.quantile(0.0), 1);
  EXPECT_DOUBLE_EQ(d.mean(), 50.5);
}

TEST(Distribution, ReservoirKeepsBoundedMemoryAndSensibleQuantiles) {
  Distribution d;
  const std::uint64_t n = Distribution::kMaxKept * 3;
  for (std::uint64_t i = 0; i < n; ++i) d.add(static_cast<double>(i % 1000));
  EXPECT_EQ(d.count(), n);
  EXPECT_NEAR(d.quantile(0.5), 500, 10);  // uniform 0..999: the sample median is near 500
  EXPECT_EQ(d.max(), 999);
}

TEST(TraceStats, CountsKindsSpanAndDistinctIds) {
  TraceStats s;
  TraceEvent add;
  add.kind = TraceEventKind::kMachineAdd;
  add.machine_id = 4;
  add.resources = {16, 1024, 0};
  add.resources_known = true;
  s.add(add);
  TraceEvent sub;
  sub.kind = TraceEventKind::kTaskSubmit;
  sub.time = 700;
  sub.job_id = 9;
  sub.resources = {0.5, 100, 0};
  sub.resources_known = true;
  s.add(sub);
  sub.time = kNever;
  sub.resources_known = false;
  s.add(sub);
  EXPECT_EQ(s.by_kind[static_cast<int>(TraceEventKind::kTaskSubmit)], 2u);
  EXPECT_EQ(s.at_time_zero, 1u);
  EXPECT_EQ(s.after_window, 1u);
  EXPECT_EQ(s.first, 700);
  EXPECT_EQ(s.unknown_resources, 1u);
  EXPECT_EQ(s.jobs.size(), 1u);
  EXPECT_EQ(s.machine_cpu.quantile(0.5), 16);
  std::ostringstream os;
  s.print(os);
  EXPECT_NE(os.str().find("submit          2"), std::string::npos) << os.str();
}

}  // namespace
}  // namespace drydock::traces
