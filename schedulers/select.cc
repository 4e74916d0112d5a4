#include "schedulers/select.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace drydock {
namespace {

using v4d = double __attribute__((vector_size(32)));
using v4l = std::int64_t __attribute__((vector_size(32)));

}  // namespace

Best find_best(const double* t, std::size_t n) {
  constexpr double kNeg = -std::numeric_limits<double>::infinity();
  v4d vmax = {kNeg, kNeg, kNeg, kNeg};
  v4l vcount = {0, 0, 0, 0}, vfirst = {0, 0, 0, 0}, idx = {0, 1, 2, 3};
  const v4l one = {1, 1, 1, 1}, four = {4, 4, 4, 4};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    v4d x;
    std::memcpy(&x, t + i, sizeof x);
    const v4l gt = x > vmax, eq = x == vmax;  // lanes: -1 true, 0 false
    vcount = ((vcount - eq) & ~gt) | (one & gt);
    vfirst = (vfirst & ~gt) | (idx & gt);
    vmax = reinterpret_cast<v4d>((reinterpret_cast<v4l>(vmax) & ~gt) | (reinterpret_cast<v4l>(x) & gt));
    idx += four;
  }
  Best b{kNeg, 0, 0};
  for (int lane = 0; lane < 4; ++lane) {
    if (vmax[lane] > b.score) {
      b = {vmax[lane], static_cast<std::size_t>(vcount[lane]), static_cast<std::size_t>(vfirst[lane])};
    } else if (vmax[lane] == b.score) {
      b.count += static_cast<std::size_t>(vcount[lane]);
      if (static_cast<std::size_t>(vfirst[lane]) < b.first) b.first = static_cast<std::size_t>(vfirst[lane]);
    }
  }
  if (n < 4) b = {kNeg, 0, 0};  // no vector step ran: lanes hold nothing
  for (; i < n; ++i) {
    if (t[i] > b.score) {
      b = {t[i], 1, i};
    } else if (t[i] == b.score) {
      ++b.count;
      if (b.count == 1) b.first = i;
    }
  }
  return b;
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

}  // namespace drydock
