// The simulation-vs-live report on two hand-written results directories whose metrics are known by
// construction: 2 replicas on 2 hosts, h2 crashes at 10 s, its replica comes back on h1. The live run
// is slower at everything, by amounts chosen so that each figure in the table can be checked.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analysis/results.h"
#include "analysis/sim_vs_live.h"
#include "synthetic_results.h"

namespace drydock {
namespace {

using testing::fresh_dir;

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string summary(const std::string& runtime, const std::string& scenario, double duration) {
  return R"({"scenario": ")" + scenario + R"(", "runtime": ")" + runtime + R"(", "policy": "spread", "seed": 1,
  "duration": )" + std::to_string(duration) + R"(, "detector": "fixed-timeout",
  "inventory": {"hosts": {"h1": {"cpu": 2, "memory_mib": 8192}, "h2": {"cpu": 2, "memory_mib": 8192}},
                "services": {"web": {"cpu": 0.1, "memory_mib": 16}}},
  "metrics": {"all_running_at": 999}})";  // stale on purpose: the report must recompute from events.csv
}

// Times of: web.1 started, web.2 started, h2 declared down, web.3 placed, web.3 started.
struct Timing {
  double placed, start1, start2, down, replaced_placed, replaced_started;
};

std::string events(const Timing& t) {
  auto f = [](double v) { return std::to_string(v); };
  return "time,kind,service,replica,host,detail\n"
         "0,host_joined,,,h1,\n"
         "0,host_joined,,,h2,\n"
         "0,scaled,web,,,0->2\n"
         "0,submitted,web,web.1,,\n"
         "0,submitted,web,web.2,,\n" +
         f(t.placed) + ",placed,web,web.1,h1,\n" + f(t.placed) + ",placed,web,web.2,h2,\n" + f(t.start1) +
         ",started,web,web.1,h1,\n" + f(t.start2) +
         ",started,web,web.2,h2,\n"
         "10,host_failed,,,h2,crash\n"
         "10,exited,web,web.2,h2,host failed\n" +
         f(t.down) + ",host_declared_down,,,h2,fixed-timeout\n" + f(t.down) + ",removed,web,web.2,h2,\n" + f(t.down) +
         ",submitted,web,web.3,,\n" + f(t.replaced_placed) + ",placed,web,web.3,h1,\n" + f(t.replaced_started) +
         ",started,web,web.3,h1,\n";
}

std::string make_run(const std::string& name, const std::string& runtime, const std::string& scenario,
                     double duration, const Timing& t) {
  const std::string dir = fresh_dir(name);
  write_file(dir + "/summary.json", summary(runtime, scenario, duration));
  write_file(dir + "/events.csv", events(t));
  return dir;
}

const Timing kSim{0.1, 1, 1.5, 25, 25.1, 26};
const Timing kLive{0.2, 3, 5, 26, 26.2, 34};

const MetricGap& gap(const SimLiveComparison& c, const std::string& name) {
  for (const auto& g : c.metrics)
    if (g.def.name == name) return g;
  throw std::runtime_error("no row for " + name);
}

const EventKindGap& kind_gap(const SimLiveComparison& c, EventKind kind) {
  for (const auto& g : c.events)
    if (g.kind == kind) return g;
  throw std::runtime_error("no row for " + std::string(to_string(kind)));
}

TEST(SimVsLive, MetricsOfBothRunsWithTheirErrors) {
  const auto c = compare_sim_live(load_run(make_run("svl-sim", "sim", "tiny", 30, kSim)),
                                  load_run(make_run("svl-live", "live", "tiny", 40, kLive)));
  const auto& all_running = gap(c, "all_running_at");
  EXPECT_DOUBLE_EQ(*all_running.sim, 1.5);  // recomputed, not the summary's 999
  EXPECT_DOUBLE_EQ(*all_running.live, 5);
  EXPECT_DOUBLE_EQ(*all_running.error, -3.5);
  EXPECT_DOUBLE_EQ(*all_running.relative_error, -0.7);

  const auto& detection = gap(c, "failures.detection_time");
  EXPECT_DOUBLE_EQ(*detection.sim, 15);
  EXPECT_DOUBLE_EQ(*detection.live, 16);
  EXPECT_DOUBLE_EQ(*detection.error, -1);
  EXPECT_DOUBLE_EQ(*detection.relative_error, -1.0 / 16);

  const auto& recovery = gap(c, "failures.recovery_time");
  EXPECT_DOUBLE_EQ(*recovery.sim, 16);
  EXPECT_DOUBLE_EQ(*recovery.live, 24);
  EXPECT_DOUBLE_EQ(*recovery.relative_error, -8.0 / 24);

  // One replica missing from the crash until it runs again.
  EXPECT_DOUBLE_EQ(*gap(c, "failures.replica_seconds_lost").sim, 16);
  EXPECT_DOUBLE_EQ(*gap(c, "failures.replica_seconds_lost").live, 24);

  // time to running: sim {1, 1.5, 1}, live {3, 5, 8}.
  EXPECT_DOUBLE_EQ(*gap(c, "time_to_running.p50").sim, 1);
  EXPECT_DOUBLE_EQ(*gap(c, "time_to_running.p50").live, 5);
  EXPECT_DOUBLE_EQ(*gap(c, "time_to_running.max").error, 1.5 - 8);

  const auto& churn = gap(c, "churn");
  EXPECT_DOUBLE_EQ(*churn.sim, 3);
  EXPECT_DOUBLE_EQ(*churn.live, 3);
  EXPECT_DOUBLE_EQ(*churn.error, 0);
  EXPECT_DOUBLE_EQ(*churn.relative_error, 0);  // 0 vs 0 differs by nothing

  // The spread: both end with two replicas on h1 and none on h2.
  EXPECT_DOUBLE_EQ(*gap(c, "running_end.h1").sim, 2);
  EXPECT_DOUBLE_EQ(*gap(c, "running_end.h1").live, 2);
  EXPECT_DOUBLE_EQ(*gap(c, "running_end.h2").live, 0);

  // undetected_failures is 0 in both: a relative error of 0, not a division by zero.
  EXPECT_DOUBLE_EQ(*gap(c, "undetected_failures").relative_error, 0);
}

TEST(SimVsLive, EventsMatchByReplicaAndHost) {
  const auto c = compare_sim_live(load_run(make_run("svl-sim2", "sim", "tiny", 30, kSim)),
                                  load_run(make_run("svl-live2", "live", "tiny", 40, kLive)));
  const auto& started = kind_gap(c, EventKind::kStarted);
  EXPECT_EQ(started.sim_count, 3);
  EXPECT_EQ(started.live_count, 3);
  EXPECT_EQ(started.matched, 3);
  // web.1 -2, web.2 -3.5, web.3 -8
  EXPECT_DOUBLE_EQ(started.diff.mean, -4.5);
  EXPECT_DOUBLE_EQ(started.diff.p50, -3.5);
  EXPECT_DOUBLE_EQ(started.max_abs_diff, 8);

  const auto& down = kind_gap(c, EventKind::kHostDeclaredDown);
  EXPECT_EQ(down.matched, 1);
  EXPECT_DOUBLE_EQ(down.diff.mean, -1);

  const auto& failed = kind_gap(c, EventKind::kHostFailed);
  EXPECT_EQ(failed.matched, 1);
  EXPECT_DOUBLE_EQ(failed.max_abs_diff, 0);

  // Kinds neither run has get no row.
  for (const auto& g : c.events) EXPECT_NE(g.kind, EventKind::kUnschedulable);
}

TEST(SimVsLive, MarkdownShowsTheNumbers) {
  const auto md = sim_live_markdown(compare_sim_live(load_run(make_run("svl-sim3", "sim", "tiny", 30, kSim)),
                                                     load_run(make_run("svl-live3", "live", "tiny", 40, kLive))));
  EXPECT_NE(md.find("| **all_running_at** | s | 1.5 | 5 | -3.5 | -70.0% |"), std::string::npos) << md;
  EXPECT_NE(md.find("| **failures.recovery_time** | s | 16 | 24 | -8 | -33.3% |"), std::string::npos) << md;
  EXPECT_NE(md.find("| churn |  | 3 | 3 | 0 | +0.0% |"), std::string::npos) << md;
  EXPECT_NE(md.find("| started | 3 | 3 | 3 | -4.5 | -3.5 |"), std::string::npos) << md;
}

TEST(SimVsLive, RefusesRunsThatDoNotCompare) {
  const auto sim = make_run("svl-sim4", "sim", "tiny", 30, kSim);
  const auto live = make_run("svl-live4", "live", "tiny", 40, kLive);
  const auto other = make_run("svl-other", "live", "another", 40, kLive);
  try {
    compare_sim_live(load_run(live), load_run(live));
    FAIL() << "a live run was taken for a simulation";
  } catch (const ResultsError& e) {
    EXPECT_NE(std::string(e.what()).find("expected a simulation"), std::string::npos) << e.what();
  }
  try {
    compare_sim_live(load_run(sim), load_run(other));
    FAIL() << "different scenarios were compared";
  } catch (const ResultsError& e) {
    EXPECT_NE(std::string(e.what()).find("different scenarios"), std::string::npos) << e.what();
  }
  // A broken events.csv is named with its line.
  write_file(live + "/events.csv", "time,kind,service,replica,host,detail\n0,host_joined,,,h1,\n1,launched,web,web.1,h1,\n");
  try {
    load_run(live);
    FAIL() << "an unknown event kind was accepted";
  } catch (const ResultsError& e) {
    EXPECT_NE(std::string(e.what()).find("events.csv:3: kind"), std::string::npos) << e.what();
  }
  EXPECT_THROW(load_run(fresh_dir("svl-empty")), ResultsError);
}

}  // namespace
}  // namespace drydock
