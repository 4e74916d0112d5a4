// 06-FGD, fragmentation gradient descent (Weng et al., ATC'23): the node (and, for a sharing pod, the
// GPU) where placing the pod lowers the node's fragmentation the most against the workload's typical
// shapes: score = int(100 * sigmoid((Frag before - Frag after) / 1000)).
//
// Exact but cached: a node's score for a pod depends only on the node's state and the pod's shape
// (CPU, GPU count, milli), and one placement changes one node, so scores are kept per (node, shape)
// and a node's row is dropped when its version moves. A fill experiment then computes each node's
// fragmentation trials a few dozen times instead of once per arrival.
#include <algorithm>

#include "schedulers/gpu/gpu_policy.h"

namespace drydock {

namespace {

class Fgd final : public GpuPolicy {
 public:
  using GpuPolicy::GpuPolicy;
  std::string_view name() const override { return "fgd"; }

  void prepare(const GpuCluster& cluster, const TypicalShapes& typical) override {
    GpuPolicy::prepare(cluster, typical);
    const std::size_t n = static_cast<std::size_t>(cluster.size());
    row_version_.assign(n, ~std::uint64_t{0});
    before_.assign(n, 0);
    cache_.clear();
    shapes_ = 0;
  }

  void score(const GpuCluster& c, const GpuPod& pod, std::span<const int> feasible, std::span<int> scores, GoRand&) override {
    if (pod.shape >= shapes_) grow(pod.shape + 1);
    for (std::size_t i = 0; i < feasible.size(); ++i) {
      const int n = feasible[i];
      if (row_version_[n] != c.version(n)) {
        row_version_[n] = c.version(n);
        before_[n] = node_fragment(c.cpu_free(n), c.gpu_free(n), c.model(n), *typical_);
        std::fill_n(cache_.begin() + static_cast<std::ptrdiff_t>(n) * shapes_, shapes_, kUnknown);
      }
      if (pod.shape < 0) {
        scores[i] = fgd_score(c, n, pod, *typical_, before_[n]).score;
        continue;
      }
      std::int16_t& cached = cache_[static_cast<std::size_t>(n) * shapes_ + pod.shape];
      if (cached == kUnknown) cached = static_cast<std::int16_t>(fgd_score(c, n, pod, *typical_, before_[n]).score);
      scores[i] = cached;
    }
  }

 private:
  static constexpr std::int16_t kUnknown = -1;
  void grow(int shapes) {
    // Re-lay the table with the wider stride; rows keep their versions.
    std::vector<std::int16_t> wider(row_version_.size() * static_cast<std::size_t>(shapes), kUnknown);
    for (std::size_t n = 0; n < row_version_.size(); ++n)
      std::copy_n(cache_.begin() + static_cast<std::ptrdiff_t>(n) * shapes_, shapes_,
                  wider.begin() + static_cast<std::ptrdiff_t>(n) * shapes);
    cache_.swap(wider);
    shapes_ = shapes;
  }
  std::vector<std::uint64_t> row_version_;
  std::vector<double> before_;
  std::vector<std::int16_t> cache_;
  int shapes_ = 0;
};

}  // namespace

std::unique_ptr<GpuPolicy> make_fgd_policy(GpuChoice choice) { return std::make_unique<Fgd>(choice); }

}  // namespace drydock
