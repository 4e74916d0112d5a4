#include "baseline_pass.h"

#include <time.h>

#include <Eigen/Core>
#include <limits>
#include <memory>

namespace drydock::bench {

struct BaselinePass::Columns {
  Eigen::ArrayXd cap[3], alloc[3];
  Eigen::Array<bool, Eigen::Dynamic, 1> schedulable;
};

BaselinePass::BaselinePass(const ClusterState& state)
    : base_(std::make_shared<Columns>()), work_(std::make_shared<Columns>()) {
  const auto n = static_cast<Eigen::Index>(state.host_count());
  for (int d = 0; d < 3; ++d) {
    const auto cap = state.capacity_column(static_cast<Dim>(d));
    const auto alloc = state.allocated_column(static_cast<Dim>(d));
    base_->cap[d] = Eigen::Map<const Eigen::ArrayXd>(cap.data(), n);
    base_->alloc[d] = Eigen::Map<const Eigen::ArrayXd>(alloc.data(), n);
  }
  base_->schedulable.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) base_->schedulable[i] = state.schedulable_column()[i] != 0;
}

std::size_t BaselinePass::place(std::span<const PlacementRequest> batch) {
  *work_ = *base_;
  Columns& c = *work_;
  constexpr double kNeg = -std::numeric_limits<double>::infinity();
  constexpr double kEps = 1e-9;
  std::size_t placed = 0;
  for (const PlacementRequest& r : batch) {
    const Resources& q = r.spec->request;
    const auto fits = c.schedulable && (c.alloc[0] + q.cpu <= c.cap[0] + kEps) &&
                      (c.alloc[1] + q.memory_mib <= c.cap[1] + kEps) && (c.alloc[2] + q.gpu <= c.cap[2] + kEps);
    // Kubernetes LeastAllocated: per resource floor((capacity - requested) * 100 / capacity), then the
    // floor of their mean.
    const auto cpu = ((c.cap[0] - (c.alloc[0] + q.cpu)) * 100.0 / c.cap[0] + kEps).floor();
    const auto mem = ((c.cap[1] - (c.alloc[1] + q.memory_mib)) * 100.0 / c.cap[1] + kEps).floor();
    const Eigen::ArrayXd score = fits.select(((cpu + mem) / 2.0 + kEps).floor(), kNeg);
    Eigen::Index best = 0;
    if (score.maxCoeff(&best) == kNeg) continue;
    c.alloc[0][best] += q.cpu;
    c.alloc[1][best] += q.memory_mib;
    c.alloc[2][best] += q.gpu;
    ++placed;
  }
  return placed;
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

double baseline_rate(const ClusterState& state, std::span<const PlacementRequest> batch, double min_seconds) {
  BaselinePass pass(state);
  pass.place(batch);  // warm the caches
  std::size_t decisions = 0;
  double spent = 0;
  while (spent < min_seconds) {
    const double t0 = thread_cpu_seconds();
    pass.place(batch);
    spent += thread_cpu_seconds() - t0;
    decisions += batch.size();
  }
  return static_cast<double>(decisions) / spent;
}

std::string vector_extensions() {
  std::string cpu;
  __builtin_cpu_init();
  if (__builtin_cpu_supports("sse4.2")) cpu += " sse4.2";
  if (__builtin_cpu_supports("avx")) cpu += " avx";
  if (__builtin_cpu_supports("avx2")) cpu += " avx2";
  if (__builtin_cpu_supports("fma")) cpu += " fma";
  if (__builtin_cpu_supports("avx512f")) cpu += " avx512f";
  if (__builtin_cpu_supports("avx512dq")) cpu += " avx512dq";
  if (__builtin_cpu_supports("avx512bw")) cpu += " avx512bw";
  if (__builtin_cpu_supports("avx512vl")) cpu += " avx512vl";
  // This file is compiled with the schedulers library's -march: its macros are the build's ISA.
#if defined(__AVX512F__)
  const char* build = "x86-64-v4 (avx512, 8 doubles a vector)";
#elif defined(__AVX2__)
  const char* build = "x86-64-v3 (avx2, 4 doubles a vector)";
#else
  const char* build = "x86-64 (sse2, 2 doubles a vector)";
#endif
  return "cpu:" + cpu + "; build: " + build;
}

}  // namespace drydock::bench
