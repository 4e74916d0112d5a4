#include "schedulers/sampling.h"

#include <cmath>

namespace drydock {

std::size_t kubernetes_hosts_to_find(std::size_t hosts, double percentage) {
  constexpr std::size_t kMinFeasibleNodesToFind = 100;
  constexpr long kMinFeasibleNodesPercentageToFind = 5;
  if (hosts < kMinFeasibleNodesToFind) return hosts;
  long pct = static_cast<long>(percentage);
  if (pct <= 0) {
    pct = 50 - static_cast<long>(hosts) / 125;  // integer arithmetic, as in Go
    if (pct < kMinFeasibleNodesPercentageToFind) pct = kMinFeasibleNodesPercentageToFind;
  }
  if (pct >= 100) return hosts;
  const std::size_t n = hosts * static_cast<std::size_t>(pct) / 100;
  return n < kMinFeasibleNodesToFind ? kMinFeasibleNodesToFind : n;
}

std::size_t nomad_limit(std::size_t hosts, int limit, bool batch) {
  if (limit > 0) return static_cast<std::size_t>(limit);
  if (batch) return 2;
  std::size_t n = 2;
  if (hosts > 0) {
    const auto log_limit = static_cast<std::size_t>(std::ceil(std::log2(static_cast<double>(hosts))));
    if (log_limit > n) n = log_limit;
  }
  return n;
}

}  // namespace drydock
