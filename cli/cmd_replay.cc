// `drydock replay --trace FORMAT:PATH`: replay a cluster trace through the simulator under any policy.
// The trace becomes a scenario (workloads/trace_scenario.h); the results are the same files as any
// run, and summary.json gains a "trace" section: what the trace's own scheduler did, beside the policy.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "analysis/metrics.h"
#include "analysis/percentiles.h"
#include "analysis/results.h"
#include "analysis/run_output.h"
#include "analysis/shortfall.h"
#include "analysis/verdict_text.h"
#include "cli/commands.h"
#include "cli/option_checks.h"
#include "cli/scenario_overrides.h"
#include "cli/trace_options.h"
#include "schedulers/scheduler.h"
#include "sim/simulation.h"
#include "workloads/trace_scenario.h"
#include "workloads/units.h"

namespace drydock::cli {
namespace {

// A replay's samples are bounded: a sample costs a pass over every host and container and a few rows of
// timeseries.csv, so at a fixed 10 s a 149-day trace would spend most of its time sampling (1.3 million
// samples). By default the period stretches to keep at most this many.
constexpr double kMaxReplaySamples = 20'000;

struct ReplayArgs {
  std::string trace;  // FORMAT:PATH[,PATH...]
  std::string from = "0";
  std::string to;  // empty: the trace's end
  std::string policy = "spread";
  std::vector<std::string> params;  // --param key=value
  std::uint64_t seed = 1;
  std::string out;
  bool strict = false;
  bool quiet = false;
  bool every_heartbeat = false;
  std::string sample_period;  // empty: max(10 s, window / kMaxReplaySamples)
  double machine_cpu = 32;
  double machine_memory_gib = 128;
};

int replay(const ReplayArgs& args) {
  const auto colon = args.trace.find(':');
  if (colon == std::string::npos)
    throw CLI::ValidationError("--trace", "expected FORMAT:PATH, e.g. google2011:../shared/traces/google2011");
  TraceInputOptions input;
  input.format = args.trace.substr(0, colon);
  std::string rest = args.trace.substr(colon + 1);
  for (std::size_t start = 0; start <= rest.size();) {
    const auto comma = rest.find(',', start);
    input.paths.push_back(rest.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  input.strict = args.strict;
  input.units.google_cpu_cores = args.machine_cpu;
  input.google_memory_gib = args.machine_memory_gib;
  std::map<std::string, std::string> policy_params;
  apply_policy_params(policy_params, args.params);
  PolicyRegistry::instance().make(args.policy, PolicyParams(policy_params));  // fails before the trace is read
  const Window window = window_option(args.from, args.to);
  if (args.machine_cpu <= 0) throw std::invalid_argument("--machine-cpu " + std::to_string(args.machine_cpu) + ": must be positive");
  if (args.machine_memory_gib <= 0)
    throw std::invalid_argument("--machine-memory-gib " + std::to_string(args.machine_memory_gib) + ": must be positive");

  TraceReplayOptions options;
  options.from = window.from;
  options.to = window.to < 0 ? kNever : window.to;
  options.name = "replay-" + input.format;
  TraceReplayFacts facts;
  if (!args.quiet) std::fprintf(stderr, "[replay] reading %s\n", args.trace.c_str());
  auto reader = input.open();
  Scenario scenario = scenario_from_trace(*reader, options, facts);
  const traces::ParseStats parse = reader->stats();
  for (const auto& e : parse.first_errors) std::fprintf(stderr, "[replay] corrupt row skipped: %s\n", e.c_str());
  scenario.policy = args.policy;
  scenario.policy_params = policy_params;
  scenario.seed = args.seed;
  if (args.sample_period.empty()) {
    scenario.sample_period = std::max(scenario.sample_period, scenario.duration / kMaxReplaySamples);
  } else {
    scenario.sample_period = parse_seconds(args.sample_period);
    if (!(scenario.sample_period > 0))
      throw std::invalid_argument("--sample-period " + args.sample_period + ": must be positive");
  }
  if (!args.quiet)
    std::fprintf(stderr, "[replay] %zu machines, %zu services, %llu tasks, %.0f s window; simulating\n",
                 scenario.hosts.size(), scenario.services.size(),
                 static_cast<unsigned long long>(facts.tasks_scheduled), scenario.duration);

  sim::SimOptions sim_options;
  sim_options.progress = !args.quiet;
  sim_options.withhold_steady_heartbeats = !args.every_heartbeat;
  sim::SimResult result = sim::simulate(scenario, sim_options);
  const std::string out = args.out.empty() ? "results/" + scenario.name + "-" + args.policy : args.out;
  // Work the policy never placed: its own figure, not charged to any failure.
  const Shortfall shortfall = never_placed_shortfall(result.events, scenario.duration);
  // What the trace itself did, beside what the policy did.
  const Percentiles trace_delay = percentiles(facts.trace_queueing_delay);
  auto add_trace = [&](nlohmann::json& summary, const Metrics& metrics) {
    summary["trace"] = {
        {"source", args.trace},
        {"from", window.from},
        {"to", window.to < 0 ? nlohmann::json(nullptr) : nlohmann::json(window.to)},
        {"machines", facts.machines},
        {"machine_removes", facts.machine_removes},
        {"machine_updates_not_applied", facts.machine_updates},
        {"tasks_submitted", facts.tasks_submitted},
        {"tasks_placed_by_trace", facts.tasks_scheduled},
        {"tasks_never_scheduled_skipped", facts.tasks_never_scheduled},
        {"resubmissions_ignored", facts.resubmissions_ignored},
        {"tasks_without_request", facts.tasks_without_request},
        {"rows", parse.rows},
        {"corrupt_rows", parse.corrupt},
        {"trace_queueing_delay", {{"count", trace_delay.count}, {"p50", trace_delay.p50}, {"p95", trace_delay.p95},
                                  {"p99", trace_delay.p99}}},
        {"tasks_placed_by_policy", metrics.placed},
        // Times in events.csv and the metrics are seconds since the window's start: trace time = t + from.
        {"time_origin", window.from},
        {"time_note", "times are seconds since the window start; trace time = time + time_origin"},
        {"never_placed", {{"replicas", shortfall.never_placed},
                          {"replica_seconds", shortfall.never_placed_replica_seconds},
                          {"given_up_before_placed", shortfall.given_up}}},
    };
  };
  const Metrics metrics = finish_run(out, result.info, result.events, result.samples, add_trace);

  const sim::SimPerf& perf = result.perf;
  if (!result.invariant_violation.empty())
    throw std::runtime_error(result.invariant_violation + " (results up to it in " + out + "/)");
  std::printf("times below are seconds since the window start (trace time %.0f s = 0 s)\n", window.from);
  std::fputs(format_summary(result.info, metrics).c_str(), stdout);
  std::printf("  trace: %llu tasks placed by the trace's scheduler, %d placements by %s; queueing delay p50 %.2f s "
              "p95 %.2f s (trace) vs placement latency p50 %.2f s p95 %.2f s (policy, over the %d placed)\n",
              static_cast<unsigned long long>(facts.tasks_scheduled), metrics.placed, args.policy.c_str(),
              trace_delay.p50, trace_delay.p95, metrics.placement_latency.p50, metrics.placement_latency.p95,
              shortfall.placed);
  std::printf("  never placed: %s replicas still pending at the end (%s replica-s waiting), %s given up before "
              "placement; not counted in the latency above nor in any failure's loss\n",
              readable_number(shortfall.never_placed).c_str(),
              readable_number(std::round(shortfall.never_placed_replica_seconds)).c_str(),
              readable_number(shortfall.given_up).c_str());
  std::printf("  simulated %.0f s in %.2f s wall: %.0f sim events/s\n", scenario.duration, perf.wall_seconds,
              perf.wall_seconds > 0 ? perf.sim_events / perf.wall_seconds : 0);
  std::printf("  results in %s/\n", out.c_str());
  write_json(out + "/perf.json", {{"wall_seconds", perf.wall_seconds},
                                  {"sim_events", perf.sim_events},
                                  {"decisions", perf.decisions},
                                  {"invariant_checks", perf.invariant_checks},
                                  {"heartbeats_withheld", perf.heartbeats_withheld},
                                  {"control_step_seconds", perf.step_seconds}});
  return parse.corrupt > 0 ? 3 : 0;
}

}  // namespace

void add_replay_command(CLI::App& app) {
  auto args = std::make_shared<ReplayArgs>();
  auto* cmd = app.add_subcommand("replay", "Replay a cluster trace through the simulator under a policy");
  cmd->add_option("--trace", args->trace, "FORMAT:PATH, e.g. google2011:../shared/traces/google2011; openb as openb:NODES.csv,PODS.csv")->required();
  cmd->add_option("--from", args->from, "Start of the window in trace time (600, 600s, 10m)")->capture_default_str();
  cmd->add_option("--to", args->to, "End of the window in trace time, after --from (default: the trace's end)");
  cmd->add_option("--policy", args->policy, "Placement policy (see `drydock policies`)")->capture_default_str();
  cmd->add_option("--param", args->params, "Policy parameter KEY=VALUE (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--seed", args->seed, "Random seed")->capture_default_str();
  cmd->add_option("--out", args->out, "Results directory (default results/replay-FORMAT-POLICY)");
  cmd->add_option("--machine-cpu", args->machine_cpu, "Cores of a normalised 1.0 machine")->capture_default_str();
  cmd->add_option("--machine-memory-gib", args->machine_memory_gib, "GiB of a normalised 1.0 machine")
      ->capture_default_str();
  cmd->add_flag("--strict", args->strict, "Stop at the first corrupt row (default: skip, count and report)");
  cmd->add_flag("--quiet", args->quiet, "No progress on stderr");
  cmd->add_option("--sample-period", args->sample_period,
                  "Seconds between timeseries samples (default: 10 s, stretched to keep at most 20,000 samples)");
  cmd->add_flag("--every-heartbeat", args->every_heartbeat,
                "Deliver every heartbeat one by one instead of withholding steady runs (slower; same results)");
  cmd->callback([args] { throw CLI::RuntimeError(replay(*args)); });
}

}  // namespace drydock::cli
