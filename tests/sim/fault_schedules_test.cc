// Regression tests for the fault schedules that broke the simulator (issue 19): every case of
// ../shared/repro/fault-schedules/ (skipped when that folder is absent), and the minimal scenario each
// bug shrinks to, kept in tests/sim/fault-schedules/ so the regression is covered without ../shared.
// A run must end cleanly: exit status 0, no invariant violated, no SimGrid abort or crash.
//
//   future_error in a start actor (case-12, case-136)    SimGrid's actor suspension for a hung host resumed an
//                                                         actor caught in a mutex simcall without its answer;
//                                                         hangs now freeze actors cooperatively (host_agent.h)
//   "Cannot destroy conditional" (case-155)               the autoscaler's power-off destroyed image condition
//                                                         variables that killed start actors still waited on
//   segmentation fault (case-186)                         a stop killed the start actor (which yields) and then
//                                                         erased through a stale map iterator
//   rollout surge (case-7, 17, 137, 195, 285)             desired fell during a rollout (a scale down, batch
//                                                         tasks completing) and the planner kept every slot
//   availability floor (case-293)                         a detector below the heartbeat period declared every
//                                                         host down: involuntary losses the floor cannot cover
//   accounted (case-18, case-129)                         a pool host crashed while the autoscaler booted it and
//                                                         came up without telling the control plane its
//                                                         replicas were gone
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/sim/drydock_cli.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;

void expect_clean_run(const fs::path& file) {
  const fs::path out = fs::temp_directory_path() / ("drydock-fault-schedule-" + file.stem().string());
  std::string output;
  const int status = testing::run_drydock("run " + file.string() + " --quiet --out " + out.string(), &output);
  EXPECT_EQ(status, 0) << file << "\n" << output;
  EXPECT_EQ(output.find("invariant violated"), std::string::npos) << output;
  EXPECT_EQ(output.find("CRITICAL"), std::string::npos) << output;
  EXPECT_TRUE(fs::exists(out / "events.csv")) << output;
  fs::remove_all(out);
}

class SharedFaultSchedules : public ::testing::TestWithParam<const char*> {};

TEST_P(SharedFaultSchedules, RunsCleanly) {
  const fs::path file = fs::path(DRYDOCK_REPO_DIR) / ".." / "shared" / "repro" / "fault-schedules" / GetParam();
  if (!fs::exists(file)) GTEST_SKIP() << file << " absent";
  expect_clean_run(file);
}

INSTANTIATE_TEST_SUITE_P(Repro, SharedFaultSchedules,
                         ::testing::Values("case-7.yaml", "case-12.yaml", "case-17.yaml", "case-18.yaml", "case-129.yaml",
                                           "case-136.yaml", "case-137.yaml", "case-155.yaml", "case-186.yaml",
                                           "case-195.yaml", "case-285.yaml", "case-293.yaml"),
                         [](const auto& info) {
                           std::string name = info.param;
                           return name.substr(5, name.size() - 10);  // "case-12.yaml" -> "12"
                         });

TEST(MinimalFaultSchedules, EveryOneRunsCleanly) {
  const fs::path dir = fs::path(DRYDOCK_REPO_DIR) / "tests" / "sim" / "fault-schedules";
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    SCOPED_TRACE(entry.path().filename().string());
    expect_clean_run(entry.path());
    ++cases;
  }
  EXPECT_GE(cases, 6);
}

}  // namespace
}  // namespace drydock
