// Runs the simulations of a sweep as child processes, at most `jobs` at once. SimGrid keeps one engine
// per process, so each run is `drydock run` in a fresh process (this very binary, /proc/self/exe).
// A run writes into <dir>.partial and is renamed to <dir> only when it exits 0: a directory without
// that suffix is always a finished run, whatever interrupted the sweep.
#pragma once

#include <string>
#include <vector>

namespace drydock::cli {

struct SweepJob {
  std::string label;                // "spread seed 3" for progress and errors
  std::vector<std::string> args;    // after argv[0], without --out
  std::string dir;                  // the finished run's directory
};

struct RunnerOptions {
  int jobs = 1;
  bool progress = true;  // progress bar on stderr
};

struct RunnerResult {
  int finished = 0;
  std::vector<std::string> failed;  // labels; their logs are in <dir>.failed/run.log
  bool interrupted = false;         // SIGINT or SIGTERM: children were stopped, partial runs removed
};

RunnerResult run_sweep_jobs(const std::vector<SweepJob>& jobs, const RunnerOptions& options);

}  // namespace drydock::cli
