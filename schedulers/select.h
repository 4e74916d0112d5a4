// Selection over a column of totals: the highest total, how many hosts share it, and the first of them,
// in one pass (four hosts per step with GCC vector extensions, which lower to SSE2 or AVX2). Exact
// comparisons only, so the result does not depend on the vector width.
#pragma once

#include <cstddef>

namespace drydock {

struct Best {
  double score;       // -infinity when every total is -infinity (no feasible host)
  std::size_t count;  // hosts whose total == score
  std::size_t first;  // the lowest such index
};

Best find_best(const double* totals, std::size_t n);

// The index of the k-th (0-based) total equal to `score`, scanning from `from` (the first one).
std::size_t kth_equal(const double* totals, std::size_t n, double score, std::size_t from, std::size_t k);

}  // namespace drydock
