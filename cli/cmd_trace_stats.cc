// `drydock trace stats`: the sanity view of a trace (traces/trace_stats.h), plus how fast it was read.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/trace_commands.h"
#include "cli/trace_options.h"
#include "traces/trace_stats.h"

namespace drydock::cli {

void add_trace_stats_command(CLI::App& trace) {
  auto opts = std::make_shared<TraceInputOptions>();
  auto* cmd = trace.add_subcommand("stats", "Counts by event type, time span, resource percentiles");
  opts->add_to(cmd);
  cmd->callback([opts] {
    auto start = std::chrono::steady_clock::now();
    auto reader = opts->open();
    traces::TraceStats stats;
    traces::TraceEvent ev;
    try {
      while (reader->next(ev)) stats.add(ev);
    } catch (const traces::TraceError& e) {
      std::fprintf(stderr, "drydock trace stats: %s\n", e.what());
      throw CLI::RuntimeError(2);
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stats.parse = reader->stats();
    stats.print(std::cout);
    std::printf("read in %.3f s (%.1f MB/s uncompressed, %.0f rows/s)\n", secs,
                static_cast<double>(stats.parse.bytes) / 1e6 / secs, static_cast<double>(stats.parse.rows) / secs);
    // A corrupt row is not fatal in lenient mode, but a script checking the exit status should know.
    if (stats.parse.corrupt > 0) throw CLI::RuntimeError(3);
  });
}

}  // namespace drydock::cli
