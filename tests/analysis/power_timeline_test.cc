// Power and energy over time (compute_metrics_and_power): hand-computed figures of the stated linear
// model on a two-host run, and the last sample agreeing with the run's energy totals.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analysis/metrics.h"

namespace drydock {
namespace {

// (time, metric) -> value for one scope/name.
std::map<std::pair<double, std::string>, double> rows_of(const std::vector<Sample>& samples, const std::string& scope,
                                                         const std::string& name) {
  std::map<std::pair<double, std::string>, double> out;
  for (const Sample& s : samples)
    if (s.scope == scope && s.name == name) out[{s.time, s.metric}] = s.value;
  return out;
}

// Two 4-cpu hosts up from 0; a 2-cpu replica on h1 from 10 s; h2 fails at 30 s; the run ends at 40 s.
struct TwoHostRun {
  RunInfo info;
  std::vector<Event> events;
  std::vector<Sample> samples;
  TwoHostRun() {
    info.duration = 40;
    info.hosts = {{"h1", Resources{4, 4096}}, {"h2", Resources{4, 4096}}};
    info.services = {{"web", Resources{2, 512}}};
    events = {{0, EventKind::kHostJoined, "", "", "h1", ""},     {0, EventKind::kHostJoined, "", "", "h2", ""},
              {0, EventKind::kSubmitted, "web", "web.1", "", ""}, {10, EventKind::kPlaced, "web", "web.1", "h1", ""},
              {10, EventKind::kStarted, "web", "web.1", "h1", ""}, {30, EventKind::kHostFailed, "", "", "h2", "crash"}};
    for (double t : {0.0, 10.0, 20.0, 40.0}) {
      samples.push_back({t, "cluster", "all", "hosts_up", 2});
      samples.push_back({t, "host", "h1", "up", 1});
      samples.push_back({t, "host", "h2", "up", 1});
    }
  }
};

TEST(PowerTimeline, FollowsTheLinearModelHostByHost) {
  TwoHostRun run;
  const Metrics m = compute_metrics_and_power(run.events, run.info, run.samples);
  const auto cluster = rows_of(run.samples, "cluster", "all");
  // At 0: both hosts idle (100 W each), nothing in use.
  EXPECT_DOUBLE_EQ(cluster.at({0, "power_w_all_up"}), 200);
  EXPECT_DOUBLE_EQ(cluster.at({0, "power_w"}), 0);
  // At 10: h1 half allocated draws 150 W and is in use.
  EXPECT_DOUBLE_EQ(cluster.at({10, "power_w_all_up"}), 250);
  EXPECT_DOUBLE_EQ(cluster.at({10, "power_w"}), 150);
  EXPECT_DOUBLE_EQ(cluster.at({10, "energy_kwh_all_up"}), 2000 / 3.6e6);
  EXPECT_DOUBLE_EQ(cluster.at({20, "energy_kwh_all_up"}), 4500 / 3.6e6);
  EXPECT_DOUBLE_EQ(cluster.at({20, "energy_kwh"}), 1500 / 3.6e6);
  // At 40: h2 off since 30 s.
  EXPECT_DOUBLE_EQ(cluster.at({40, "power_w_all_up"}), 150);
  EXPECT_DOUBLE_EQ(cluster.at({40, "energy_kwh_all_up"}), 8500 / 3.6e6);
  EXPECT_DOUBLE_EQ(cluster.at({40, "energy_kwh"}), 4500 / 3.6e6);
  const auto h1 = rows_of(run.samples, "host", "h1"), h2 = rows_of(run.samples, "host", "h2");
  EXPECT_DOUBLE_EQ(h1.at({40, "power_w"}), 150);
  EXPECT_DOUBLE_EQ(h1.at({40, "energy_kwh"}), 5500 / 3.6e6);
  EXPECT_DOUBLE_EQ(h2.at({40, "power_w"}), 0);
  EXPECT_DOUBLE_EQ(h2.at({40, "energy_kwh"}), 3000 / 3.6e6);
  // The last sample is at the run's end: it carries the summary's totals.
  EXPECT_DOUBLE_EQ(cluster.at({40, "energy_kwh"}), m.energy_kwh);
  EXPECT_DOUBLE_EQ(cluster.at({40, "energy_kwh_all_up"}), m.energy_kwh_all_up);
}

TEST(PowerTimeline, RowsFollowTheirTimesOtherRowsAndLeaveTheMetricsUnchanged) {
  TwoHostRun run;
  const Metrics plain = compute_metrics(run.events, run.info);
  const std::size_t before = run.samples.size();
  const Metrics with_power = compute_metrics_and_power(run.events, run.info, run.samples);
  EXPECT_EQ(plain.energy_kwh, with_power.energy_kwh);
  EXPECT_EQ(plain.energy_kwh_all_up, with_power.energy_kwh_all_up);
  // 4 cluster rows and 2 per host at each of the 4 times.
  EXPECT_EQ(run.samples.size(), before + 4 * (4 + 2 * 2));
  for (std::size_t i = 1; i < run.samples.size(); ++i) EXPECT_LE(run.samples[i - 1].time, run.samples[i].time);
  EXPECT_EQ(run.samples[3].metric, "power_w");  // after the three rows of time 0
}

}  // namespace
}  // namespace drydock
