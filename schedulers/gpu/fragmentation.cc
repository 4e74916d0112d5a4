#include "schedulers/gpu/fragmentation.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "model/gpu.h"

namespace drydock {

TypicalShapes::TypicalShapes(std::span<const PodShapeKey> pods, const GpuCluster& cluster, double coverage) {
  using Key = std::tuple<std::int64_t, int, int, std::string>;
  std::map<Key, std::int64_t> counts;
  for (const PodShapeKey& p : pods)
    ++counts[Key{p.cpu_milli == 0 ? 100 : p.cpu_milli, p.milli, p.count, p.models}];
  std::vector<std::pair<Key, std::int64_t>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return a.first > b.first;  // field by field, larger first
  });
  total_ = static_cast<std::int64_t>(pods.size());
  distinct_ = sorted.size();
  for (const auto& [key, n] : sorted) {
    if (total_ > 0 && static_cast<double>(covered_) / static_cast<double>(total_) >= coverage) break;
    TypicalShape s;
    std::tie(s.cpu_milli, s.milli, s.count, s.models) = key;
    const auto models = split_gpu_models(s.models);
    s.any_model = models.empty();
    for (const auto& m : models)
      if (int id = cluster.model_id(m); id >= 0) s.model_mask |= 1u << id;
    s.pods = n;
    covered_ += n;
    shapes_.push_back(std::move(s));
  }
  // p_k = (n_k / N) / (cum / N), not n_k / cum: the two differ in the last bit, and FGD's truncated
  // sigmoid sees that bit when a CPU-only pod moves a shape from one fragment category to another.
  const double n_total = static_cast<double>(total_);
  const double share_covered = static_cast<double>(covered_) / n_total;
  for (TypicalShape& s : shapes_)
    s.weight = covered_ == total_ ? static_cast<double>(s.pods) / n_total : (static_cast<double>(s.pods) / n_total) / share_covered;
}

FragBreakdown node_fragmentation(std::int64_t cpu_free, std::span<const int> gpu_free, int model,
                                 const TypicalShapes& typical) {
  FragBreakdown b;
  int idle = 0;
  for (int f : gpu_free) idle += f;
  const double idle_d = idle;
  for (const TypicalShape& k : typical.shapes()) {
    const double p = k.weight;
    const bool cpu_fits = cpu_free >= k.cpu_milli;
    if (k.milli == 0) {
      (cpu_fits ? b.xl_satisfied : b.xr_lack_cpu) += p * idle_d;
      continue;
    }
    if (!k.any_model && (model < 0 || !((k.model_mask >> model) & 1u))) {
      b.no_access += p * idle_d;
      continue;
    }
    int fitting = 0, too_small = 0;
    for (int f : gpu_free) {
      if (f >= k.milli) ++fitting;
      else too_small += f;
    }
    const bool gpu_fits = fitting >= k.count;
    if (gpu_fits && cpu_fits) {
      b.q2_lack_gpu += p * static_cast<double>(too_small);  // GPUs too small for the shape are fragment
      b.q3_satisfied += p * static_cast<double>(idle - too_small);
    } else if (gpu_fits) {
      b.q4_lack_cpu += p * idle_d;
    } else if (cpu_fits) {
      b.q2_lack_gpu += p * idle_d;
    } else {
      b.q1_lack_both += p * idle_d;
    }
  }
  return b;
}

}  // namespace drydock
