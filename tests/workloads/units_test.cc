#include "workloads/units.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace drydock {
namespace {

TEST(Units, Seconds) {
  EXPECT_DOUBLE_EQ(parse_seconds("5s"), 5);
  EXPECT_DOUBLE_EQ(parse_seconds("0.1ms"), 1e-4);
  EXPECT_DOUBLE_EQ(parse_seconds("2m"), 120);
  EXPECT_DOUBLE_EQ(parse_seconds("1h"), 3600);
  EXPECT_DOUBLE_EQ(parse_seconds("7"), 7);
  EXPECT_THROW(parse_seconds("5 parsecs"), std::invalid_argument);
  EXPECT_THROW(parse_seconds("soon"), std::invalid_argument);
}

TEST(Units, Bytes) {
  EXPECT_DOUBLE_EQ(parse_bytes("300MB"), 300e6);
  EXPECT_DOUBLE_EQ(parse_bytes("512MiB"), 512.0 * 1048576);
  EXPECT_DOUBLE_EQ(parse_bytes("32GiB"), 32.0 * 1073741824);
  EXPECT_THROW(parse_bytes("3 apples"), std::invalid_argument);
}

TEST(Units, Bandwidth) {
  EXPECT_DOUBLE_EQ(parse_bytes_per_second("1Gbps"), 125e6);
  EXPECT_DOUBLE_EQ(parse_bytes_per_second("125MBps"), 125e6);
  EXPECT_THROW(parse_bytes_per_second("fast"), std::invalid_argument);
}

}  // namespace
}  // namespace drydock
