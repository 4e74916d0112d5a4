// The plain baseline every scoring benchmark is measured against, in the same run on the same machine:
// per placement, every host is re-scored with Eigen array expressions (Kubernetes LeastAllocated over cpu
// and memory, the resource filter as a mask), the best is taken with maxCoeff, and the allocation is
// updated. No index, no blocks, no hand-written vector code: what a careful first version would be.
// It is compiled with the same instruction set as the schedulers library (bench/CMakeLists.txt), so a
// ratio to it measures the policy's technique, not a compiler flag.
#pragma once

#include <span>
#include <string>

#include "model/cluster_state.h"
#include "schedulers/scheduler.h"

namespace drydock::bench {

// Places `batch` on a copy of `state`'s columns (made before the clock starts, by the caller's timing),
// one request after the other; returns how many were placed.
class BaselinePass {
 public:
  explicit BaselinePass(const ClusterState& state);
  std::size_t place(std::span<const PlacementRequest> batch);

 private:
  struct Columns;
  std::shared_ptr<Columns> base_, work_;
};

// Placements per second of the baseline pass over 1,000-request batches on `state`, measured over at
// least `min_seconds` of this thread's CPU time. Cached per host count by the benchmark.
double baseline_rate(const ClusterState& state, std::span<const PlacementRequest> batch, double min_seconds);

// The vector extensions of this CPU and those the build uses ("cpu: avx2 avx512f; build: avx2").
std::string vector_extensions();

// This thread's CPU time in seconds.
double thread_cpu_seconds();

}  // namespace drydock::bench
