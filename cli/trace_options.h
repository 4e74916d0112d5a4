// Options shared by the trace subcommands that read a trace: format, strictness, sorting, machine size.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "traces/trace_open.h"

namespace drydock::cli {

struct TraceInputOptions {
  std::vector<std::string> paths;
  std::string format;  // empty: detect from the path
  bool strict = false;
  bool sort = false;
  traces::TraceUnits units;
  double google_memory_gib = 128;

  void add_to(CLI::App* cmd) {
    cmd->add_option("paths", paths, "Trace files or a trace directory")->required();
    cmd->add_option("--format", format, "google2011, alibaba2018, openb, azure or swf (default: from the path); openb takes two "
                    "paths, NODES.csv PODS.csv (as openb:NODES,PODS for --trace)");
    cmd->add_flag("--strict", strict, "Stop at the first corrupt row (default: count and report them)");
    cmd->add_flag("--sort", sort, "Load everything and sort by time (for inputs not sorted by start time)");
    cmd->add_option("--machine-cpu", units.google_cpu_cores, "Cores of a normalised 1.0 machine (Google 2011)")
        ->capture_default_str();
    cmd->add_option("--machine-memory-gib", google_memory_gib, "GiB of a normalised 1.0 machine (Google 2011)")
        ->capture_default_str();
  }

  std::unique_ptr<traces::TraceReader> open() {
    std::optional<traces::TraceFormat> f;
    if (!format.empty()) {
      f = traces::parse_trace_format(format);
      if (!f) throw CLI::ValidationError("--format", "unknown trace format '" + format + "'");
    }
    traces::ReaderOptions o;
    o.policy = strict ? traces::ErrorPolicy::kStrict : traces::ErrorPolicy::kLenient;
    o.units = units;
    o.units.google_memory_mib = google_memory_gib * 1024;
    return traces::open_trace(paths, f, o, sort);
  }
};

}  // namespace drydock::cli
