// Decisions per second of each placement policy on clusters of 1,000 / 5,000 / 12,500 hosts with
// realistic mixed occupancy (bench_cluster.h), one core. Each iteration places a batch of 1,000 pending
// replicas (20 services, in runs of 50 replicas, as the control plane hands them over) onto a fresh copy
// of the cluster; items/s is placements (decisions) per second.
//
// Variants per policy: `full` (every feasible host scored for every replica, no index), `index` (the
// incremental index, for policies whose score depends only on the host's own state) and `sampled`
// (Kubernetes' adaptive percentageOfNodesToScore or Nomad's log2 N limit).
//
// Every policy is measured against a plain baseline pass in the same run (bench/baseline_pass.h: Eigen,
// every host re-scored per placement): `place/baseline/plain/N` is that pass, and each policy's
// `x_baseline` counter is its placements per CPU second divided by the baseline's at the same size.
// The CPU's vector extensions and the build's are printed in the context ("vector_extensions").
//
// Memory: BM_Memory reports the bytes per host of ClusterState and of the scheduler's own state.
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <new>
#include <string>

#include "baseline_pass.h"
#include "bench_cluster.h"
#include "schedulers/framework.h"

// Live heap bytes, for the memory figures.
static std::atomic<long long> g_live_bytes{0};
void* operator new(std::size_t n) {
  void* p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr) throw std::bad_alloc();
  g_live_bytes += static_cast<long long>(malloc_usable_size(p));
  return p;
}
void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  g_live_bytes -= static_cast<long long>(malloc_usable_size(p));
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

namespace drydock::bench {
namespace {

const BenchCluster& cluster(std::size_t hosts) {
  static std::map<std::size_t, BenchCluster> cache;
  auto it = cache.find(hosts);
  if (it == cache.end()) it = cache.emplace(hosts, make_cluster(hosts)).first;
  return it->second;
}

// The baseline's placements per CPU second at this size, measured once per size in this run.
double baseline(std::size_t hosts) {
  static std::map<std::size_t, double> rates;
  auto it = rates.find(hosts);
  if (it == rates.end()) {
    const BenchCluster& base = cluster(hosts);
    it = rates.emplace(hosts, baseline_rate(base.state, base.requests(1000, 50), 0.5)).first;
  }
  return it->second;
}

void place_batches(benchmark::State& st, const std::string& policy, std::map<std::string, std::string> params) {
  const std::size_t hosts = static_cast<std::size_t>(st.range(0));
  const BenchCluster& base = cluster(hosts);
  const auto batch = base.requests(1000, 50);
  auto scheduler = PolicyRegistry::instance().make(policy, PolicyParams(params));
  const double baseline_per_s = baseline(hosts);
  Rng rng(7);
  std::size_t placed = 0, decisions = 0;
  double cpu = 0;
  for (auto _ : st) {
    st.PauseTiming();
    ClusterState state = base.state;
    st.ResumeTiming();
    const double t0 = thread_cpu_seconds();
    const auto out = scheduler->place(state, batch, rng);
    cpu += thread_cpu_seconds() - t0;
    benchmark::DoNotOptimize(out.data());
    decisions += out.size();
    for (const auto& d : out) placed += d.placed();
  }
  st.SetItemsProcessed(static_cast<std::int64_t>(decisions));
  st.counters["placed_frac"] = decisions ? static_cast<double>(placed) / decisions : 0;
  st.counters["x_baseline"] = cpu > 0 ? static_cast<double>(decisions) / cpu / baseline_per_s : 0;
}

void place_baseline(benchmark::State& st) {
  const std::size_t hosts = static_cast<std::size_t>(st.range(0));
  const BenchCluster& base = cluster(hosts);
  const auto batch = base.requests(1000, 50);
  BaselinePass pass(base.state);
  std::size_t placed = 0, decisions = 0;
  for (auto _ : st) {
    placed += pass.place(batch);
    decisions += batch.size();
  }
  st.SetItemsProcessed(static_cast<std::int64_t>(decisions));
  st.counters["placed_frac"] = decisions ? static_cast<double>(placed) / decisions : 0;
}

void memory(benchmark::State& st) {
  const std::size_t hosts = static_cast<std::size_t>(st.range(0));
  for (auto _ : st) {
    const long long before = g_live_bytes;
    ClusterState state;
    for (std::size_t i = 0; i < hosts; ++i) {
      HostSpec h;
      h.name = "host-" + std::to_string(i);
      h.capacity = {32, 131072, 0};
      h.labels["zone"] = "a";
      state.set_schedulable(state.add_host(h), true);
    }
    const long long with_hosts = g_live_bytes;
    ServiceSpec spec;
    spec.name = "svc";
    spec.request = {0.5, 512, 0};
    std::vector<PlacementRequest> batch;
    for (std::uint64_t r = 0; r < hosts; ++r) batch.push_back({ReplicaId(r), ServiceId(0), &spec});
    const long long with_service_before = g_live_bytes;
    auto sched = PolicyRegistry::instance().make("least-allocated");
    Rng rng(1);
    const long long sched_before = g_live_bytes;
    sched->place(state, batch, rng);
    const long long after = g_live_bytes;
    st.counters["cluster_state_B_per_host"] = static_cast<double>(with_hosts - before) / hosts;
    st.counters["service_column_B_per_host"] = 4.0;  // one uint32 per host per service with replicas
    st.counters["scheduler_B_per_host"] =
        static_cast<double>(after - sched_before - static_cast<long long>(batch.size() * sizeof(PlacementDecision))) /
        hosts;
    if (auto* f = dynamic_cast<FrameworkScheduler*>(sched.get()))
      st.counters["scheduler_own_B_per_host"] = static_cast<double>(f->memory_bytes()) / hosts;
    benchmark::DoNotOptimize(with_service_before);
  }
}

struct Variant {
  std::string policy, label;
  std::map<std::string, std::string> params;
};

}  // namespace
}  // namespace drydock::bench

int main(int argc, char** argv) {
  using drydock::bench::Variant;
  // full: every feasible host scored for every replica; index: the incremental index (host-local
  // scores only); sampled: the policy's sampling (Kubernetes adaptive / Nomad log2 N).
  const std::vector<Variant> variants = {
      {"least-allocated", "full", {{"index", "false"}}},
      {"least-allocated", "index", {}},
      {"least-allocated", "sampled", {{"sample", "kubernetes"}}},
      {"spread", "full", {{"index", "false"}}},
      {"spread", "index", {}},
      {"spread", "preferences", {{"preferences", "zone"}}},
      {"most-allocated", "full", {{"index", "false"}}},
      {"most-allocated", "index", {}},
      {"requested-to-capacity-ratio", "full", {{"index", "false"}}},
      {"balanced-allocation", "full", {{"index", "false"}}},
      {"balanced-allocation", "index", {}},
      {"kube-default", "full", {{"sample", "none"}}},
      {"kube-default", "sampled", {}},
      {"nomad-binpack", "full", {{"sample", "none"}, {"index", "false"}}},
      {"nomad-binpack", "index", {{"sample", "none"}}},
      {"nomad-binpack", "sampled", {}},
      {"nomad-spread", "sampled", {}},
      {"tetris", "full", {{"index", "false"}}},
      {"tetris", "index", {}},
      {"drf", "full", {{"index", "false"}}},
      {"drf", "index", {}},
      {"first-fit", "index", {}},
      {"best-fit", "full", {{"index", "false"}}},
      {"worst-fit", "index", {}},
      {"random", "full", {{"index", "false"}}},
      {"random", "index", {}},
      {"topology-spread", "full", {}},
  };

  benchmark::RegisterBenchmark("place/baseline/plain", drydock::bench::place_baseline)
      ->Arg(1000)
      ->Arg(5000)
      ->Arg(12500)
      ->Unit(benchmark::kMillisecond);
  for (const auto& v : variants)
    benchmark::RegisterBenchmark(("place/" + v.policy + "/" + v.label).c_str(),
                                 [v](benchmark::State& st) { drydock::bench::place_batches(st, v.policy, v.params); })
        ->Arg(1000)
        ->Arg(5000)
        ->Arg(12500)
        ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("memory", drydock::bench::memory)->Arg(5000)->Iterations(1);
  benchmark::AddCustomContext("vector_extensions", drydock::bench::vector_extensions());
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
