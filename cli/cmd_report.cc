// `drydock report DIR [DIR...]`: the comparison table, runs.csv, comparison.csv, plots, report.md and
// report.html of a finished sweep (or of the directories of all its shards).
// `drydock report --sim DIR --live DIR [--out FILE.md]`: a simulated and a live run of one scenario side
// by side (analysis/sim_vs_live.h), printed and optionally written as Markdown.
#include <cstdio>
#include <fstream>
#include <memory>

#include "analysis/results.h"
#include "analysis/sim_vs_live.h"
#include "cli/compare_commands.h"
#include "cli/report_pipeline.h"

namespace drydock::cli {
namespace {

int sim_live_report(const std::string& sim, const std::string& live, const std::string& out) {
  const std::string md = sim_live_markdown(compare_sim_live(load_run(sim), load_run(live)));
  std::fputs(md.c_str(), stdout);
  if (!out.empty()) {
    std::ofstream file(out, std::ios::binary);
    if (!(file << md)) throw ResultsError(out + ": cannot write");
    std::printf("\nreport: %s\n", out.c_str());
  }
  return 0;
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  auto no_plots = std::make_shared<bool>(false);
  auto sim = std::make_shared<std::string>(), live = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("report",
                                 "Compare the policies of a sweep (table, runs.csv, plots, report.md/.html), "
                                 "or a simulated and a live run side by side (--sim/--live)");
  auto* dirs = cmd->add_option("dirs", o->dirs, "Sweep directory, or the directories of all its shards, or trees of run results")
                   ->check(CLI::ExistingDirectory);
  cmd->add_option("--out", o->out,
                  "Where to write the report (default: the first directory); with --sim/--live, the Markdown file "
                  "(default: print only)");
  cmd->add_option("--baseline", o->baseline, "Policy the others are compared with (default: the sweep's, else the first)");
  cmd->add_flag("--wide", o->wide, "Print every metric with every column (default: the answer and the headline "
                                   "metrics in 100 columns)");
  cmd->add_flag("--partial", o->partial, "Report a sweep with missing runs instead of refusing");
  cmd->add_flag("--no-plots", *no_plots, "Skip the matplotlib plots");
  auto* sim_opt = cmd->add_option("--sim", *sim, "Results directory of a simulated run (drydock run)")
                      ->check(CLI::ExistingDirectory)->excludes(dirs);
  auto* live_opt = cmd->add_option("--live", *live, "Results directory of a live run of the same scenario (drydock live)")
                       ->check(CLI::ExistingDirectory)->excludes(dirs);
  sim_opt->needs(live_opt);
  live_opt->needs(sim_opt);
  cmd->callback([o, no_plots, sim, live] {
    if (!sim->empty()) throw CLI::RuntimeError(sim_live_report(*sim, *live, o->out));
    if (o->dirs.empty()) throw CLI::ValidationError("report", "give a sweep directory, or --sim DIR --live DIR");
    o->plots = !*no_plots;
    throw CLI::RuntimeError(make_report(*o));
  });
}

}  // namespace drydock::cli
