// Rng: the same seed gives the same stream on every platform, and the derived distributions stay in
// their ranges and are roughly uniform.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "model/rng.h"

namespace drydock {
namespace {

TEST(Rng, SameSeedSameStream) {
  Rng a(7), b(7);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.next(), b.next());
}

TEST(Rng, DifferentSeedsDiffer) {
  Rng a(7), b(8);
  int same = 0;
  for (int i = 0; i < 100; ++i) same += a.next() == b.next();
  EXPECT_EQ(same, 0);
}

TEST(Rng, ReseedRestartsTheStream) {
  Rng a(3);
  std::vector<std::uint64_t> first;
  for (int i = 0; i < 10; ++i) first.push_back(a.next());
  a.reseed(3);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.next(), first[i]);
}

TEST(Rng, SeedZeroIsUsable) {
  // xoshiro must never have an all-zero state; splitmix seeding guarantees that even for seed 0.
  Rng a(0);
  std::uint64_t acc = 0;
  for (int i = 0; i < 8; ++i) acc |= a.next();
  EXPECT_NE(acc, 0u);
}

TEST(Rng, PinnedOutputSoResultsStayComparableAcrossBuilds) {
  // Reference values from an independent implementation of splitmix64 seeding + xoshiro256** (a
  // Python transcription of Blackman & Vigna's C code). If these change, every recorded run's
  // placements change with them: that must be a deliberate, visible decision.
  Rng a(1);
  EXPECT_EQ(a.next(), 0xb3f2af6d0fc710c5ULL);
  EXPECT_EQ(a.next(), 0x853b559647364ceaULL);
  EXPECT_EQ(a.next(), 0x92f89756082a4514ULL);
}

TEST(Rng, UniformInHalfOpenUnitInterval) {
  Rng a(11);
  double lo = 1, hi = 0, sum = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = a.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    sum += u;
  }
  EXPECT_LT(lo, 0.001);
  EXPECT_GT(hi, 0.999);
  EXPECT_NEAR(sum / n, 0.5, 0.01);
}

TEST(Rng, UniformRange) {
  Rng a(12);
  for (int i = 0; i < 10000; ++i) {
    const double u = a.uniform(4.5, 5.5);  // a jittered heartbeat period
    ASSERT_GE(u, 4.5);
    ASSERT_LT(u, 5.5);
  }
}

TEST(Rng, BelowIsInRangeAndRoughlyUniform) {
  Rng a(13);
  const std::uint64_t n = 10;
  const int draws = 100000;
  std::vector<int> counts(n, 0);
  for (int i = 0; i < draws; ++i) {
    const std::uint64_t k = a.below(n);
    ASSERT_LT(k, n);
    ++counts[k];
  }
  // Chi-square with 9 degrees of freedom: 27.9 is the 0.999 quantile. A fixed seed makes this exact.
  double chi2 = 0;
  const double expected = static_cast<double>(draws) / n;
  for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
  EXPECT_LT(chi2, 27.9);
  EXPECT_EQ(a.below(1), 0u);
}

TEST(Rng, ExponentialHasItsMean) {
  Rng a(14);
  double sum = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double x = a.exponential(3.0);
    ASSERT_GE(x, 0.0);
    sum += x;
  }
  EXPECT_NEAR(sum / n, 3.0, 0.05);
}

TEST(Rng, ForkIsDeterministicAndIndependentOfStreamId) {
  Rng a(5), b(5);
  Rng fa = a.fork(1), fb = b.fork(1);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(fa.next(), fb.next());
  Rng c(5);
  Rng f1 = c.fork(1);
  Rng d(5);
  Rng f2 = d.fork(2);
  EXPECT_NE(f1.next(), f2.next());
}

}  // namespace
}  // namespace drydock
