// `drydock fill --trace openb:NODES.csv,PODS.csv --policy fgd --seed 42 --inflate 1.3 --out DIR`: the
// FGD paper's experiment (arrivals drawn and inflated as its authors did, placed one by one by one GPU
// policy, no departures), written as a results directory (cli/fill_output.h).
#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/fill_output.h"
#include "fill/openb_input.h"
#include "schedulers/scheduler.h"

namespace drydock::cli {
namespace {

struct FillArgs {
  std::string trace, policy = "fgd", gpu_choice, out;
  std::int64_t seed = 42;
  double inflate = 1.3;
  bool quiet = false;
};

int fill_run(const FillArgs& a) {
  const PolicyInfo* info = PolicyRegistry::instance().find(a.policy);
  if (!info || !info->make_gpu)
    throw std::invalid_argument("--policy " + a.policy + ": not a device-level GPU policy (fill runs: random, " +
                                "dot-product, gpu-clustering, gpu-packing, gpu-best-fit, fgd)");
  const auto input = fill::read_openb_input(a.trace);
  fill::FillSetup setup;
  setup.nodes = input.nodes;
  setup.pods = input.pods;
  setup.policy = a.policy;
  if (!a.gpu_choice.empty()) setup.gpu_choice = parse_gpu_choice(a.gpu_choice);
  setup.seed = a.seed;
  setup.inflate = a.inflate;
  const auto start = std::chrono::steady_clock::now();
  const bool progress = !a.quiet;
  const auto result = fill::run_fill(setup, [&](std::size_t done, std::size_t total) {
    if (progress) std::fprintf(stderr, "\rdrydock fill: %zu/%zu arrivals", done, total);
  });
  if (progress) std::fprintf(stderr, "\n");
  FillRunInfo run;
  run.trace = a.trace;
  run.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string out = a.out.empty() ? "results/fill-" + a.policy + "-" + std::to_string(a.seed) : a.out;
  write_fill_results(out, setup, result, run);
  const auto cols = fill_columns(result, a.inflate);
  std::printf("fill %s (gpu-choice %s), seed %lld: %zu arrivals (%d resampled) on %zu nodes in %.2f s\n",
              a.policy.c_str(), std::string(gpu_choice_name(result.gpu_choice)).c_str(), static_cast<long long>(a.seed),
              result.events.size(), result.plan.clones, result.node_names.size(), run.wall_seconds);
  std::printf("  placed %d, failed %d", result.placed, result.failed);
  if (cols.size() > 100 && !cols[100].empty)
    std::printf("; at 100%% arrived: GPU allocated %.2f%%, fragmented %.2f%% of capacity (%.1f%% of idle)",
                cols[100].gpu_alloc_pct, cols[100].frag_pct, cols[100].frag_ratio_pct);
  std::printf("\n  results in %s/\n", out.c_str());
  return 0;
}

}  // namespace

void add_fill_command(CLI::App& app) {
  auto a = std::make_shared<FillArgs>();
  auto* cmd = app.add_subcommand("fill", "The FGD paper's fill experiment: place a GPU trace's pods until inflate x capacity");
  cmd->add_option("--trace", a->trace, "openb:NODES.csv,PODS.csv (Alibaba cluster-trace-gpu-v2023 lists)")->required();
  cmd->add_option("--policy", a->policy, "GPU policy: fgd (default), gpu-packing, gpu-clustering, dot-product, gpu-best-fit, random");
  cmd->add_option("--gpu-choice", a->gpu_choice, "GPU of a sharing pod: best, random or fgd (default: the paper's for the policy)");
  cmd->add_option("--seed", a->seed, "Seed of the arrival draw and tie ranks (the paper: 42..51; default 42)");
  cmd->add_option("--inflate", a->inflate, "Arrive until this multiple of the GPU capacity is requested (default 1.3)")
      ->check(CLI::Range(0.01, 100.0));
  cmd->add_option("--out", a->out, "Results directory (default results/fill-<policy>-<seed>)");
  cmd->add_flag("--quiet", a->quiet, "No progress on stderr");
  cmd->callback([a] { throw CLI::RuntimeError(fill_run(*a)); });
}

}  // namespace drydock::cli
