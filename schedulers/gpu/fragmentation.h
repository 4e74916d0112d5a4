// GPU fragmentation as the FGD paper measures it (Weng et al., ATC'23; FGD-PROTOCOL.md 2.2 and 2.3).
//
// A workload's "typical pods" are its most common pod shapes (CPU, per-GPU milli, GPU count, accepted
// models) covering 95 % of its pods, each with its frequency renormalised. A node's idle GPU milli is
// "fragment" for a shape when that shape could not use it: the node lacks CPU, or too few of its GPUs
// have room, or its model is not accepted, or the shape wants no GPU at all. The node's fragment is
// the frequency-weighted sum over the typical shapes. The floating-point order below is the authors'
// (category sums walked in shape order, then added q1, q2, q4, xl, xr, no_access): FGD truncates a
// sigmoid of fragment differences to an integer, so a different order can flip a placement.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "schedulers/gpu/gpu_cluster.h"

namespace drydock {

// One pod of the original workload, as the typical-shape count keys it.
struct PodShapeKey {
  std::int64_t cpu_milli = 0;  // 0 counts as Kubernetes' default 100
  int milli = 0;               // per GPU, 0 for CPU-only
  int count = 0;               // GPUs
  std::string models;          // gpu_spec as written: '|'-separated, empty = any
};

struct TypicalShape {
  std::int64_t cpu_milli = 0;  // after the non-zero default
  int milli = 0;
  int count = 0;
  std::string models;
  bool any_model = true;
  std::uint32_t model_mask = 0;  // the cluster's models the shape accepts
  std::int64_t pods = 0;         // pods of the workload with this shape
  double weight = 0;             // renormalised frequency p_k
};

class TypicalShapes {
 public:
  TypicalShapes() = default;
  // Counts shapes, sorts them by count (ties: larger cpu, milli, count, model string first) and keeps
  // them one at a time until they cover `coverage` of the pods.
  TypicalShapes(std::span<const PodShapeKey> pods, const GpuCluster& cluster, double coverage = 0.95);
  const std::vector<TypicalShape>& shapes() const { return shapes_; }
  std::int64_t pods_total() const { return total_; }
  std::int64_t pods_covered() const { return covered_; }
  std::size_t distinct_shapes() const { return distinct_; }

 private:
  std::vector<TypicalShape> shapes_;
  std::int64_t total_ = 0, covered_ = 0;
  std::size_t distinct_ = 0;
};

// The seven categories of a node's idle GPU milli; they add up to the idle total.
struct FragBreakdown {
  double q1_lack_both = 0, q2_lack_gpu = 0, q3_satisfied = 0, q4_lack_cpu = 0;
  double xl_satisfied = 0, xr_lack_cpu = 0, no_access = 0;
  // Everything but q3, added in the authors' order.
  double fragment() const { return q1_lack_both + q2_lack_gpu + q4_lack_cpu + xl_satisfied + xr_lack_cpu + no_access; }
};

// A node's state as fragmentation sees it: free CPU, per-GPU free milli, model id (-1: no GPUs).
FragBreakdown node_fragmentation(std::int64_t cpu_free, std::span<const int> gpu_free, int model,
                                 const TypicalShapes& typical);
inline double node_fragment(std::int64_t cpu_free, std::span<const int> gpu_free, int model, const TypicalShapes& typical) {
  return node_fragmentation(cpu_free, gpu_free, model, typical).fragment();
}

}  // namespace drydock
