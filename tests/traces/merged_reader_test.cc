// Merging streams: time order, ties to the earlier input, and stats summed.
#include "traces/merged_reader.h"

#include <gtest/gtest.h>

#include "tests/traces/test_support.h"
#include "traces/google2011.h"

namespace drydock::traces {
namespace {

TEST(MergedReader, InterleavesByTimeTiesToEarlierInput) {
  std::vector<std::unique_ptr<TraceReader>> in;
  in.push_back(std::make_unique<GoogleMachineEventsReader>("0,1,0,p,1,1\n5000000,1,1,p,,\n", "m.csv"));
  in.push_back(std::make_unique<GoogleTaskEventsReader>(
      "0,,7,0,,0,u,0,0,0.1,0.1,0,0\n5000000,,7,0,1,1,u,0,0,0.1,0.1,0,0\nbad\n9000000,,7,0,1,4,u,0,0,0.1,0.1,0,0\n",
      "t.csv"));
  MergedReader r(std::move(in));
  auto evs = testing::read_all(r);
  ASSERT_EQ(evs.size(), 5u);
  EXPECT_EQ(evs[0].source, 0u);  // time 0: the machine first
  EXPECT_EQ(evs[1].source, 1u);
  EXPECT_EQ(evs[2].kind, TraceEventKind::kMachineRemove);  // 5 s: machine first again
  EXPECT_EQ(evs[3].kind, TraceEventKind::kTaskSchedule);
  EXPECT_EQ(evs[4].kind, TraceEventKind::kTaskFinish);
  auto s = r.stats();
  EXPECT_EQ(s.rows, 5u);
  EXPECT_EQ(s.corrupt, 1u);
  ASSERT_EQ(s.first_errors.size(), 1u);
  EXPECT_EQ(s.first_errors[0].rfind("t.csv:3:", 0), 0u);
}

}  // namespace
}  // namespace drydock::traces
