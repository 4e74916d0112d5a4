// A stack file runs in simulation unchanged: `drydock run CLUSTER --with stack.yml` writes the same
// events, byte for byte, as the same services written by hand as a scenario.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/sim/drydock_cli.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;
using drydock::testing::run_drydock;
using drydock::testing::slurp;

TEST(ComposeRun, TheStackRunsAsTheHandWrittenScenario) {
  const fs::path root = fs::temp_directory_path() / ("drydock-compose-run-" + std::to_string(getpid()));
  fs::remove_all(root);
  std::string out;
  ASSERT_EQ(run_drydock("run live/stacks/testbed-cluster.yaml --with live/stacks/testbed-stack.yml --quiet --out " +
                            (root / "stack").string(), &out), 0) << out;
  ASSERT_EQ(run_drydock("run tests/compose/testbed-stack-as-scenario.yaml --quiet --out " + (root / "hand").string(), &out), 0) << out;
  const std::string events = slurp(root / "stack" / "events.csv");
  EXPECT_NE(events.find("placed"), std::string::npos);
  EXPECT_TRUE(events == slurp(root / "hand" / "events.csv"));
  const auto m = nlohmann::json::parse(slurp(root / "stack" / "summary.json"))["metrics"];
  EXPECT_EQ(m["replicas_running_end"], 9);
  fs::remove_all(root);
}

}  // namespace
}  // namespace drydock
