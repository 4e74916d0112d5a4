// A segment tree over hosts holding each host's score, answering "what is the top score, how many hosts
// share it, and which is the k-th of them in host-id order" in O(log N), and updating one host in
// O(log N). It is what lets a policy whose score depends only on the host's own state re-score just the
// host that changed and still make the decision full scoring would make, tie-break included.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace drydock {

class HostScoreIndex {
 public:
  static constexpr double kInfeasible = -std::numeric_limits<double>::infinity();

  void reset(std::size_t hosts);          // every host infeasible
  void set(std::size_t host, double score);  // then call rebuild() (bulk) or use update()
  void rebuild();
  void update(std::size_t host, double score);

  double top() const { return best_[1]; }
  std::uint32_t top_count() const { return count_[1]; }
  // The k-th (0-based, host-id order) host whose score equals top(); k < top_count().
  std::uint32_t kth_top(std::uint32_t k) const;
  double score(std::size_t host) const { return best_[size_ + host]; }
  std::size_t memory_bytes() const { return best_.capacity() * sizeof(double) + count_.capacity() * 4; }

 private:
  void pull(std::size_t node);
  std::size_t size_ = 1;  // leaves, a power of two
  std::vector<double> best_;
  std::vector<std::uint32_t> count_;
};

}  // namespace drydock
