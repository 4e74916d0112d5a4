// The line reader: every line exactly once, whatever the block boundaries, compression or line ends.
#include "traces/line_reader.h"

#include <gtest/gtest.h>

#include "tests/traces/test_support.h"

namespace drydock::traces {
namespace {

std::vector<std::string> lines_of(LineReader r) {
  std::vector<std::string> out;
  std::string_view l;
  while (r.next(l)) out.emplace_back(l);
  return out;
}

TEST(LineReader, SplitsLinesAndStripsCrLf) {
  std::string text = "a,b\r\nc\n\nlast-without-newline";
  auto lines = lines_of(LineReader(memory_byte_source(text), "mem"));
  EXPECT_EQ(lines, (std::vector<std::string>{"a,b", "c", "", "last-without-newline"}));
}

TEST(LineReader, EmptyInputHasNoLines) { EXPECT_TRUE(lines_of(LineReader(memory_byte_source(""), "mem")).empty()); }

TEST(LineReader, LinesLongerThanTheBlockSurviveRefills) {
  // 3 MiB lines force the buffer to grow twice past its 1 MiB block; a file source has no size hint.
  testing::ScratchDir dir;
  std::string big(3 << 20, 'x');
  std::string path = dir.write("big.csv", "short\n" + big + "\n" + big + "y");
  LineReader r = LineReader::open(path);
  auto lines = lines_of(std::move(r));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "short");
  EXPECT_EQ(lines[1], big);
  EXPECT_EQ(lines[2], big + "y");
}

TEST(LineReader, ManySmallLinesAcrossBlockBoundaries) {
  testing::ScratchDir dir;
  std::string text;
  for (int i = 0; i < 200000; ++i) text += std::to_string(i) + "\n";  // ~1.3 MB: crosses a block edge
  for (const char* name : {"n.csv", "n.csv.gz"}) {
    LineReader r = LineReader::open(dir.write(name, text));
    std::string_view l;
    int expect = 0;
    bool ok = true;
    while (r.next(l)) ok = ok && l == std::to_string(expect++);
    EXPECT_TRUE(ok) << name;
    EXPECT_EQ(expect, 200000) << name;
    EXPECT_EQ(r.line_number(), 200000u) << name;
    EXPECT_EQ(r.bytes(), text.size()) << name << ": bytes counts uncompressed input";
  }
}

TEST(LineReader, GzipIsDetectedByContentNotName) {
  testing::ScratchDir dir;
  std::string gz = dir.write("x.csv.gz", "1\n2\n");
  std::filesystem::rename(gz, dir.path() + "/x.csv");
  EXPECT_EQ(lines_of(LineReader::open(dir.path() + "/x.csv")), (std::vector<std::string>{"1", "2"}));
}

TEST(LineReader, TruncatedGzipIsAnErrorNotASilentEnd) {
  testing::ScratchDir dir;
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "row " + std::to_string(i) + " of a table that compresses\n";
  std::string path = dir.write("t.csv.gz", text);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  LineReader r = LineReader::open(path);
  std::string_view l;
  EXPECT_THROW(while (r.next(l)) {}, std::runtime_error);
}

TEST(LineReader, MissingFileNamesThePath) {
  try {
    LineReader::open("/nonexistent/drydock/x.csv");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/drydock/x.csv"), std::string::npos);
  }
}

TEST(ShardedLines, ReadsShardsInOrderAndRestartsLineNumbers) {
  testing::ScratchDir dir;
  std::string a = dir.write("part-00000.csv", "a1\na2\n");
  std::string b = dir.write("part-00001.csv.gz", "b1\n");
  ShardedLines s(std::vector<std::string>{a, b});
  std::string_view l;
  ASSERT_TRUE(s.next(l));
  EXPECT_EQ(l, "a1");
  ASSERT_TRUE(s.next(l));
  EXPECT_EQ(s.line_number(), 2u);
  ASSERT_TRUE(s.next(l));
  EXPECT_EQ(l, "b1");
  EXPECT_EQ(s.line_number(), 1u);
  EXPECT_EQ(s.file(), b);
  EXPECT_FALSE(s.next(l));
  EXPECT_EQ(s.bytes(), 9u);
}

}  // namespace
}  // namespace drydock::traces
