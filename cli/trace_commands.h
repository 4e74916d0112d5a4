// `drydock trace ...`: look at a cluster trace before an experiment, and make synthetic ones.
//
//   drydock trace stats FILE|DIR...     counts by event type, time span, request and capacity percentiles
//   drydock trace events FILE|DIR...    the unified event stream as CSV (what a replay sees)
//   drydock trace fit DIR               the Google 2011 workload mix measured on a trace directory
//   drydock trace generate --out DIR    a synthetic Google-2011-format trace at any scale
#pragma once

#include <CLI/CLI.hpp>

// Global namespace: cli/main.cc calls it unqualified.
void add_trace_commands(CLI::App& app);

namespace drydock::cli {
void add_trace_stats_command(CLI::App& trace);
void add_trace_events_command(CLI::App& trace);
void add_trace_fit_command(CLI::App& trace);
void add_trace_generate_command(CLI::App& trace);
}  // namespace drydock::cli
