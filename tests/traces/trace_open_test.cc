// Opening traces by path: format detection, and unreadable inputs reported with the file's name.
#include "traces/trace_open.h"

#include <gtest/gtest.h>

#include "tests/traces/test_support.h"

namespace drydock::traces {
namespace {

TEST(TraceOpen, DetectsEveryFormatFromItsPath) {
  EXPECT_EQ(detect_trace_format("/d/google2011/task_events/part-00000-of-00500.csv.gz"), TraceFormat::kGoogle2011);
  EXPECT_EQ(detect_trace_format("/d/machine_events/part-00000-of-00001.csv"), TraceFormat::kGoogle2011);
  EXPECT_EQ(detect_trace_format("/d/batch_instance.csv"), TraceFormat::kAlibaba2018);
  EXPECT_EQ(detect_trace_format("/d/openb_pod_list_default.csv"), TraceFormat::kOpenb);
  EXPECT_EQ(detect_trace_format("/d/vmtable.csv.gz"), TraceFormat::kAzure);
  EXPECT_EQ(detect_trace_format("/d/NASA-iPSC-1993-3.1-cln.swf.gz"), TraceFormat::kSwf);
  EXPECT_EQ(detect_trace_format("/d/unknown.csv"), std::nullopt);
  EXPECT_EQ(parse_trace_format("google"), TraceFormat::kGoogle2011);
  EXPECT_EQ(to_string(TraceFormat::kOpenb), "openb");
}

TEST(TraceOpen, DirectoriesAreDetectedByContent) {
  testing::ScratchDir g, a, none;
  g.write("task_events/part-00000-of-00001.csv", "");
  a.write("container_meta.csv", "");
  EXPECT_EQ(detect_trace_format(g.path()), TraceFormat::kGoogle2011);
  EXPECT_EQ(detect_trace_format(a.path()), TraceFormat::kAlibaba2018);
  EXPECT_EQ(detect_trace_format(none.path()), std::nullopt);
  EXPECT_THROW(open_trace({none.path()}), std::runtime_error);
}

TEST(TraceOpen, ShardsGivenOutOfOrderAreReadInShardOrder) {
  testing::ScratchDir dir;
  auto b = dir.write("task_events/part-00001-of-00002.csv", "2000000000,,2,0,,0,u,0,0,0.1,0.1,0,0\n");
  auto a = dir.write("task_events/part-00000-of-00002.csv", "1000000000,,1,0,,0,u,0,0,0.1,0.1,0,0\n");
  auto r = open_trace({b, a});
  auto evs = testing::read_all(*r);
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(evs[0].job_id, 1);
  EXPECT_EQ(r->stats().out_of_order, 0u);
}

TEST(TraceOpen, ATruncatedGzipShardIsATraceErrorNamingTheFile) {
  testing::ScratchDir dir;
  std::string text;
  for (int i = 0; i < 50000; ++i) text += std::to_string(600000000 + i) + ",,1," + std::to_string(i) + ",,0,u,0,0,0.1,0.1,0,0\n";
  auto path = dir.write("task_events/part-00000-of-00001.csv.gz", text);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) * 2 / 3);
  auto r = open_trace({path});  // lenient: a lost tail is still not something to skip
  TraceEvent ev;
  try {
    while (r->next(ev)) {}
    FAIL() << "a truncated shard must not read as a shorter trace";
  } catch (const TraceError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_GT(e.line(), 0u);
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace drydock::traces
