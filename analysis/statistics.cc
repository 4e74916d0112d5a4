#include "analysis/statistics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <vector>

#include "analysis/percentiles.h"

namespace drydock {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of the regularized incomplete beta function (modified Lentz; Numerical Recipes
// 6.4). Converges quickly for x < (a + 1) / (a + b + 2); the caller uses the symmetry otherwise.
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300, kEps = 1e-15;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 500; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEps) break;
  }
  return h;
}

// I_x(a, b), the regularized incomplete beta function.
double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return std::exp(log_front) * beta_continued_fraction(a, b, x) / a;
  return 1 - std::exp(log_front) * beta_continued_fraction(b, a, 1 - x) / b;
}

}  // namespace

double student_t_cdf(double t, double df) {
  if (!(df > 0)) throw std::invalid_argument("student_t_cdf: degrees of freedom must be positive");
  const double tail = 0.5 * incomplete_beta(df / 2, 0.5, df / (df + t * t));  // P(T > |t|)
  return t >= 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, double df) {
  if (!(p > 0 && p < 1)) throw std::invalid_argument("student_t_quantile: p must be in (0, 1)");
  if (!(df > 0)) throw std::invalid_argument("student_t_quantile: degrees of freedom must be positive");
  if (p < 0.5) return -student_t_quantile(1 - p, df);
  // The cdf is monotone: bisect. The upper bracket grows until it holds the quantile (df = 1 at
  // p = 0.9995 needs about 637).
  double lo = 0, hi = 1;
  while (student_t_cdf(hi, df) < p) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * std::max(1.0, hi); ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

SampleStats describe(const Eigen::VectorXd& values) {
  SampleStats s;
  s.n = static_cast<int>(values.size());
  if (s.n == 0) {
    s.mean = s.median = s.p95 = s.sd = s.ci_low = s.ci_high = kNaN;
    return s;
  }
  s.mean = values.mean();
  std::vector<double> sorted(values.data(), values.data() + values.size());
  std::sort(sorted.begin(), sorted.end());
  s.median = percentile_sorted(sorted, 0.50);
  s.p95 = percentile_sorted(sorted, 0.95);
  if (s.n < 2) {
    s.sd = s.ci_low = s.ci_high = kNaN;
    return s;
  }
  // Identical values have no spread; computed, the rounding of the mean would leave about 1e-15.
  s.sd = sorted.front() == sorted.back() ? 0.0 : std::sqrt((values.array() - s.mean).square().sum() / (s.n - 1));
  if (s.sd == 0) s.mean = sorted.front();
  const double half = student_t_quantile(0.5 + kConfidence / 2, s.n - 1) * s.sd / std::sqrt(double(s.n));
  s.ci_low = s.mean - half;
  s.ci_high = s.mean + half;
  return s;
}

const char* to_string(Direction d) {
  switch (d) {
    case Direction::kLowerIsBetter: return "lower is better";
    case Direction::kHigherIsBetter: return "higher is better";
    case Direction::kNeutral: return "neutral";
  }
  return "?";
}

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::kBetter: return "better";
    case Verdict::kWorse: return "worse";
    case Verdict::kNoSignificantDifference: return "no significant difference";
    case Verdict::kNoPracticalDifference: return "no practical difference";
    case Verdict::kDiffers: return "differs";
    case Verdict::kNotEnoughData: return "not enough data";
  }
  return "?";
}

double MinEffect::at(double baseline_mean) const {
  return std::max(absolute, relative * std::fabs(baseline_mean));
}

std::string MinEffect::describe(const std::string& unit) const {
  char text[96] = "";
  if (absolute > 0 && relative > 0)
    std::snprintf(text, sizeof text, "%g%s%s and %g%%", absolute, unit.empty() ? "" : " ", unit.c_str(), relative * 100);
  else if (absolute > 0)
    std::snprintf(text, sizeof text, "%g%s%s", absolute, unit.empty() ? "" : " ", unit.c_str());
  else if (relative > 0)
    std::snprintf(text, sizeof text, "%g%%", relative * 100);
  else
    std::snprintf(text, sizeof text, "any");
  return text;
}

PairedDifference paired_difference(const Eigen::VectorXd& candidate, const Eigen::VectorXd& baseline,
                                   Direction direction, const MinEffect& min_effect) {
  if (candidate.size() != baseline.size())
    throw std::invalid_argument("paired_difference: samples of different sizes");
  PairedDifference p;
  p.pairs = static_cast<int>(candidate.size());
  p.diff = describe(candidate - baseline);
  p.p_value = p.p_adjusted = 1;
  if (p.pairs < 2) return p;  // kNotEnoughData: no interval from one pair
  p.min_effect = min_effect.at(baseline.mean());
  // Rounding in the metrics (e.g. 0.1 + 0.2 style sums) must not turn identical runs into a
  // "significant" difference: a mean within 1e-12 relative of zero with no spread counts as zero.
  const double scale = std::max({1.0, baseline.cwiseAbs().maxCoeff(), candidate.cwiseAbs().maxCoeff()});
  const bool zero_inside = p.diff.ci_low <= 1e-12 * scale && p.diff.ci_high >= -1e-12 * scale;
  p.deterministic = p.diff.sd == 0;
  if (p.deterministic) {
    p.p_value = zero_inside ? 1 : 0;
  } else {
    const double t = p.diff.mean / (p.diff.sd / std::sqrt(static_cast<double>(p.pairs)));
    p.p_value = 2 * (1 - student_t_cdf(std::fabs(t), p.pairs - 1));
  }
  p.p_adjusted = p.p_value;
  if (zero_inside) {
    p.verdict = Verdict::kNoSignificantDifference;
  } else if (std::fabs(p.diff.mean) < p.min_effect) {
    p.verdict = Verdict::kNoPracticalDifference;
  } else if (direction == Direction::kNeutral) {
    p.verdict = Verdict::kDiffers;
  } else {
    const bool lower = p.diff.mean < 0;
    p.verdict = (lower == (direction == Direction::kLowerIsBetter)) ? Verdict::kBetter : Verdict::kWorse;
  }
  return p;
}

void holm_correct(const std::vector<PairedDifference*>& family) {
  std::vector<PairedDifference*> tests;
  for (PairedDifference* t : family) {
    if (t == nullptr) continue;
    if (t->pairs >= 2 && !t->deterministic) tests.push_back(t);
    else t->p_adjusted = t->p_value;  // an exact difference needs no correction
  }
  std::stable_sort(tests.begin(), tests.end(),
                   [](const PairedDifference* a, const PairedDifference* b) { return a->p_value < b->p_value; });
  const double m = static_cast<double>(tests.size());
  double running = 0;  // adjusted p-values are made monotone: never below an earlier (smaller) one's
  for (std::size_t i = 0; i < tests.size(); ++i) {
    running = std::max(running, std::min(1.0, (m - static_cast<double>(i)) * tests[i]->p_value));
    tests[i]->p_adjusted = running;
    const bool was_significant = tests[i]->verdict != Verdict::kNoSignificantDifference &&
                                 tests[i]->verdict != Verdict::kNotEnoughData;
    if (was_significant && running >= 1 - kConfidence) tests[i]->verdict = Verdict::kNoSignificantDifference;
  }
}

}  // namespace drydock
