// The Google 2011 readers on the real sample in ../shared/traces. Every expected figure is the one its
// README states; the test skips cleanly when the directory is absent.
#include <gtest/gtest.h>

#include "tests/traces/test_support.h"
#include "traces/google2011.h"
#include "traces/trace_open.h"

namespace drydock::traces {
namespace {

using K = TraceEventKind;

TEST(Google2011Real, TaskEventsShardMatchesTheReadme) {
  REQUIRE_TRACE(path, "google2011/task_events/part-00000-of-00500.csv.gz");
  ReaderOptions strict;
  strict.policy = ErrorPolicy::kStrict;  // the real shard has no corrupt row: any would throw here
  GoogleTaskEventsReader r({path}, strict);
  auto counts = testing::count_kinds(r);
  ParseStats s = r.stats();
  EXPECT_EQ(s.rows, 450146u);
  EXPECT_EQ(s.events, 450146u);
  EXPECT_EQ(s.corrupt, 0u);
  EXPECT_EQ(s.out_of_order, 0u);
  EXPECT_EQ(s.bytes, 48233029u) << "uncompressed size of the shard";
  EXPECT_EQ(counts[K::kTaskSubmit], 201491u);
  EXPECT_EQ(counts[K::kTaskSchedule], 189994u);
  EXPECT_EQ(counts[K::kTaskFinish], 43237u);
  EXPECT_EQ(counts[K::kTaskKill], 10505u);
  EXPECT_EQ(counts[K::kTaskEvict], 4338u);
  EXPECT_EQ(counts[K::kTaskFail], 581u);
  EXPECT_EQ(counts[K::kTaskLost], 0u);
}

TEST(Google2011Real, TaskEventsTimeZeroSnapshotAndSpan) {
  REQUIRE_TRACE(path, "google2011/task_events/part-00000-of-00500.csv.gz");
  GoogleTaskEventsReader r({path});
  TraceEvent ev;
  std::uint64_t at_zero = 0;
  Time last = 0;
  while (r.next(ev)) {
    if (ev.time == 0) ++at_zero;
    last = ev.time;
  }
  EXPECT_EQ(at_zero, 277321u);  // README: rows at time 0 = snapshot of what already ran
  EXPECT_GT(last, 5611.0);
  EXPECT_LT(last, 5612.0);  // README: time 0 .. 5,611 s
}

TEST(Google2011Real, HeadSampleIsTheFirst20000RowsOfTheShard) {
  REQUIRE_TRACE(head, "google2011/task_events/part-00000-of-00500.head20000.csv");
  REQUIRE_TRACE(full, "google2011/task_events/part-00000-of-00500.csv.gz");
  GoogleTaskEventsReader a({head}), b({full});
  TraceEvent x, y;
  std::uint64_t n = 0;
  bool same = true;
  while (a.next(x)) {
    ASSERT_TRUE(b.next(y));
    same = same && x.time == y.time && x.job_id == y.job_id && x.task_index == y.task_index && x.kind == y.kind &&
           x.resources == y.resources && x.user == y.user;
    ++n;
  }
  EXPECT_EQ(n, 20000u);
  EXPECT_TRUE(same) << "plain and gzip paths must give identical events";
}

TEST(Google2011Real, MachineEventsMatchTheReadme) {
  REQUIRE_TRACE(path, "google2011/machine_events/part-00000-of-00001.csv.gz");
  GoogleMachineEventsReader r({path});
  std::uint64_t unknown = 0;
  auto counts = testing::count_kinds(r, &unknown);
  ParseStats s = r.stats();
  EXPECT_EQ(s.rows, 37780u);
  EXPECT_EQ(s.corrupt, 0u);
  EXPECT_EQ(s.out_of_order, 0u);
  EXPECT_EQ(counts[K::kMachineAdd], 21443u);
  EXPECT_EQ(counts[K::kMachineRemove], 8957u);
  EXPECT_EQ(counts[K::kMachineUpdate], 7380u);
  EXPECT_EQ(unknown, 32u);  // rows with empty capacities
}

TEST(Google2011Real, MergedDirectoryInterleavesByTime) {
  std::string dir = testing::shared_traces();
  if (dir.empty()) GTEST_SKIP() << "../shared/traces not present";
  auto r = open_trace({dir + "/google2011"});
  TraceEvent ev;
  std::uint64_t machines = 0, tasks = 0;
  Time prev = -1;
  bool ordered = true;
  while (r->next(ev)) {
    ordered = ordered && ev.time >= prev;
    prev = ev.time;
    (is_machine_event(ev.kind) ? machines : tasks)++;
  }
  EXPECT_TRUE(ordered);
  EXPECT_EQ(machines, 37780u);
  EXPECT_EQ(tasks, 450146u);  // the head sample is not read twice
  EXPECT_EQ(r->stats().rows, 37780u + 450146u);
}

}  // namespace
}  // namespace drydock::traces
