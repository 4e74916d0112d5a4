// Google 2011 readers on small hand-written tables: units, quirks, and corrupt rows reported by line.
#include <gtest/gtest.h>

#include "tests/traces/test_support.h"
#include "traces/google2011.h"

namespace drydock::traces {
namespace {

using testing::read_all;

TEST(GoogleMachineEvents, ConvertsUnitsAndTimes) {
  const char* text =
      "0,5,0,plat,0.5,0.2493\n"
      "600000000,5,2,plat,1,1\n"
      "700000000,6,1,,,\n"
      "9223372036854775807,7,0,plat,0.25,0.25\n";
  GoogleMachineEventsReader r(text, "machines.csv");
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 4u);
  EXPECT_EQ(evs[0].kind, TraceEventKind::kMachineAdd);
  EXPECT_EQ(evs[0].time, kBeforeWindow);
  EXPECT_DOUBLE_EQ(evs[0].resources.cpu, 16);  // 0.5 of the stated 32-core machine
  EXPECT_DOUBLE_EQ(evs[0].resources.memory_mib, 0.2493 * 128 * 1024);
  EXPECT_TRUE(evs[0].resources_known);
  EXPECT_NE(evs[0].platform, 0u);
  EXPECT_EQ(evs[1].kind, TraceEventKind::kMachineUpdate);
  EXPECT_DOUBLE_EQ(evs[1].time, 600.0);
  EXPECT_EQ(evs[2].kind, TraceEventKind::kMachineRemove);
  EXPECT_FALSE(evs[2].resources_known);  // empty capacities are unknown, not zero-sized machines
  EXPECT_EQ(evs[3].time, kNever);        // 2^63-1 = after the window
  EXPECT_EQ(evs[2].line, 3u);
}

TEST(GoogleMachineEvents, MachineSizeIsAParameter) {
  ReaderOptions o;
  o.units.google_cpu_cores = 64;
  o.units.google_memory_mib = 256 * 1024;
  GoogleMachineEventsReader r("0,1,0,p,0.5,0.5\n", "m.csv", o);
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_DOUBLE_EQ(evs[0].resources.cpu, 32);
  EXPECT_DOUBLE_EQ(evs[0].resources.memory_mib, 128 * 1024);
}

TEST(GoogleTaskEvents, ParsesEveryFieldIncludingInt64IdsAndEmptyOnes) {
  const char* text =
      "0,2,6252020264,0,4155527081,0,userA,3,9,,,,\n"
      "5611086317,,6252020264,13,1436472882,1,userB,2,11,0.0813,0.08862,1.144e-05,1\n";
  GoogleTaskEventsReader r(text, "tasks.csv");
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(evs[0].job_id, 6252020264);  // > 2^32
  EXPECT_EQ(evs[0].machine_id, 4155527081);
  EXPECT_EQ(evs[0].kind, TraceEventKind::kTaskSubmit);
  EXPECT_FALSE(evs[0].resources_known);
  EXPECT_EQ(evs[0].priority, 9);
  EXPECT_EQ(evs[0].scheduling_class, 3);
  EXPECT_EQ(evs[1].kind, TraceEventKind::kTaskSchedule);
  EXPECT_EQ(evs[1].task_index, 13);
  EXPECT_NEAR(evs[1].time, 5611.086317, 1e-9);
  EXPECT_DOUBLE_EQ(evs[1].resources.cpu, 0.0813 * 32);
  EXPECT_TRUE(evs[1].different_machines);
  EXPECT_NE(evs[0].user, evs[1].user);
}

TEST(GoogleTaskEvents, EveryEventTypeMaps) {
  std::string text;
  for (int t = 0; t <= 8; ++t) text += std::to_string(600000000 + t) + ",,1,0,,"+ std::to_string(t) + ",u,0,0,0.1,0.1,0,0\n";
  GoogleTaskEventsReader r(text, "t.csv");
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 9u);
  const TraceEventKind want[] = {TraceEventKind::kTaskSubmit, TraceEventKind::kTaskSchedule, TraceEventKind::kTaskEvict,
                                 TraceEventKind::kTaskFail,   TraceEventKind::kTaskFinish,   TraceEventKind::kTaskKill,
                                 TraceEventKind::kTaskLost,   TraceEventKind::kTaskUpdatePending,
                                 TraceEventKind::kTaskUpdateRunning};
  for (int t = 0; t <= 8; ++t) EXPECT_EQ(evs[t].kind, want[t]) << t;
}

// Line 2: bad event type; line 4: too few fields; line 5: a float where a job id belongs.
const char* kCorrupt =
    "600000000,,1,0,,0,u,0,0,0.1,0.1,0,0\n"
    "600000001,,1,0,,9x,u,0,0,0.1,0.1,0,0\n"
    "600000002,,1,0,,1,u,0,0,0.1,0.1,0,0\n"
    "600000003,,1,0\n"
    "600000004,,1.5,0,,4,u,0,0,0.1,0.1,0,0\n"
    "600000005,,1,0,,4,u,0,0,0.1,0.1,0,0\n";

TEST(GoogleTaskEvents, LenientModeCountsAndNamesEveryCorruptLine) {
  GoogleTaskEventsReader r(kCorrupt, "task_events/part-00007.csv");
  auto evs = read_all(r);
  EXPECT_EQ(evs.size(), 3u);  // lines 1, 3, 6; nothing silently dropped:
  ParseStats s = r.stats();
  EXPECT_EQ(s.corrupt, 3u);
  EXPECT_EQ(s.rows, 3u);
  EXPECT_EQ(s.lines, 6u);
  ASSERT_EQ(s.first_errors.size(), 3u);
  EXPECT_EQ(s.first_errors[0].rfind("task_events/part-00007.csv:2: field 6 (event type)", 0), 0u) << s.first_errors[0];
  EXPECT_NE(s.first_errors[0].find("'9x'"), std::string::npos);
  EXPECT_EQ(s.first_errors[1].rfind("task_events/part-00007.csv:4: expected 13 fields, got 4", 0), 0u) << s.first_errors[1];
  EXPECT_EQ(s.first_errors[2].rfind("task_events/part-00007.csv:5: field 3 (job ID)", 0), 0u) << s.first_errors[2];
  EXPECT_EQ(evs[2].line, 6u);
}

TEST(GoogleTaskEvents, StrictModeThrowsAtTheFirstCorruptLine) {
  ReaderOptions o;
  o.policy = ErrorPolicy::kStrict;
  GoogleTaskEventsReader r(kCorrupt, "t.csv", o);
  TraceEvent ev;
  ASSERT_TRUE(r.next(ev));
  try {
    r.next(ev);
    FAIL() << "line 2 is corrupt";
  } catch (const TraceError& e) {
    EXPECT_EQ(e.file(), "t.csv");
    EXPECT_EQ(e.line(), 2u);
    EXPECT_NE(std::string(e.what()).find("field 6 (event type)"), std::string::npos) << e.what();
  }
}

TEST(GoogleTaskEvents, RejectsValuesOutsideTheSchema) {
  // Each line is well-formed CSV with one impossible value.
  const char* lines[] = {
      "-5,,1,0,,0,u,0,0,0.1,0.1,0,0",        // negative time
      "600000000,,1,0,,0,u,7,0,0.1,0.1,0,0",  // scheduling class 7
      "600000000,,1,0,,0,u,0,12,0.1,0.1,0,0", // priority 12
      "600000000,,1,0,,0,u,0,0,-0.1,0.1,0,0", // negative cpu
      "600000000,,1,0,,0,u,0,0,nan,0.1,0,0",  // not finite
      "600000000,,1,0,,0,u,0,0,0.1,0.1,0,2",  // restriction not boolean
      "600000000,,1,3000000000,,0,u,0,0,0.1,0.1,0,0",  // task index beyond int32
  };
  for (const char* line : lines) {
    GoogleTaskEventsReader r(line, "t.csv");
    EXPECT_TRUE(read_all(r).empty()) << line;
    EXPECT_EQ(r.stats().corrupt, 1u) << line;
  }
}

TEST(GoogleShards, FindsPartsInOrderAndSkipsTheHeadSample) {
  testing::ScratchDir dir;
  dir.write("task_events/part-00001-of-00002.csv.gz", "2000000000,,2,0,,0,u,0,0,0.1,0.1,0,0\n");
  dir.write("task_events/part-00000-of-00002.csv.gz", "1000000000,,1,0,,0,u,0,0,0.1,0.1,0,0\n");
  dir.write("task_events/part-00000-of-00002.head20000.csv", "1000000000,,1,0,,0,u,0,0,0.1,0.1,0,0\n");
  dir.write("machine_events/part-00000-of-00001.csv", "0,1,0,p,0.5,0.5\n1000000000,1,1,p,,\n");
  auto shards = google_shards(dir.path(), "task_events");
  ASSERT_EQ(shards.size(), 2u);
  EXPECT_NE(shards[0].find("part-00000-of-00002.csv.gz"), std::string::npos);
  auto merged = open_google2011_dir(dir.path());
  auto evs = read_all(*merged);
  ASSERT_EQ(evs.size(), 4u);
  EXPECT_EQ(evs[0].kind, TraceEventKind::kMachineAdd);
  // At 1000 s the machine REMOVE comes before the task SUBMIT: machine events win ties.
  EXPECT_EQ(evs[1].kind, TraceEventKind::kMachineRemove);
  EXPECT_EQ(evs[2].job_id, 1);
  EXPECT_EQ(evs[3].job_id, 2);
}

}  // namespace
}  // namespace drydock::traces
