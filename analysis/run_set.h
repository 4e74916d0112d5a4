// The runs of one or more result directories, loaded and checked, ready for a comparison: what
// `drydock report DIR...` reads. A directory is either a sweep (it has sweep.json: its plan says which
// runs to expect; several shards of one sweep are merged run by run) or any tree of `drydock run`
// results directories (every summary.json below it is a run).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/sweep_plan.h"

namespace drydock {

struct RunRecord {
  std::string id;   // "runs/spread/seed-3": unique within the set, stable across shards
  std::string dir;  // where its files are
  std::string scenario, policy, grid;  // grid: GridPoint::label(), "" without a grid
  std::vector<std::pair<std::string, std::string>> grid_settings;
  std::uint64_t seed = 0;
  std::string code_version;  // of the binary that made the run (summary.json)
  std::map<std::string, std::optional<double>> metrics;  // scalar_metrics() of its summary.json
};

struct RunSet {
  std::optional<SweepSpec> spec;      // when the directories are a sweep
  std::vector<RunRecord> runs;        // in plan order (sweep) or path order
  std::vector<std::string> missing;   // planned runs found in none of the directories
  std::vector<std::string> policies;  // in the sweep's order, else alphabetical
};

struct LoadOptions {
  bool allow_partial = false;  // a sweep with missing runs is loaded instead of refused
  bool check_files = true;     // also parse events.csv and check timeseries.csv of every run
};

// Throws ResultsError naming the file at fault: a missing or unparsable summary.json, events.csv or
// timeseries.csv, a run whose policy or seed is not the one planned, the same run differing between
// two shards, directories of different sweeps, or (unless allow_partial) planned runs not found.
RunSet load_run_set(const std::vector<std::string>& dirs, const LoadOptions& options = {});

// Checks one results directory and reads its summary.json; throws ResultsError naming the file.
nlohmann::json check_results_dir(const std::string& dir, bool check_files);

}  // namespace drydock
