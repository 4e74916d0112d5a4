// `drydock trace ...` through CLI11, as a user types it: exit statuses and files.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>

#include "cli/trace_commands.h"
#include "tests/traces/test_support.h"

namespace drydock::traces {
namespace {

// Runs `drydock ARGS...` with only the trace commands; returns the exit status main() would return.
int run(std::vector<std::string> args) {
  CLI::App app{"drydock"};
  add_trace_commands(app);
  std::vector<std::string> argv_storage = {"drydock"};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    return e.get_exit_code() == 0 ? 0 : 100;
  } catch (const std::exception& e) {
    return 101;
  }
  return 0;
}

TEST(TraceCli, StatsExitStatusSaysWhetherRowsWereCorrupt) {
  testing::ScratchDir dir;
  auto good = dir.write("task_events/part-00000-of-00001.csv", "600000000,,1,0,,0,u,0,0,0.1,0.1,0,0\n");
  auto bad = dir.write("bad/task_events.csv", "600000000,,1,0,,0,u,0,0,0.1,0.1,0,0\nnot,a,row\n");
  EXPECT_EQ(run({"trace", "stats", good}), 0);
  EXPECT_EQ(run({"trace", "stats", bad}), 3);             // lenient: read all, report, exit 3
  EXPECT_EQ(run({"trace", "stats", "--strict", bad}), 2); // strict: stop at line 2
  EXPECT_EQ(run({"trace", "stats", "--format", "nope", good}), 100);
  EXPECT_EQ(run({"trace", "stats", dir.path() + "/unknown.dat"}), 101);
}

TEST(TraceCli, GenerateThenStats) {
  testing::ScratchDir dir;
  EXPECT_EQ(run({"trace", "generate", "--out", dir.path(), "--hosts", "50", "--hours", "2", "--seed", "3"}), 0);
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/task_events/part-00000-of-00001.csv.gz"));
  EXPECT_EQ(run({"trace", "stats", dir.path()}), 0);
  EXPECT_EQ(run({"trace", "events", "-n", "5", dir.path()}), 0);
}

}  // namespace
}  // namespace drydock::traces
