// Descriptive statistics of a sample of runs and paired differences between two policies, with
// Student-t confidence intervals. A sweep has 5 to 50 seeds per policy: small enough that the normal
// approximation (1.96) would give intervals that are too narrow, so the t quantile is computed exactly.
#pragma once

#include <Eigen/Core>

#include <string>
#include <vector>

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

// kNoPracticalDifference: statistically real but smaller than the metric's stated minimum effect
// (a 0.0001 kWh saving is no saving).
enum class Verdict { kBetter, kWorse, kNoSignificantDifference, kNoPracticalDifference, kDiffers, kNotEnoughData };
const char* to_string(Verdict v);

// The smallest difference worth a verdict: |diff| must reach both `absolute` (in the metric's unit)
// and `relative` x |baseline mean|. Zero: every significant difference counts.
struct MinEffect {
  double absolute = 0, relative = 0;
  double at(double baseline_mean) const;  // the threshold for this baseline
  std::string describe(const std::string& unit) const;  // "0.001 kWh and 1%"
};

struct PairedDifference {
  int pairs = 0;
  SampleStats diff;  // of candidate - baseline, seed by seed
  Verdict verdict = Verdict::kNotEnoughData;
  // The same difference on every seed: an exact figure, not an estimate; no interval is drawn for it.
  bool deterministic = false;
  double p_value = 1;     // two-sided paired t test (0 for a deterministic non-zero difference)
  double p_adjusted = 1;  // after the Holm correction across the comparison's tests (holm_correct)
  double min_effect = 0;  // the threshold applied, in the metric's unit
};

// `candidate` and `baseline` hold the same seeds in the same order (the caller pairs them). The
// difference is significant when its 95% interval excludes zero (p < 0.05); a constant non-zero
// difference (sd = 0) is exact, an all-zero one is none. A significant difference below `min_effect`
// is kNoPracticalDifference.
PairedDifference paired_difference(const Eigen::VectorXd& candidate, const Eigen::VectorXd& baseline,
                                   Direction direction, const MinEffect& min_effect = {});

// Holm's step-down correction over a family of tests (every metric x policy of one comparison):
// sets p_adjusted, and a verdict whose adjusted p is no longer below 0.05 becomes
// kNoSignificantDifference. Exact (deterministic) differences keep p = 0. Controls the chance of any
// false verdict in the family at 5%, where 0.05 per test would give one false verdict in twenty.
void holm_correct(const std::vector<PairedDifference*>& family);

}  // namespace drydock
