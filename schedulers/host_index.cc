#include "schedulers/host_index.h"

namespace drydock {

void HostScoreIndex::reset(std::size_t hosts) {
  size_ = 1;
  while (size_ < hosts) size_ *= 2;
  best_.assign(2 * size_, kInfeasible);
  count_.assign(2 * size_, 0);
  // Padding leaves stay infeasible with count 0, so they never count as a tie, even when every real
  // host is infeasible too (top() is then kInfeasible and the caller never asks for kth_top).
  for (std::size_t i = 0; i < hosts; ++i) count_[size_ + i] = 1;
}

void HostScoreIndex::set(std::size_t host, double score) { best_[size_ + host] = score; }

void HostScoreIndex::pull(std::size_t n) {
  const std::size_t l = 2 * n, r = l + 1;
  if (best_[l] > best_[r]) {
    best_[n] = best_[l];
    count_[n] = count_[l];
  } else if (best_[r] > best_[l]) {
    best_[n] = best_[r];
    count_[n] = count_[r];
  } else {
    best_[n] = best_[l];
    count_[n] = count_[l] + count_[r];
  }
}

void HostScoreIndex::rebuild() {
  for (std::size_t n = size_ - 1; n >= 1; --n) pull(n);
}

void HostScoreIndex::update(std::size_t host, double score) {
  std::size_t n = size_ + host;
  best_[n] = score;
  for (n /= 2; n >= 1; n /= 2) pull(n);
}

std::uint32_t HostScoreIndex::kth_top(std::uint32_t k) const {
  const double top = best_[1];
  std::size_t n = 1;
  while (n < size_) {
    const std::size_t l = 2 * n;
    if (best_[l] == top) {
      if (k < count_[l]) {
        n = l;
        continue;
      }
      k -= count_[l];
    }
    n = l + 1;
  }
  return static_cast<std::uint32_t>(n - size_);
}

}  // namespace drydock
