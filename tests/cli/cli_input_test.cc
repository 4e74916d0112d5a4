// Inputs that were once silently accepted (issue 18), each now refused with an error that names the
// option or the file, line and field, and exit status 1; and the inputs that must keep working.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "drydock_cli.h"

namespace fs = std::filesystem;
using drydock::testing::run_drydock;
using drydock::testing::slurp;

namespace {

const std::string kScenario = std::string(DRYDOCK_SOURCE_DIR) + "/workloads/scenarios/seed-100-replicas.yaml";

class CliInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("drydock-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Expects exit status 1 and every fragment in the output.
  void refused(const std::string& args, std::initializer_list<const char*> fragments) {
    std::string out;
    EXPECT_EQ(run_drydock(args, &out), 1) << args << "\n" << out;
    for (const char* f : fragments) EXPECT_NE(out.find(f), std::string::npos) << args << ": no '" << f << "' in\n" << out;
  }
  fs::path dir_;
};

TEST_F(CliInput, DurationTakesTheScenarioUnits) {
  // `--duration 1h` was read as 1 s; now it is an hour, as `duration: 1h` in the file.
  std::string out;
  ASSERT_EQ(run_drydock("run " + kScenario + " --quiet --duration 16m --out " + (dir_ / "r").string(), &out), 0) << out;
  const auto summary = nlohmann::json::parse(slurp(dir_ / "r" / "summary.json"));
  EXPECT_DOUBLE_EQ(summary["duration"].get<double>(), 960.0) << summary.dump();
}

TEST_F(CliInput, DurationWithAnUnknownUnitIsRefused) {
  refused("run " + kScenario + " --quiet --duration 5x --out " + (dir_ / "r").string(), {"--duration '5x'", "unknown time unit"});
  refused("run " + kScenario + " --quiet --duration -3s --out " + (dir_ / "r").string(), {"--duration", "positive"});
  EXPECT_FALSE(fs::exists(dir_ / "r" / "summary.json"));
}

TEST_F(CliInput, ExplainDownOfAnUnknownHostIsRefused) {
  refused("explain " + kScenario + " --down worker-99", {"--down worker-99", "no host 'worker-99'"});
  std::string out;
  EXPECT_EQ(run_drydock("explain " + kScenario + " --down worker-1 --top 1", &out), 0) << out;
}

TEST_F(CliInput, ReplayWindowEndingBeforeItStartsIsRefused) {
  // Refused before any trace is read: the path need not exist.
  refused("replay --trace google2011:" + (dir_ / "none").string() + " --from 900 --to 600 --quiet",
          {"--to 600", "--from 900", "empty"});
  refused("replay --trace google2011:" + (dir_ / "none").string() + " --from 10q --quiet", {"--from '10q'"});
}

TEST_F(CliInput, MemoryWithoutAUnitIsRefusedWithFileLineAndField) {
  std::string text = slurp(kScenario);
  const auto at = text.find("memory: 32GiB");
  ASSERT_NE(at, std::string::npos) << "the standard scenario changed";
  text.replace(at, 13, "memory: 32");
  const fs::path bad = dir_ / "bad.yaml";
  std::ofstream(bad) << text;
  int line = 1;
  for (std::size_t i = 0; i < at; ++i) line += text[i] == '\n';
  refused("run " + bad.string() + " --quiet --out " + (dir_ / "r").string(),
          {("bad.yaml:" + std::to_string(line) + ":").c_str(), ".memory", "no unit"});
}

TEST_F(CliInput, OptionErrorsExitOneWithDidYouMean) {
  refused("run " + kScenario + " --polcy spread", {"--polcy", "did you mean '--policy'"});
  refused("run " + kScenario + " --seed abc", {"--seed"});
  refused("rnu " + kScenario, {"unknown command 'rnu'", "did you mean 'run'"});
  refused("run " + kScenario + " --quiet --policy sprad --out " + (dir_ / "r").string(),
          {"unknown policy 'sprad'", "did you mean 'spread'"});
}

TEST_F(CliInput, VersionPrintsTheCodeVersionSummaryRecords) {
  std::string version, out;
  ASSERT_EQ(run_drydock("--version", &version), 0) << version;
  ASSERT_EQ(run_drydock("run " + kScenario + " --quiet --duration 16m --out " + (dir_ / "r").string(), &out), 0) << out;
  const auto summary = nlohmann::json::parse(slurp(dir_ / "r" / "summary.json"));
  const std::string recorded = summary["code_version"].get<std::string>();
  EXPECT_FALSE(recorded.empty());
  EXPECT_NE(version.find(recorded), std::string::npos) << version << " vs " << recorded;
}

}  // namespace
