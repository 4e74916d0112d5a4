// The FGD paper's fill experiment on the real openb trace (../shared/traces/openb, skipped when
// absent): one experiment under fgd (10,866 arrivals on 1,213 nodes; goal < 1 s), the plain baseline
// of the same experiment (FGD scoring every feasible node from scratch for every arrival, as a direct
// implementation does; same placements, checked), and the paper's matrix for one trace, six policies
// x ten seeds (goal < 1 min). One core. The authors' simulator needs about an hour for one experiment
// on this machine (FGD-PROTOCOL.md); bench/RESULTS.md records the figures.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <numeric>

#include "baseline_pass.h"
#include "fill/fill_experiment.h"
#include "fill/openb_input.h"

namespace drydock::bench {
namespace {

const fill::OpenbInput* trace() {
  static const fill::OpenbInput* input = []() -> const fill::OpenbInput* {
    const std::string dir = std::string(DRYDOCK_REPO_DIR) + "/../shared/traces/openb";
    if (!std::filesystem::exists(dir + "/openb_pod_list_default.csv")) return nullptr;
    return new fill::OpenbInput(fill::read_openb_input(dir + "/openb_node_list_gpu_node.csv", dir + "/openb_pod_list_default.csv"));
  }();
  return input;
}

fill::FillSetup setup(const std::string& policy, std::int64_t seed) {
  fill::FillSetup s;
  s.nodes = trace()->nodes;
  s.pods = trace()->pods;
  s.policy = policy;
  s.seed = seed;
  return s;
}

// FGD without the per-(node, shape) score cache: the node's fragmentation and every trial recomputed
// for every feasible node at every arrival.
class PlainFgd final : public GpuPolicy {
 public:
  PlainFgd() : GpuPolicy(GpuChoice::kFgd) {}
  std::string_view name() const override { return "fgd (plain)"; }
  void score(const GpuCluster& c, const GpuPod& pod, std::span<const int> feasible, std::span<int> scores, GoRand&) override {
    for (std::size_t i = 0; i < feasible.size(); ++i) {
      const int n = feasible[i];
      const double before = node_fragment(c.cpu_free(n), c.gpu_free(n), c.model(n), *typical_);
      scores[i] = fgd_score(c, n, pod, *typical_, before).score;
    }
  }
};

void record(benchmark::State& st, const fill::FillResult& r) {
  st.counters["arrivals"] = static_cast<double>(r.events.size());
  st.counters["placed"] = r.placed;
  st.counters["gpu_alloc_end_pct"] = 100.0 * static_cast<double>(r.events.back().used_milli) / static_cast<double>(r.capacity_milli);
}

void fill_fgd(benchmark::State& st) {
  if (!trace()) return st.SkipWithError("../shared/traces/openb not present");
  const auto s = setup("fgd", 42);
  fill::FillResult r;
  for (auto _ : st) r = fill::run_fill(s);
  record(st, r);
}

void fill_fgd_plain(benchmark::State& st) {
  if (!trace()) return st.SkipWithError("../shared/traces/openb not present");
  const auto s = setup("fgd", 42);
  fill::FillResult r;
  for (auto _ : st) {
    PlainFgd plain;
    r = fill::run_fill_with(s, plain);
  }
  record(st, r);
  // The baseline must make the very same placements, or the ratio compares different work.
  const auto ours = fill::run_fill(s);
  bool same = ours.events.size() == r.events.size();
  for (std::size_t i = 0; same && i < r.events.size(); ++i)
    same = ours.events[i].node == r.events[i].node && ours.events[i].gpus == r.events[i].gpus;
  if (!same) st.SkipWithError("the plain FGD placed differently from the cached one");
  st.counters["same_placements"] = same;
}

void fill_matrix(benchmark::State& st) {
  if (!trace()) return st.SkipWithError("../shared/traces/openb not present");
  std::size_t arrivals = 0;
  for (auto _ : st)
    for (const char* policy : {"random", "dot-product", "gpu-clustering", "gpu-packing", "gpu-best-fit", "fgd"})
      for (int seed = 42; seed <= 51; ++seed) arrivals += fill::run_fill(setup(policy, seed)).events.size();
  st.counters["experiments"] = 60;
  st.counters["arrivals"] = static_cast<double>(arrivals) / static_cast<double>(st.iterations());
}

}  // namespace
}  // namespace drydock::bench

BENCHMARK(drydock::bench::fill_fgd)->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(drydock::bench::fill_fgd_plain)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(drydock::bench::fill_matrix)->Unit(benchmark::kSecond)->Iterations(1);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::AddCustomContext("vector_extensions", drydock::bench::vector_extensions());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
