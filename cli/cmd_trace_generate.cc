// `drydock trace generate`: a synthetic Google-2011-format trace (traces/google_generator.h).
#include <chrono>
#include <cstdio>

#include "cli/trace_commands.h"
#include "traces/google2011.h"
#include "traces/google_generator.h"

namespace drydock::cli {

void add_trace_generate_command(CLI::App& trace) {
  auto cfg = std::make_shared<traces::GoogleGeneratorConfig>();
  auto out = std::make_shared<std::string>();
  auto mix_from = std::make_shared<std::string>();
  auto plain = std::make_shared<bool>(false);
  auto no_churn = std::make_shared<bool>(false);
  auto* cmd = trace.add_subcommand("generate", "Write a synthetic trace in the Google 2011 format");
  cmd->add_option("--out", *out, "Output directory (machine_events/ and task_events/ are created)")->required();
  cmd->add_option("--hosts", cfg->hosts, "Machines")->capture_default_str();
  cmd->add_option("--hours", cfg->hours, "Length of the window")->capture_default_str();
  cmd->add_option("--tasks-per-hour", cfg->tasks_per_hour,
                  "New tasks per hour in the whole cluster (default: the sample's 2.68 per machine-hour)");
  cmd->add_option("--duration-scale", cfg->duration_scale, "Multiply the sample's task durations")->capture_default_str();
  cmd->add_option("--seed", cfg->seed, "Seed: the same seed writes the same bytes")->capture_default_str();
  cmd->add_option("--mix-from", *mix_from, "Fit the mix on this Google 2011 directory instead of the built-in sample");
  cmd->add_flag("--plain", *plain, "Write .csv instead of .csv.gz");
  cmd->add_flag("--no-churn", *no_churn, "No machine failures (REMOVE/ADD) during the window");
  cmd->callback([cfg, out, mix_from, plain, no_churn] {
    cfg->gzip = !*plain;
    cfg->machine_churn = !*no_churn;
    if (!mix_from->empty())
      cfg->mix = traces::fit_google_mix(traces::google_shards(*mix_from, "machine_events"),
                                        traces::google_shards(*mix_from, "task_events"));
    auto start = std::chrono::steady_clock::now();
    auto r = traces::generate_google2011(*cfg, *out);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %llu rows (%lld hosts)\n%s: %llu rows (%llu jobs, %llu tasks)\nwritten in %.2f s\n",
                r.machine_events_path.c_str(), static_cast<unsigned long long>(r.machine_rows),
                static_cast<long long>(cfg->hosts), r.task_events_path.c_str(),
                static_cast<unsigned long long>(r.task_rows), static_cast<unsigned long long>(r.jobs),
                static_cast<unsigned long long>(r.tasks), secs);
  });
}

}  // namespace drydock::cli
