// `drydock replay` on the real Google 2011 shard in ../shared/traces (skipped when it is absent): the
// whole machine table (12,477 machines at the start) and the first 900 s of task_events shard 0 (the
// time-0 snapshot of 130k+ running tasks and the first real submissions), under three policies that
// must write comparable summaries, and one of them twice with identical results.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/sim/drydock_cli.h"

namespace {

namespace fs = std::filesystem;

const fs::path kShard = fs::path(DRYDOCK_REPO_DIR) / ".." / "shared" / "traces" / "google2011";

int run(const std::string& args, std::string* output = nullptr) { return drydock::testing::run_drydock(args, output); }
using drydock::testing::slurp;

fs::path replay(const std::string& policy, const std::string& tag) {
  const fs::path out = fs::temp_directory_path() / ("drydock-shard-" + tag + "-" + std::to_string(getpid()));
  fs::remove_all(out);
  std::string log;
  EXPECT_EQ(run("replay --quiet --trace google2011:" + kShard.string() + " --to 900 --policy " + policy + " --out " +
                out.string(),
                &log),
            0)
      << log;
  return out;
}

class GoogleShard : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kShard / "task_events" / "part-00000-of-00500.csv.gz"))
      GTEST_SKIP() << "no Google 2011 shard at " << kShard;
  }
};

TEST_F(GoogleShard, ThreePoliciesReplayTheSameTraceAndReportComparableSummaries) {
  nlohmann::json first_trace;
  for (const char* policy : {"spread", "most-allocated", "least-allocated"}) {
    const fs::path out = replay(policy, policy);
    const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
    const auto& trace = summary["trace"];
    const auto& m = summary["metrics"];
    EXPECT_EQ(summary["policy"], policy);
    EXPECT_EQ(trace["machines"].get<int>(), 12477) << "machines added by t=900 s";
    EXPECT_GT(trace["tasks_placed_by_trace"].get<int>(), 130000);
    // The policy places the great majority of what the trace ran (the rest is reported unschedulable,
    // each with its reason: the trace packed machines tighter than a fresh placement can).
    EXPECT_GT(m["placed"].get<int>(), 110000) << policy;
    EXPECT_LE(m["placed"].get<int>(), m["submitted"].get<int>()) << policy;
    EXPECT_GT(m["completed"].get<int>(), 0) << "batch tasks finish as the trace says";
    if (first_trace.is_null())
      first_trace = trace;
    else
      EXPECT_EQ(trace["tasks_placed_by_trace"], first_trace["tasks_placed_by_trace"]) << "same input, any policy";
  }
}

TEST_F(GoogleShard, SameSeedSameResults) {
  const fs::path a = replay("spread", "a");
  const fs::path b = replay("spread", "b");
  EXPECT_EQ(slurp(a / "events.csv"), slurp(b / "events.csv"));
  EXPECT_EQ(slurp(a / "summary.json"), slurp(b / "summary.json"));
}

}  // namespace
