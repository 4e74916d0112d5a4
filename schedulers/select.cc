#include "schedulers/select.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace drydock {
namespace {

constexpr double kNeg = -std::numeric_limits<double>::infinity();

using v4d = double __attribute__((vector_size(32)));
using v4l = std::int64_t __attribute__((vector_size(32)));
using v8d = double __attribute__((vector_size(64)));
using v8l = std::int64_t __attribute__((vector_size(64)));

// The highest of t[0, n): four independent accumulators of eight, so that no step waits for the
// previous one's result (a single running max is one long dependency chain).
double max_of(const double* t, std::size_t n) {
  const v8d neg = {kNeg, kNeg, kNeg, kNeg, kNeg, kNeg, kNeg, kNeg};
  v8d m0 = neg, m1 = neg, m2 = neg, m3 = neg;
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    v8d x0, x1, x2, x3;
    std::memcpy(&x0, t + i, sizeof x0);
    std::memcpy(&x1, t + i + 8, sizeof x1);
    std::memcpy(&x2, t + i + 16, sizeof x2);
    std::memcpy(&x3, t + i + 24, sizeof x3);
    m0 = x0 > m0 ? x0 : m0;
    m1 = x1 > m1 ? x1 : m1;
    m2 = x2 > m2 ? x2 : m2;
    m3 = x3 > m3 ? x3 : m3;
  }
  m0 = m1 > m0 ? m1 : m0;
  m2 = m3 > m2 ? m3 : m2;
  m0 = m2 > m0 ? m2 : m0;
  double score = kNeg;
  for (int lane = 0; lane < 8; ++lane) score = m0[lane] > score ? m0[lane] : score;
  for (; i < n; ++i) score = t[i] > score ? t[i] : score;
  return score;
}

// How many of t[0, n) equal `score`: -1 per matching lane, summed in a vector.
std::size_t count_of(const double* t, std::size_t n, double score) {
  const v8d target = {score, score, score, score, score, score, score, score};
  v8l eqs = {0, 0, 0, 0, 0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    v8d x;
    std::memcpy(&x, t + i, sizeof x);
    eqs += (x == target);
  }
  std::int64_t sum = 0;
  for (int lane = 0; lane < 8; ++lane) sum -= eqs[lane];
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
  // Skip whole groups of four by counting their matches (ties are common: integer scores), then find
  // the host within the group that holds the k-th.
  std::size_t i = from;
  const v4d target = {score, score, score, score};
  for (; i + 4 <= n; i += 4) {
    v4d x;
    std::memcpy(&x, t + i, sizeof x);
    const v4l eq = x == target;
    const auto matches = static_cast<std::size_t>(-(eq[0] + eq[1] + eq[2] + eq[3]));
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
