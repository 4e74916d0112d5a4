// The min-cost-flow batch scheduler: time to place a whole batch of 1,000 / 5,000 / 10,000 pending
// replicas (20 services, 500 replicas each at 10,000) onto 12,500 hosts with mixed occupancy
// (bench_cluster.h), one core. Firmament reports sub-second placement at 12,500 machines; the goal here
// is 10,000 replicas onto 12,500 hosts in under a second. Also at 1,000 and 5,000 hosts.
#include <benchmark/benchmark.h>

#include <map>

#include "bench_cluster.h"

namespace drydock::bench {
namespace {

void mcf(benchmark::State& st) {
  const std::size_t hosts = static_cast<std::size_t>(st.range(0));
  const std::size_t pending = static_cast<std::size_t>(st.range(1));
  static std::map<std::size_t, BenchCluster> cache;
  auto it = cache.find(hosts);
  if (it == cache.end()) it = cache.emplace(hosts, make_cluster(hosts)).first;
  const BenchCluster& base = it->second;
  const auto batch = base.requests(pending, pending / 20);
  auto scheduler = PolicyRegistry::instance().make("min-cost-flow");
  Rng rng(7);
  std::size_t placed = 0, total = 0;
  for (auto _ : st) {
    st.PauseTiming();
    ClusterState state = base.state;
    st.ResumeTiming();
    const auto out = scheduler->place(state, batch, rng);
    total += out.size();
    for (const auto& d : out) placed += d.placed();
  }
  st.SetItemsProcessed(static_cast<std::int64_t>(total));
  st.counters["placed_frac"] = total ? static_cast<double>(placed) / total : 0;
}

}  // namespace
}  // namespace drydock::bench

BENCHMARK(drydock::bench::mcf)
    ->ArgNames({"hosts", "pending"})
    ->Args({12500, 1000})
    ->Args({12500, 5000})
    ->Args({12500, 10000})
    ->Args({1000, 1000})
    ->Args({5000, 5000})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
