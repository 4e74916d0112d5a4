// `drydock report DIR [DIR...]`: the comparison table, runs.csv, comparison.csv, plots, report.md and
// report.html of a finished sweep (or of the directories of all its shards).
#include <memory>

#include "cli/compare_commands.h"
#include "cli/report_pipeline.h"

namespace drydock::cli {

void add_report_command(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  auto no_plots = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("report", "Compare the policies of a sweep: table, runs.csv, plots, report.md/.html");
  cmd->add_option("dirs", o->dirs, "Sweep directory, or the directories of all its shards, or trees of run results")
      ->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--out", o->out, "Where to write the report (default: the first directory)");
  cmd->add_option("--baseline", o->baseline, "Policy the others are compared with (default: the sweep's, else the first)");
  cmd->add_flag("--partial", o->partial, "Report a sweep with missing runs instead of refusing");
  cmd->add_flag("--no-plots", *no_plots, "Skip the matplotlib plots");
  cmd->callback([o, no_plots] {
    o->plots = !*no_plots;
    throw CLI::RuntimeError(make_report(*o));
  });
}

}  // namespace drydock::cli
