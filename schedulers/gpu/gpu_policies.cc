// Five of the paper's six policies; FGD is in fgd.cc. Integer arithmetic exactly as configured for the
// paper (FGD-PROTOCOL.md 3.1-3.5): the truncations are what make ties, and the ties decide placements.
#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "schedulers/gpu/gpu_policy.h"

namespace drydock {

namespace {

constexpr double kMaxSpecCpu = 128000;  // milli-CPU
constexpr double kMaxSpecGpu = 8000;    // milli-GPU
constexpr int kMaxSpecGpuInt = 8000;

// 01-Random: one feasible node uniformly at random scores 100, the others 0.
class GpuRandom final : public GpuPolicy {
 public:
  using GpuPolicy::GpuPolicy;
  std::string_view name() const override { return "random"; }
  void score(const GpuCluster&, const GpuPod&, std::span<const int> feasible, std::span<int> scores, GoRand& rng) override {
    std::fill(scores.begin(), scores.end(), 0);
    scores[rng.intn(static_cast<int>(feasible.size()))] = 100;
  }
};

// 02-DotProd: the node whose free (CPU, GPU) is least aligned with the demand, both normalised by
// the largest node spec: int(100 * (1 - u.v / 2)).
class DotProduct final : public GpuPolicy {
 public:
  using GpuPolicy::GpuPolicy;
  std::string_view name() const override { return "dot-product"; }
  void score(const GpuCluster& c, const GpuPod& pod, std::span<const int> feasible, std::span<int> scores, GoRand&) override {
    const std::int64_t cpu = pod.score_cpu();
    const double v0 = static_cast<double>(cpu) / kMaxSpecCpu;
    const double v1 = static_cast<double>(pod.gpu_milli_total()) / kMaxSpecGpu;
    for (std::size_t i = 0; i < feasible.size(); ++i) {
      const int n = feasible[i];
      if (c.cpu_free(n) < cpu) {
        scores[i] = 0;
        continue;
      }
      const double u0 = static_cast<double>(c.cpu_free(n)) / kMaxSpecCpu;
      const double u1 = static_cast<double>(c.gpu_free_total(n)) / kMaxSpecGpu;
      const double d = u0 * v0 + u1 * v1;
      scores[i] = static_cast<int>((1.0 - d / 2.0) * 100.0);
    }
  }
};

// 03-GpuClustering: keep pods of one kind (sharing, 1, 2, 4, 8 GPUs) together, smaller nodes first.
class GpuClustering final : public GpuPolicy {
 public:
  using GpuPolicy::GpuPolicy;
  std::string_view name() const override { return "gpu-clustering"; }
  void score(const GpuCluster& c, const GpuPod& pod, std::span<const int> feasible, std::span<int> scores, GoRand&) override {
    const std::uint32_t mine = pod.class_bit();
    for (std::size_t i = 0; i < feasible.size(); ++i) {
      const int n = feasible[i];
      if (mine == 0) {
        scores[i] = 0;
        continue;
      }
      const int b = 25 * (kMaxSpecGpuInt - c.gpu_free_total(n)) / kMaxSpecGpuInt;
      const std::uint32_t held = c.classes(n);
      if (held == mine) scores[i] = 75 + b;
      else if (held & mine) scores[i] = 50 + b;
      else if (held == 0) scores[i] = 25 + b;
      else scores[i] = b;
    }
  }
};

// 04-GpuPacking: a shared GPU before a free GPU on a used node before an idle node.
class GpuPacking final : public GpuPolicy {
 public:
  using GpuPolicy::GpuPolicy;
  std::string_view name() const override { return "gpu-packing"; }
  void score(const GpuCluster& c, const GpuPod& pod, std::span<const int> feasible, std::span<int> scores, GoRand&) override {
    for (std::size_t i = 0; i < feasible.size(); ++i) scores[i] = pod.wants_gpu() ? score_node(c, feasible[i], pod) : 0;
  }
  static int score_node(const GpuCluster& c, int n, const GpuPod& pod) {
    const auto free = c.gpu_free(n);
    const int g = static_cast<int>(free.size());
    if (c.gpu_free_total(n) == g * kMilliPerGpu) return std::max(33 - g, g);
    std::array<int, kMaxGpusPerHost> order{};
    std::iota(order.begin(), order.begin() + g, 0);
    std::stable_sort(order.begin(), order.begin() + g, [&](int a, int b) { return free[a] < free[b]; });
    int taken = 0, whole_taken = 0, percent_sum = 0;
    for (int k = 0; k < g && taken < pod.count; ++k) {
      const int f = free[order[k]];
      if (f < pod.milli) continue;
      ++taken;
      whole_taken += f == kMilliPerGpu;
      percent_sum += f * 100 / kMilliPerGpu;
    }
    if (whole_taken > 0) return std::max(50 - whole_taken, 33);
    return std::max(100 - percent_sum / 10, 50);
  }
};

// 05-BestFit: the tightest leftover in CPU and total free GPU together, then min-max normalised.
class GpuBestFit final : public GpuPolicy {
 public:
  using GpuPolicy::GpuPolicy;
  std::string_view name() const override { return "gpu-best-fit"; }
  void score(const GpuCluster& c, const GpuPod& pod, std::span<const int> feasible, std::span<int> scores, GoRand&) override {
    const std::int64_t cpu = pod.score_cpu();
    const std::int64_t gpu = pod.gpu_milli_total();
    for (std::size_t i = 0; i < feasible.size(); ++i) {
      const int n = feasible[i];
      double s = 0;
      s += (static_cast<double>(c.cpu_free(n) - cpu) / kMaxSpecCpu) * 0.5;
      s += (static_cast<double>(c.gpu_free_total(n) - gpu) / kMaxSpecGpu) * 0.5;
      scores[i] = static_cast<int>((1.0 - s) * 100.0);
    }
  }
  void normalise(std::span<int> scores) const override {
    const auto [lo, hi] = std::minmax_element(scores.begin(), scores.end());
    const std::int64_t l = *lo, h = *hi;
    for (int& s : scores) s = h == l ? 0 : static_cast<int>((s - l) * 100 / (h - l));
  }
};

}  // namespace

std::unique_ptr<GpuPolicy> make_fgd_policy(GpuChoice choice);  // fgd.cc

GpuChoice paper_gpu_choice(std::string_view policy) {
  if (policy == "random") return GpuChoice::kRandom;
  if (policy == "fgd") return GpuChoice::kFgd;
  return GpuChoice::kBest;
}

std::vector<std::string_view> gpu_policy_names() {
  return {"random", "dot-product", "gpu-clustering", "gpu-packing", "gpu-best-fit", "fgd"};
}

std::unique_ptr<GpuPolicy> make_gpu_policy(std::string_view name, const GpuChoice* choice) {
  const GpuChoice c = choice ? *choice : paper_gpu_choice(name);
  if (name == "random") return std::make_unique<GpuRandom>(c);
  if (name == "dot-product") return std::make_unique<DotProduct>(c);
  if (name == "gpu-clustering") return std::make_unique<GpuClustering>(c);
  if (name == "gpu-packing") return std::make_unique<GpuPacking>(c);
  if (name == "gpu-best-fit") return std::make_unique<GpuBestFit>(c);
  if (name == "fgd") return make_fgd_policy(c);
  throw std::invalid_argument("GPU policy '" + std::string(name) +
                              "' (known: random, dot-product, gpu-clustering, gpu-packing, gpu-best-fit, fgd)");
}

}  // namespace drydock
