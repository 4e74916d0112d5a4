// Loading results for a report: every missing or corrupt file is refused with its path in the message,
// and the shards of a sweep merge run by run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analysis/results.h"
#include "analysis/run_set.h"
#include "analysis/sweep_plan.h"
#include "tests/analysis/synthetic_results.h"

namespace drydock {
namespace {

using testing::fresh_dir;
using testing::write_synthetic_run;

// The message of the ResultsError `f` throws; fails the test when it throws nothing.
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const ResultsError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no ResultsError";
  return "";
}

std::string one_run(const std::string& name) {
  const std::string root = fresh_dir(name);
  write_synthetic_run(root + "/a/seed-1", "a", 1, {{"churn", 1}});
  return root;
}

TEST(RunSet, MissingSummaryNamesTheFile) {
  const std::string root = one_run("missing-summary");
  // A run directory without summary.json is not a run in a plain tree; in a sweep it is missing.
  write_synthetic_run(root + "/a/seed-2", "a", 2, {{"churn", 1}});
  std::filesystem::remove(root + "/a/seed-2/summary.json");
  EXPECT_EQ(load_run_set({root}).runs.size(), 1u);
  EXPECT_NE(error_of([&] { check_results_dir(root + "/a/seed-2", true); }).find(root + "/a/seed-2/summary.json: missing"),
            std::string::npos);
}

TEST(RunSet, CorruptSummaryNamesTheFile) {
  const std::string root = one_run("corrupt-summary");
  std::ofstream(root + "/a/seed-1/summary.json") << "{\"scenario\": \"x\", \"metrics\": {";  // cut short
  const std::string e = error_of([&] { load_run_set({root}); });
  EXPECT_NE(e.find(root + "/a/seed-1/summary.json"), std::string::npos) << e;
  EXPECT_NE(e.find("corrupt"), std::string::npos) << e;
}

TEST(RunSet, SummaryWithoutPolicyNamesTheFile) {
  const std::string root = one_run("no-policy");
  std::ofstream(root + "/a/seed-1/summary.json") << R"({"scenario": "x", "seed": 1, "metrics": {}})";
  const std::string e = error_of([&] { load_run_set({root}); });
  EXPECT_NE(e.find(root + "/a/seed-1/summary.json"), std::string::npos) << e;
  EXPECT_NE(e.find("policy"), std::string::npos) << e;
}

TEST(RunSet, MissingEventsNamesTheFile) {
  const std::string root = one_run("missing-events");
  std::filesystem::remove(root + "/a/seed-1/events.csv");
  const std::string e = error_of([&] { load_run_set({root}); });
  EXPECT_NE(e.find(root + "/a/seed-1/events.csv: missing"), std::string::npos) << e;
}

TEST(RunSet, CorruptEventsNamesFileAndLine) {
  const std::string root = one_run("corrupt-events");
  std::ofstream(root + "/a/seed-1/events.csv", std::ios::app) << "2.0,started,web\n";  // 3 fields of 6
  const std::string e = error_of([&] { load_run_set({root}); });
  EXPECT_NE(e.find(root + "/a/seed-1/events.csv:7:"), std::string::npos) << e;
}

TEST(RunSet, CorruptTimeseriesNamesFileAndLine) {
  const std::string root = one_run("corrupt-timeseries");
  std::ofstream(root + "/a/seed-1/timeseries.csv", std::ios::app) << "3.0,cluster,all,cpu_allocated,lots\n";
  const std::string e = error_of([&] { load_run_set({root}); });
  EXPECT_NE(e.find(root + "/a/seed-1/timeseries.csv:7:"), std::string::npos) << e;
  std::filesystem::remove(root + "/a/seed-1/timeseries.csv");
  EXPECT_NE(error_of([&] { load_run_set({root}); }).find(root + "/a/seed-1/timeseries.csv: missing"), std::string::npos);
}

// A sweep directory made by hand: sweep.json plus the runs its plan names.
SweepSpec two_by_two() {
  SweepSpec s;
  s.scenario = "synthetic";
  s.policies = {"a", "b"};
  s.seeds = {1, 2};
  s.baseline = "a";
  return s;
}

void write_sweep(const std::string& root, const SweepSpec& spec, const Shard& shard) {
  std::ofstream(root + "/sweep.json") << to_json(spec).dump(2);
  for (const auto& r : shard_runs(plan_runs(spec), shard))
    write_synthetic_run(root + "/" + r.rel_dir, r.policy, r.seed, {{"churn", double(r.seed * 10 + r.policy.size())}});
}

TEST(RunSet, SweepWithMissingRunsIsRefusedUnlessPartial) {
  const std::string root = fresh_dir("sweep-missing");
  write_sweep(root, two_by_two(), {1, 2});
  const std::string e = error_of([&] { load_run_set({root}); });
  EXPECT_NE(e.find("2 of 4 planned runs are missing"), std::string::npos) << e;
  LoadOptions partial;
  partial.allow_partial = true;
  const RunSet set = load_run_set({root}, partial);
  EXPECT_EQ(set.runs.size(), 2u);
  EXPECT_EQ(set.missing.size(), 2u);
}

TEST(RunSet, ShardDirectoriesMergeIntoTheWholeSweep) {
  const std::string one = fresh_dir("shard-1"), two = fresh_dir("shard-2");
  write_sweep(one, two_by_two(), {1, 2});
  write_sweep(two, two_by_two(), {2, 2});
  const RunSet set = load_run_set({one, two});
  ASSERT_EQ(set.runs.size(), 4u);
  EXPECT_TRUE(set.missing.empty());
  // Plan order regardless of which shard held a run.
  EXPECT_EQ(set.runs[0].id, "runs/a/seed-1");
  EXPECT_EQ(set.runs[1].id, "runs/b/seed-1");
  EXPECT_EQ(set.runs[2].id, "runs/a/seed-2");
}

TEST(RunSet, ShardsOfDifferentSweepsAreRefused) {
  const std::string one = fresh_dir("other-1"), two = fresh_dir("other-2");
  write_sweep(one, two_by_two(), {1, 2});
  SweepSpec other = two_by_two();
  other.seeds = {1, 2, 3};
  write_sweep(two, other, {2, 2});
  const std::string e = error_of([&] { load_run_set({one, two}); });
  EXPECT_NE(e.find(two + "/sweep.json: a different sweep"), std::string::npos) << e;
}

TEST(RunSet, TheSameRunDifferingBetweenShardsIsRefused) {
  const std::string one = fresh_dir("conflict-1"), two = fresh_dir("conflict-2");
  write_sweep(one, two_by_two(), {1, 1});
  write_sweep(two, two_by_two(), {1, 1});
  write_synthetic_run(two + "/runs/a/seed-1", "a", 1, {{"churn", 999}});
  const std::string e = error_of([&] { load_run_set({one, two}); });
  EXPECT_NE(e.find(two + "/runs/a/seed-1/summary.json: differs from"), std::string::npos) << e;
}

TEST(RunSet, RunWithTheWrongPolicyIsRefused) {
  const std::string root = fresh_dir("wrong-policy");
  write_sweep(root, two_by_two(), {1, 1});
  write_synthetic_run(root + "/runs/b/seed-2", "a", 2, {{"churn", 1}});
  const std::string e = error_of([&] { load_run_set({root}); });
  EXPECT_NE(e.find(root + "/runs/b/seed-2/summary.json: policy 'a', but the sweep planned 'b'"), std::string::npos) << e;
}

TEST(RunSet, CorruptSweepFileNamesIt) {
  const std::string root = fresh_dir("corrupt-sweep");
  std::ofstream(root + "/sweep.json") << R"({"scenario": "x"})";
  const std::string e = error_of([&] { load_run_set({root}); });
  EXPECT_NE(e.find(root + "/sweep.json: corrupt sweep file"), std::string::npos) << e;
}

}  // namespace
}  // namespace drydock
