// The Standard Workload Format: fixtures, and the real NASA iPSC log in ../shared/traces.
#include <gtest/gtest.h>

#include "tests/traces/test_support.h"
#include "traces/swf.h"
#include "traces/trace_open.h"

namespace drydock::traces {
namespace {

using testing::read_all;
using K = TraceEventKind;

const char* kLog =
    "; Version: 2.2\n"
    "; MaxNodes: 4\n"
    "; MaxProcs: 8\n"
    ";\n"
    "    1        0     -1   1451  8     -1    -1   -1     -1    -1 -1   1   1  -1 -1 -1 -1 -1\n"
    "    2     1460     10   3726  2     -1  1024    2     -1    -1  0   2   1   3  1 -1 -1 -1\n"
    "    3     2000     -1     -1 -1     -1    -1    4    100  2048  5   2   1   3  0 -1 -1 -1\n";

TEST(Swf, HeaderMachinesThenJobsAsGangsOfProcessors) {
  SwfReader r(kLog, "log.swf");
  auto evs = read_all(r);
  EXPECT_EQ(r.max_nodes(), 4);
  EXPECT_EQ(r.max_procs(), 8);
  auto counts = testing::count_kinds(evs);
  EXPECT_EQ(counts[K::kMachineAdd], 4u);
  EXPECT_EQ(counts[K::kTaskSubmit], 3u);
  EXPECT_EQ(counts[K::kTaskSchedule], 3u);
  EXPECT_EQ(counts[K::kTaskFinish], 1u);
  EXPECT_EQ(counts[K::kTaskFail], 1u);
  EXPECT_EQ(counts[K::kTaskKill], 0u);  // job 3 has run time -1: no end
  ASSERT_GE(evs.size(), 5u);
  EXPECT_DOUBLE_EQ(evs[0].resources.cpu, 2);  // 8 processors over 4 nodes
  const TraceEvent* job2 = nullptr;
  for (const auto& e : evs)
    if (e.job_id == 2 && e.kind == K::kTaskSchedule) job2 = &e;
  ASSERT_NE(job2, nullptr);
  EXPECT_EQ(job2->time, 1470);  // submit + wait
  EXPECT_EQ(job2->count, 2);
  EXPECT_DOUBLE_EQ(job2->resources.cpu, 1);
  EXPECT_DOUBLE_EQ(job2->resources.memory_mib, 1);  // 1024 KB per processor
  for (std::size_t i = 1; i < evs.size(); ++i) EXPECT_LE(evs[i - 1].time, evs[i].time);
  EXPECT_EQ(evs.back().kind, K::kTaskFail);  // job 2 ends at 1470 + 3726 = 5196, the last event
  EXPECT_EQ(evs.back().time, 5196);
}

TEST(Swf, CorruptLinesAreNamed) {
  std::string text = std::string(kLog) + "    4  abc -1 1 1 -1 -1 -1 -1 -1 1 1 1 -1 -1 -1 -1 -1\n" + "5 1 2 3\n";
  SwfReader r(text, "log.swf");
  read_all(r);
  auto s = r.stats();
  ASSERT_EQ(s.corrupt, 2u);
  EXPECT_EQ(s.first_errors[0].rfind("log.swf:8: field 2 (submit time)", 0), 0u) << s.first_errors[0];
  EXPECT_EQ(s.first_errors[1].rfind("log.swf:9: expected 18 fields, got 4", 0), 0u) << s.first_errors[1];
}

TEST(Swf, RealNasaLogMatchesTheReadme) {
  REQUIRE_TRACE(path, "swf/NASA-iPSC-1993-3.1-cln.swf.gz");
  ReaderOptions strict;
  strict.policy = ErrorPolicy::kStrict;
  auto r = open_trace({path}, std::nullopt, strict);
  auto counts = testing::count_kinds(*r);
  auto s = r->stats();
  EXPECT_EQ(s.rows, 18239u);  // README: 18,239 jobs
  EXPECT_EQ(counts[K::kTaskSubmit], 18239u);
  EXPECT_EQ(counts[K::kMachineAdd], 128u);  // a 128-node machine
  EXPECT_EQ(s.out_of_order, 0u);
  // README: status is -1 throughout, which this reader maps to FINISH.
  EXPECT_EQ(counts[K::kTaskFail] + counts[K::kTaskKill], 0u);
}

}  // namespace
}  // namespace drydock::traces
