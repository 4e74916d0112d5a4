#include "cli/trace_commands.h"

void add_trace_commands(CLI::App& app) {
  auto* trace = app.add_subcommand("trace", "Read, summarise and generate cluster traces");
  trace->require_subcommand(1);
  drydock::cli::add_trace_stats_command(*trace);
  drydock::cli::add_trace_events_command(*trace);
  drydock::cli::add_trace_fit_command(*trace);
  drydock::cli::add_trace_generate_command(*trace);
}
