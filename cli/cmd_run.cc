// `drydock run SCENARIO`: simulate a scenario, write its results directory, print its summary.
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "analysis/metrics.h"
#include "analysis/results.h"
#include "cli/commands.h"
#include "cli/input_options.h"
#include "cli/option_checks.h"
#include "cli/scenario_overrides.h"
#include "schedulers/scheduler.h"
#include "sim/simulation.h"
#include "workloads/scenario.h"

namespace drydock::cli {
namespace {

struct RunArgs {
  RunInput input;  // the scenario, or Kubernetes objects
  std::string policy;
  std::int64_t seed = -1;
  std::string out;
  std::string duration;
  std::vector<std::string> params;  // --param key=value, in order
  bool quiet = false;
};

int run(const RunArgs& args) {
  Scenario scenario = load_run_input(args.input, std::cerr);
  if (!args.policy.empty()) {
    scenario.policy = args.policy;
    scenario.policy_params.clear();  // parameters in the file belong to the file's policy
  }
  apply_policy_params(scenario.policy_params, args.params);
  if (args.seed >= 0) scenario.seed = static_cast<std::uint64_t>(args.seed);
  if (!args.duration.empty()) scenario.duration = seconds_option("--duration", args.duration);
  validate_scenario(scenario);
  PolicyRegistry::instance().make(scenario.policy, PolicyParams(scenario.policy_params));  // fail early

  const std::string out = args.out.empty() ? "results/" + scenario.name : args.out;
  sim::SimOptions options;
  options.progress = !args.quiet;
  sim::SimResult result = sim::simulate(scenario, options);
  Metrics metrics = compute_metrics_and_power(result.events, result.info, result.samples);
  add_load_metrics(metrics, result.samples);  // latency, loss and SLO of services with a load model
  write_results(out, result.info, result.events, result.samples, metrics);

  // Wall-clock figures vary run to run, so they live apart from summary.json (which must not).
  const sim::SimPerf& perf = result.perf;
  const double events_per_s = perf.wall_seconds > 0 ? perf.sim_events / perf.wall_seconds : 0;
  const double decisions_per_s = perf.step_seconds > 0 ? perf.decisions / perf.step_seconds : 0;
  write_json(out + "/perf.json", {{"wall_seconds", perf.wall_seconds},
                                  {"sim_events", perf.sim_events},
                                  {"sim_events_per_second", events_per_s},
                                  {"decisions", perf.decisions},
                                  {"invariant_checks", perf.invariant_checks},
                                  {"control_step_seconds", perf.step_seconds},
                                  {"decisions_per_second", decisions_per_s}});
  // A broken invariant fails the run loudly, after the results up to it are written for diagnosis.
  if (!result.invariant_violation.empty())
    throw std::runtime_error(result.invariant_violation + " (results up to it in " + out + "/)");
  std::fputs(format_summary(result.info, metrics).c_str(), stdout);
  std::printf("  simulated %.0f s in %.2f s wall: %.0f sim events/s; control plane %.0f decisions/s\n",
              scenario.duration, perf.wall_seconds, events_per_s, decisions_per_s);
  std::printf("  results in %s/\n", out.c_str());
  return 0;
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "Simulate a scenario and write events.csv, timeseries.csv, summary.json");
  cmd->add_option("scenario", args->input.path, "Scenario file (YAML), or Kubernetes objects (file or folder)")->required();
  add_input_options(cmd, args->input);
  auto* policy = cmd->add_option("--policy", args->policy, "Placement policy (overrides the scenario's; see `drydock policies`)");
  add_scheduler_config_option(cmd, args->input, policy);
  cmd->add_option("--param", args->params,
                  "Policy parameter key=value (repeatable; over the scenario's, or alone with --policy)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--seed", args->seed, "Random seed (overrides the scenario's)");
  cmd->add_option("--out", args->out, "Results directory (default results/<scenario name>)");
  cmd->add_option("--duration", args->duration, "Simulated time, with a unit as in the scenario: 600s, 10m, 1h (overrides the scenario's)");
  cmd->add_flag("--quiet", args->quiet, "No progress on stderr");
  cmd->callback([args] { throw CLI::RuntimeError(run(*args)); });
}

}  // namespace drydock::cli
