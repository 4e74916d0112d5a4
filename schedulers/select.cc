#include "schedulers/select.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace drydock {
namespace {

using v4d = double __attribute__((vector_size(32)));
using v4l = std::int64_t __attribute__((vector_size(32)));

}  // namespace

// Two passes rather than one tracking (max, count, first) together: a running max compared and blended
// every step is one long dependency chain (the next step needs this step's max), whereas four
// independent max accumulators and then a count of equals both run at the vector units' throughput.
// The totals are in cache (a block, or the candidates of a sampled decision), so reading them twice is cheap.
Best find_best(const double* t, std::size_t n) {
  constexpr double kNeg = -std::numeric_limits<double>::infinity();
  const v4d neg = {kNeg, kNeg, kNeg, kNeg};
  v4d m0 = neg, m1 = neg, m2 = neg, m3 = neg;
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    v4d x0, x1, x2, x3;
    std::memcpy(&x0, t + i, sizeof x0);
    std::memcpy(&x1, t + i + 4, sizeof x1);
    std::memcpy(&x2, t + i + 8, sizeof x2);
    std::memcpy(&x3, t + i + 12, sizeof x3);
    m0 = x0 > m0 ? x0 : m0;
    m1 = x1 > m1 ? x1 : m1;
    m2 = x2 > m2 ? x2 : m2;
    m3 = x3 > m3 ? x3 : m3;
  }
  m0 = m1 > m0 ? m1 : m0;
  m2 = m3 > m2 ? m3 : m2;
  m0 = m2 > m0 ? m2 : m0;
  double score = kNeg;
  for (int lane = 0; lane < 4; ++lane) score = m0[lane] > score ? m0[lane] : score;
  for (; i < n; ++i) score = t[i] > score ? t[i] : score;
  if (score == kNeg) return {kNeg, 0, 0};
  std::size_t first = 0;
  while (t[first] != score) ++first;
  // Count of equals from `first` on: -1 per matching lane, summed in a vector.
  const v4d target = {score, score, score, score};
  v4l eqs = {0, 0, 0, 0};
  std::size_t j = first;
  for (; j + 4 <= n; j += 4) {
    v4d x;
    std::memcpy(&x, t + j, sizeof x);
    eqs += (x == target);
  }
  std::size_t count = static_cast<std::size_t>(-(eqs[0] + eqs[1] + eqs[2] + eqs[3]));
  for (; j < n; ++j) count += t[j] == score;
  return {score, count, first};
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

void BlockSelect::add(const double* t, std::size_t begin, std::size_t end) {
  Best b = find_best(t + begin, end - begin);
  b.first += begin;
  blocks_.push_back(b);
  ends_.push_back(end);
}

Best BlockSelect::best() const {
  constexpr double kNeg = -std::numeric_limits<double>::infinity();
  Best out{kNeg, 0, 0};
  for (const Best& b : blocks_) {
    if (b.score > out.score) {
      out = b;
    } else if (b.score == out.score && b.score != kNeg) {
      out.count += b.count;  // blocks come in host order: `first` stays the earlier block's
    }
  }
  return out;
}

std::size_t BlockSelect::kth(const double* t, std::size_t k) const {
  const double score = best().score;
  for (std::size_t j = 0; j < blocks_.size(); ++j) {
    if (blocks_[j].score != score) continue;
    if (k < blocks_[j].count) return kth_equal(t, ends_[j], score, blocks_[j].first, k);
    k -= blocks_[j].count;
  }
  return blocks_.empty() ? 0 : best().first;  // unreachable when k < best().count
}

}  // namespace drydock
