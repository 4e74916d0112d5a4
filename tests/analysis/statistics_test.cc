// The statistics the verdicts rest on: t quantiles against published tables, intervals that cover the
// true mean as often as they claim, and paired verdicts in both metric directions.
#include <gtest/gtest.h>

#include <random>

#include "analysis/statistics.h"

namespace drydock {
namespace {

Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) out(i++) = x;
  return out;
}

TEST(StudentT, QuantilesMatchPublishedTables) {
  // Two-sided 95% critical values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.7062, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 2), 4.3027, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 4), 2.7764, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 9), 2.2622, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 19), 2.0930, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 30), 2.0423, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 1000), 1.9623, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.995, 9), 3.2498, 1e-4);
  EXPECT_NEAR(student_t_quantile(0.025, 9), -2.2622, 1e-4);  // symmetry
}

TEST(StudentT, CdfIsTheInverseOfTheQuantile) {
  for (double df : {1.0, 3.0, 7.5, 40.0})
    for (double p : {0.01, 0.3, 0.5, 0.9, 0.999}) EXPECT_NEAR(student_t_cdf(student_t_quantile(p, df), df), p, 1e-9);
}

TEST(Describe, KnownSample) {
  const SampleStats s = describe(vec({1, 2, 3, 4, 5}));
  EXPECT_EQ(s.n, 5);
  EXPECT_DOUBLE_EQ(s.mean, 3);
  EXPECT_DOUBLE_EQ(s.median, 3);
  EXPECT_NEAR(s.p95, 4.8, 1e-12);  // numpy.percentile([1..5], 95)
  EXPECT_NEAR(s.sd, 1.5811388, 1e-7);
  const double half = 2.7764451 * 1.5811388 / std::sqrt(5.0);
  EXPECT_NEAR(s.ci_low, 3 - half, 1e-6);
  EXPECT_NEAR(s.ci_high, 3 + half, 1e-6);
}

TEST(Describe, OneRunHasNoInterval) {
  const SampleStats s = describe(vec({7}));
  EXPECT_EQ(s.n, 1);
  EXPECT_DOUBLE_EQ(s.mean, 7);
  EXPECT_TRUE(std::isnan(s.ci_low));
  EXPECT_TRUE(std::isnan(s.sd));
  EXPECT_EQ(describe(Eigen::VectorXd()).n, 0);
}

// The interval must cover the true mean about 95% of the time with 10 runs; a normal-approximation
// interval (1.96) would cover only about 92%.
TEST(Describe, IntervalCoversTheTrueMeanAsOftenAsItClaims) {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> dist(50.0, 8.0);
  constexpr int kTrials = 4000, kN = 10;
  int covered = 0;
  for (int t = 0; t < kTrials; ++t) {
    Eigen::VectorXd v(kN);
    for (int i = 0; i < kN; ++i) v(i) = dist(rng);
    const SampleStats s = describe(v);
    covered += s.ci_low <= 50.0 && 50.0 <= s.ci_high;
  }
  const double rate = static_cast<double>(covered) / kTrials;
  EXPECT_NEAR(rate, 0.95, 0.012) << "coverage " << rate;
}

TEST(PairedDifference, FindsAKnownShiftHiddenBySeedToSeedSpread) {
  // The seeds differ a lot (10..100); the candidate is 1 slower on every seed, +/- 0.2.
  const Eigen::VectorXd base = vec({10, 55, 30, 100, 72, 18, 41, 90});
  const Eigen::VectorXd cand = base + vec({1.1, 0.9, 1.0, 1.2, 0.8, 1.0, 1.1, 0.9});
  const PairedDifference lower = paired_difference(cand, base, Direction::kLowerIsBetter);
  EXPECT_EQ(lower.verdict, Verdict::kWorse);
  EXPECT_LT(lower.diff.ci_low, 1.0);
  EXPECT_GT(lower.diff.ci_high, 1.0);
  EXPECT_GT(lower.diff.ci_low, 0.0);
  EXPECT_EQ(paired_difference(cand, base, Direction::kHigherIsBetter).verdict, Verdict::kBetter);
  EXPECT_EQ(paired_difference(base, cand, Direction::kLowerIsBetter).verdict, Verdict::kBetter);
  EXPECT_EQ(paired_difference(cand, base, Direction::kNeutral).verdict, Verdict::kDiffers);
  // Unpaired, the two means' intervals overlap widely: pairing is what makes the shift visible.
  EXPECT_LT(describe(cand).ci_low, describe(base).ci_high);
}

TEST(PairedDifference, IdenticalPoliciesAreNoSignificantDifference) {
  const Eigen::VectorXd a = vec({3.5, 2.25, 8.0, 4.75});
  EXPECT_EQ(paired_difference(a, a, Direction::kLowerIsBetter).verdict, Verdict::kNoSignificantDifference);
}

TEST(PairedDifference, NoiseAroundZeroIsNoSignificantDifference) {
  const Eigen::VectorXd base = vec({10, 20, 30, 40, 50});
  const Eigen::VectorXd cand = base + vec({0.3, -0.2, 0.1, -0.4, 0.2});
  EXPECT_EQ(paired_difference(cand, base, Direction::kLowerIsBetter).verdict, Verdict::kNoSignificantDifference);
}

TEST(PairedDifference, ConstantShiftIsSignificant) {
  // A deterministic policy difference: the same +2 on every seed, no spread at all.
  const Eigen::VectorXd base = vec({1, 2, 3});
  EXPECT_EQ(paired_difference(base.array() + 2.0, base, Direction::kLowerIsBetter).verdict, Verdict::kWorse);
}

TEST(PairedDifference, OnePairIsNotEnough) {
  EXPECT_EQ(paired_difference(vec({5}), vec({1}), Direction::kLowerIsBetter).verdict, Verdict::kNotEnoughData);
}

}  // namespace
}  // namespace drydock
