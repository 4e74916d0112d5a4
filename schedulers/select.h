// Selection over a column of totals: the highest total, how many hosts share it, and the first of them
// (GCC vector extensions, which lower to SSE2, AVX2 or AVX-512). Exact comparisons only, so the result
// does not depend on the vector width.
#pragma once

#include <cstddef>
#include <vector>

namespace drydock {

struct Best {
  double score;       // -infinity when every total is -infinity (no feasible host)
  std::size_t count;  // hosts whose total == score (0 when score is -infinity)
  std::size_t first;  // the lowest such index
};

Best find_best(const double* totals, std::size_t n);

// The index of the k-th (0-based) total equal to `score`, scanning from `from` (the first one).
std::size_t kth_equal(const double* totals, std::size_t n, double score, std::size_t from, std::size_t k);

// Selection block by block, while each block of totals is still in cache after its scoring pass: each
// block keeps its best total and tie count, so that the overall best is a merge of a few dozen entries
// and the k-th tie is found by skipping whole blocks rather than scanning every host.
// The result is exactly find_best / kth_equal over the whole column.
class BlockSelect {
 public:
  static constexpr std::size_t kBlock = 512;  // 4 KiB of totals: fits L1 next to the columns' slices

  // Starts a selection over `totals` (read by add() and kth(); must stay valid until the last call).
  void reset(const double* totals);
  // totals[begin, end) are final. Blocks are added in host order and do not overlap.
  void add(std::size_t begin, std::size_t end);
  // After the last add(): the best total, its tie count and first host.
  Best best();
  // The index of the k-th (0-based) host whose total is best().score; k < best().count. After best().
  std::size_t kth(std::size_t k) const;

 private:
  struct Block {
    double score;
    std::size_t count, begin, end;  // count: of totals equal to the overall best (set by best())
  };
  const double* totals_ = nullptr;
  std::vector<Block> blocks_;
  double score_ = 0;  // the best so far
};

}  // namespace drydock
