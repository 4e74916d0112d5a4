// `drydock replay` end to end on a synthetic Google-2011-format trace that the test writes with
// `drydock trace generate`: every task the trace ran is placed by the policy under test, the summary
// says what the trace did beside what the policy did, and one seed gives identical results.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/sim/drydock_cli.h"

namespace {

namespace fs = std::filesystem;

int run(const std::string& args, std::string* output = nullptr) { return drydock::testing::run_drydock(args, output); }
using drydock::testing::slurp;

class Replay : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    trace_ = fs::temp_directory_path() / ("drydock-replay-trace-" + std::to_string(getpid()));
    fs::remove_all(trace_);
    std::string out;
    ASSERT_EQ(run("trace generate --out " + trace_.string() + " --hosts 40 --hours 3 --tasks-per-hour 400 --seed 5",
                  &out),
              0)
        << out;
  }
  static fs::path trace_;
};
fs::path Replay::trace_;

TEST_F(Replay, EveryPolicyPlacesWhatTheTraceRan) {
  for (const char* policy : {"spread", "most-allocated", "random"}) {
    const fs::path out = fs::temp_directory_path() / ("drydock-replay-" + std::string(policy) + std::to_string(getpid()));
    std::string log;
    ASSERT_EQ(run("replay --quiet --trace google2011:" + trace_.string() + " --policy " + policy + " --out " + out.string(),
                  &log),
              0)
        << log;
    const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
    EXPECT_EQ(summary["policy"], policy);
    const auto& trace = summary["trace"];
    EXPECT_GT(trace["tasks_placed_by_trace"].get<int>(), 20) << log;
    // Generous hosts (40 machines, a few dozen tasks over 3 hours): every task the trace ran is placed.
    EXPECT_GE(summary["metrics"]["placed"].get<int>(), trace["tasks_placed_by_trace"].get<int>()) << policy;
    EXPECT_EQ(summary["metrics"]["unschedulable"], 0) << policy;
    EXPECT_GT(summary["metrics"]["exited"].get<int>(), 0) << "batch tasks must finish";
  }
}

TEST_F(Replay, SameSeedSameResults) {
  const fs::path a = fs::temp_directory_path() / ("drydock-replay-a" + std::to_string(getpid()));
  const fs::path b = fs::temp_directory_path() / ("drydock-replay-b" + std::to_string(getpid()));
  for (const auto& dir : {a, b})
    ASSERT_EQ(run("replay --quiet --trace google2011:" + trace_.string() + " --policy random --seed 9 --out " + dir.string()), 0);
  EXPECT_EQ(slurp(a / "events.csv"), slurp(b / "events.csv"));
  EXPECT_EQ(slurp(a / "summary.json"), slurp(b / "summary.json"));
}

TEST_F(Replay, BadTraceArgumentIsAClearError) {
  std::string out;
  EXPECT_NE(run("replay --quiet --trace nonsense", &out), 0);
  EXPECT_NE(out.find("FORMAT:PATH"), std::string::npos) << out;
  EXPECT_NE(run("replay --quiet --trace google2011:/nonexistent/dir", &out), 0);
  EXPECT_NE(out.find("/nonexistent/dir"), std::string::npos) << out;
}

}  // namespace
