#include "schedulers/select.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace drydock {
namespace {

constexpr double kNeg = -std::numeric_limits<double>::infinity();

// The machine's own vector width. A generic vector wider than the target's registers is not split into
// native halves when it meets a comparison-select (`a > b ? a : b`): GCC lowers it lane by lane, through
// the stack. With 512-bit vectors on an AVX2 build that made selection 5x slower than a scalar loop.
#if defined(__AVX512F__)
constexpr int kLanes = 8;
#elif defined(__AVX__)
constexpr int kLanes = 4;
#else
constexpr int kLanes = 2;  // SSE2, the x86-64 baseline
#endif
using vd = double __attribute__((vector_size(kLanes * sizeof(double))));
using vl = std::int64_t __attribute__((vector_size(kLanes * sizeof(double))));

vd splat(double x) {
  vd v;
  for (int lane = 0; lane < kLanes; ++lane) v[lane] = x;
  return v;
}

// The highest of t[0, n): four independent vector accumulators, so that no step waits for the
// previous one's result (a single running max is one long dependency chain).
double max_of(const double* t, std::size_t n) {
  const vd neg = splat(kNeg);
  vd m0 = neg, m1 = neg, m2 = neg, m3 = neg;
  std::size_t i = 0;
  for (; i + 4 * kLanes <= n; i += 4 * kLanes) {
    vd x0, x1, x2, x3;
    std::memcpy(&x0, t + i, sizeof x0);
    std::memcpy(&x1, t + i + kLanes, sizeof x1);
    std::memcpy(&x2, t + i + 2 * kLanes, sizeof x2);
    std::memcpy(&x3, t + i + 3 * kLanes, sizeof x3);
    m0 = x0 > m0 ? x0 : m0;
    m1 = x1 > m1 ? x1 : m1;
    m2 = x2 > m2 ? x2 : m2;
    m3 = x3 > m3 ? x3 : m3;
  }
  m0 = m1 > m0 ? m1 : m0;
  m2 = m3 > m2 ? m3 : m2;
  m0 = m2 > m0 ? m2 : m0;
  double score = kNeg;
  for (int lane = 0; lane < kLanes; ++lane) score = m0[lane] > score ? m0[lane] : score;
  for (; i < n; ++i) score = t[i] > score ? t[i] : score;
  return score;
}

// How many of t[0, n) equal `score`: -1 per matching lane, summed in a vector.
std::size_t count_of(const double* t, std::size_t n, double score) {
  const vd target = splat(score);
  vl eqs = {};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    vd x;
    std::memcpy(&x, t + i, sizeof x);
    eqs += (x == target);
  }
  std::int64_t sum = 0;
  for (int lane = 0; lane < kLanes; ++lane) sum -= eqs[lane];
  auto count = static_cast<std::size_t>(sum);
  for (; i < n; ++i) count += t[i] == score;
  return count;
}

}  // namespace

// Two passes over totals that are in cache (a block, or the candidates of a sampled decision): the
// best, then how many share it. Both run at the vector units' throughput, where tracking the two
// together made every step wait for the previous step's best.
Best find_best(const double* t, std::size_t n) {
  const double score = max_of(t, n);
  if (score == kNeg) return {kNeg, 0, 0};
  return {score, count_of(t, n, score), kth_equal(t, n, score, 0, 0)};
}

std::size_t kth_equal(const double* t, std::size_t n, double score, std::size_t from, std::size_t k) {
  // Skip whole vectors by counting their matches (ties are common: integer scores), then find the host
  // within the vector that holds the k-th.
  std::size_t i = from;
  const vd target = splat(score);
  for (; i + kLanes <= n; i += kLanes) {
    vd x;
    std::memcpy(&x, t + i, sizeof x);
    const vl eq = x == target;
    std::int64_t sum = 0;
    for (int lane = 0; lane < kLanes; ++lane) sum -= eq[lane];
    const auto matches = static_cast<std::size_t>(sum);
    if (matches > k) break;
    k -= matches;
  }
  for (; i < n; ++i)
    if (t[i] == score && k-- == 0) return i;
  return from;  // unreachable when k < count
}

void BlockSelect::reset(const double* totals) {
  totals_ = totals;
  blocks_.clear();
  score_ = kNeg;
}

void BlockSelect::add(std::size_t begin, std::size_t end) {
  // Only the block's best now: ties are counted later, and only in blocks that hold the overall best.
  const double score = max_of(totals_ + begin, end - begin);
  blocks_.push_back({score, 0, begin, end});
  if (score > score_) score_ = score;
}

Best BlockSelect::best() {
  if (score_ == kNeg) return {kNeg, 0, 0};
  std::size_t count = 0;
  for (Block& b : blocks_)
    if (b.score == score_) {
      b.count = count_of(totals_ + b.begin, b.end - b.begin, score_);
      count += b.count;
    }
  return {score_, count, kth(0)};
}

std::size_t BlockSelect::kth(std::size_t k) const {
  for (const Block& b : blocks_) {
    if (b.score != score_) continue;
    if (k < b.count) return kth_equal(totals_, b.end, b.score, b.begin, k);
    k -= b.count;
  }
  return 0;  // unreachable when k < best().count
}

}  // namespace drydock
