// A sweep: every policy x seed (x grid point) of one scenario, each run in its own results directory
// under the sweep's directory. The plan is a pure function of the spec, so that every shard of a sweep,
// on any machine, computes the same list and takes a disjoint, deterministic part of it.
//
// Layout of a sweep directory:
//   sweep.json                          the spec (scenario, policies, seeds, grid, baseline)
//   scenario.yaml | scenarios/<g>.yaml  the exact scenario each grid point runs (a copy: resumed and
//                                       sharded runs cannot drift from it)
//   runs/[<g>/]<variant>/seed-<n>/      one `drydock run` (or `drydock replay`) results directory per run
//
// The "policies" of a sweep are variant labels (model/variant.h): "spread", "least-allocated[cpu_weight=2]".
// A grid axis on `policy.params.KEY` sets that parameter of every variant instead of editing the scenario.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/variant.h"

namespace drydock {

// One `--set key=v1,v2,...` option: a scenario field and the values it takes.
struct GridAxis {
  std::string key;
  std::vector<std::string> values;
};

// One combination of grid values; empty when the sweep has no grid.
struct GridPoint {
  std::vector<std::pair<std::string, std::string>> settings;
  // "key=value,key=value" ("" without a grid): how the point is named in tables and runs.csv.
  std::string label() const;
  // The label made safe as a single path component.
  std::string dir_name() const;
};

struct SweepSpec {
  std::string scenario;  // scenario name (from its file)
  std::vector<std::string> policies;
  std::vector<std::uint64_t> seeds;
  std::vector<GridAxis> grid;
  std::string baseline;  // the policy others are compared with; the first policy by default
  // A trace sweep (`compare --trace FORMAT:PATH`): every run replays the window [from, to) of the trace
  // instead of running a scenario file. Empty for a scenario sweep.
  std::string trace, from, to;
};

// The grid key prefix that names a policy parameter rather than a scenario field.
inline constexpr const char* kPolicyParamsKey = "policy.params.";
bool is_policy_param(const std::string& grid_key);
// What one run of `variant` (a label) at `point` runs: the variant's parameters, then the point's
// policy.params.* settings over them.
Variant run_variant(const std::string& variant, const GridPoint& point);

struct PlannedRun {
  std::size_t index = 0;  // position in the full plan: what sharding divides
  GridPoint point;
  std::string policy;
  std::uint64_t seed = 0;
  std::string rel_dir;  // relative to the sweep directory
};

struct Shard {
  int index = 1, count = 1;  // 1-based: shard 1/2 and 2/2
};

// Parses "cluster.hosts[0].count=10,20,40"; throws std::invalid_argument with the offending text.
GridAxis parse_grid_axis(const std::string& text);
// Parses "i/n" with 1 <= i <= n; throws std::invalid_argument.
Shard parse_shard(const std::string& text);

std::vector<GridPoint> grid_points(const std::vector<GridAxis>& grid);
// Ordered grid point, then seed, then policy: the policies of one seed sit next to each other, so any
// shard (index modulo count) gets a similar mix of policies and similar run times.
std::vector<PlannedRun> plan_runs(const SweepSpec& spec);
std::vector<PlannedRun> shard_runs(const std::vector<PlannedRun>& plan, const Shard& shard);
// A variant label made safe as one path component ("least-allocated[cpu_weight=2]" stays as it is; a
// '/' or a space would not).
std::string path_component(const std::string& label);
// Where the scenario of a grid point is kept, relative to the sweep directory.
std::string scenario_rel_path(const GridPoint& point);

nlohmann::json to_json(const SweepSpec& spec);
// Throws std::invalid_argument naming the field that is missing or malformed.
SweepSpec sweep_spec_from_json(const nlohmann::json& json);

// True when `run_dir` holds a summary.json that parses and has metrics: the run finished. (drydock run
// writes summary.json last, and compare renames a run's directory into place only once it succeeded.)
bool run_complete(const std::string& run_dir);

}  // namespace drydock
