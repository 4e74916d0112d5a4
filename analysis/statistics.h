// Descriptive statistics of a sample of runs and paired differences between two policies, with
// Student-t confidence intervals. A sweep has 5 to 50 seeds per policy: small enough that the normal
// approximation (1.96) would give intervals that are too narrow, so the t quantile is computed exactly.
#pragma once

#include <Eigen/Core>

#include <string>

namespace drydock {

// The 1 - alpha two-sided interval uses the (1 - alpha/2) quantile; confidence is 0.95 throughout.
inline constexpr double kConfidence = 0.95;

// Quantile of Student's t distribution with `df` degrees of freedom (df > 0, 0 < p < 1).
double student_t_quantile(double p, double df);
// Its cumulative distribution function.
double student_t_cdf(double t, double df);

struct SampleStats {
  int n = 0;
  double mean = 0, median = 0, p95 = 0, sd = 0;
  // Interval of the mean; NaN when n < 2 (one run says nothing about the spread).
  double ci_low = 0, ci_high = 0;
};

// Mean, median and p95 (linear interpolation, as numpy), sample standard deviation (n - 1) and the
// t interval of the mean. An empty sample gives n = 0 and NaN everywhere.
SampleStats describe(const Eigen::VectorXd& values);

// Which way a metric should move. Neutral metrics are described and tested for a difference, but
// the difference is never called better or worse.
enum class Direction { kLowerIsBetter, kHigherIsBetter, kNeutral };
const char* to_string(Direction d);

enum class Verdict { kBetter, kWorse, kNoSignificantDifference, kDiffers, kNotEnoughData };
const char* to_string(Verdict v);

struct PairedDifference {
  int pairs = 0;
  SampleStats diff;  // of candidate - baseline, seed by seed
  Verdict verdict = Verdict::kNotEnoughData;
};

// `candidate` and `baseline` hold the same seeds in the same order (the caller pairs them). The
// difference is significant when its 95% interval excludes zero; a constant non-zero difference
// (sd = 0) is significant, an all-zero one is not.
PairedDifference paired_difference(const Eigen::VectorXd& candidate, const Eigen::VectorXd& baseline,
                                   Direction direction);

}  // namespace drydock
