#include "analysis/run_set.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "analysis/metric_catalog.h"
#include "analysis/results.h"

namespace fs = std::filesystem;

namespace drydock {
namespace {

nlohmann::json read_json_file(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in) throw ResultsError(path + ": missing " + what);
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw ResultsError(path + ": corrupt " + what + " (not valid JSON: " + e.what() + ")");
  }
}

// timeseries.csv is only read by the plots, but a broken one should fail here, with its name, rather
// than as a Python traceback.
void check_timeseries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ResultsError(path + ": missing timeseries file");
  std::string line;
  if (!std::getline(in, line) || line != "time,scope,name,metric,value")
    throw ResultsError(path + ":1: corrupt timeseries file: not a timeseries.csv header: '" + line + "'");
  std::size_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const auto first = line.find(',');
    const auto last = line.rfind(',');
    const std::string where = path + ":" + std::to_string(line_no) + ": corrupt timeseries file: ";
    if (first == std::string::npos || std::count(line.begin(), line.end(), ',') < 4)
      throw ResultsError(where + "expected 5 fields");
    for (const std::string& number : {line.substr(0, first), line.substr(last + 1)}) {
      char* end = nullptr;
      std::strtod(number.c_str(), &end);
      if (number.empty() || *end != '\0') throw ResultsError(where + "not a number: '" + number + "'");
    }
  }
}

RunRecord make_record(const std::string& id, const std::string& dir, const nlohmann::json& summary) {
  RunRecord r;
  r.id = id;
  r.dir = dir;
  const std::string path = dir + "/summary.json";
  try {
    r.scenario = summary.at("scenario").get<std::string>();
    // A variant (a policy run with parameters) is compared under its label, apart from the policy's
    // other variants.
    r.policy = summary.contains("variant") ? summary.at("variant").get<std::string>() : summary.at("policy").get<std::string>();
    r.seed = summary.at("seed").get<std::uint64_t>();
    r.code_version = summary.value("code_version", "");
    r.metrics = scalar_metrics(summary);
  } catch (const std::exception& e) {
    throw ResultsError(path + ": corrupt summary file: " + e.what());
  }
  return r;
}

std::string join(const std::vector<std::string>& v, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < limit; ++i) out += (i ? ", " : "") + v[i];
  if (v.size() > limit) out += ", ... (" + std::to_string(v.size() - limit) + " more)";
  return out;
}

bool same_sweep(const SweepSpec& a, const SweepSpec& b) {
  if (a.scenario != b.scenario || a.grid.size() != b.grid.size()) return false;
  for (std::size_t i = 0; i < a.grid.size(); ++i)
    if (a.grid[i].key != b.grid[i].key || a.grid[i].values != b.grid[i].values) return false;
  return a.policies == b.policies && a.seeds == b.seeds;
}

RunSet load_sweep(const std::vector<std::string>& dirs, const SweepSpec& spec, const LoadOptions& options) {
  RunSet set;
  set.spec = spec;
  set.policies = spec.policies;
  for (const PlannedRun& p : plan_runs(spec)) {
    std::optional<RunRecord> found;
    nlohmann::json found_summary;
    for (const auto& d : dirs) {
      const std::string dir = d + "/" + p.rel_dir;
      if (!fs::exists(dir)) continue;
      nlohmann::json summary = check_results_dir(dir, options.check_files);
      if (found) {
        // The same run in two shards: harmless when identical (same binary, same seed), a sign of
        // mixed-up directories when not.
        if (summary.value("metrics", nlohmann::json()) != found_summary.value("metrics", nlohmann::json()))
          throw ResultsError(dir + "/summary.json: differs from " + found->dir + "/summary.json (the same run of the sweep)");
        continue;
      }
      RunRecord r = make_record(p.rel_dir, dir, summary);
      const std::string planned = run_variant(p.policy, p.point).label();
      if (r.policy != planned)
        throw ResultsError(dir + "/summary.json: policy '" + r.policy + "', but the sweep planned '" + planned + "' here");
      r.policy = p.policy;  // at a grid point on policy.params.*, the variant is named as the sweep names it
      if (r.seed != p.seed)
        throw ResultsError(dir + "/summary.json: seed " + std::to_string(r.seed) + ", but the sweep planned " + std::to_string(p.seed) + " here");
      r.grid = p.point.label();
      r.grid_settings = p.point.settings;
      found = std::move(r);
      found_summary = std::move(summary);
    }
    if (found) set.runs.push_back(std::move(*found));
    else set.missing.push_back(p.rel_dir);
  }
  if (!set.missing.empty() && !options.allow_partial)
    throw ResultsError(dirs.front() + ": " + std::to_string(set.missing.size()) + " of " +
                       std::to_string(set.missing.size() + set.runs.size()) +
                       " planned runs are missing (" + join(set.missing, 3) +
                       "); finish the sweep with `drydock compare`, name every shard's directory, or pass --partial");
  return set;
}

RunSet load_tree(const std::vector<std::string>& dirs, const LoadOptions& options) {
  RunSet set;
  std::map<std::pair<std::string, std::uint64_t>, std::string> seen;  // (policy, seed) -> dir
  std::set<std::string> policies;
  for (const auto& d : dirs) {
    std::vector<std::string> found;
    for (const auto& entry : fs::recursive_directory_iterator(d))
      if (entry.is_regular_file() && entry.path().filename() == "summary.json") {
        // <run>.partial and <run>.failed are a sweep's unfinished and failed runs, never results.
        const std::string ext = entry.path().parent_path().extension().string();
        if (ext != ".partial" && ext != ".failed") found.push_back(entry.path().parent_path().string());
      }
    std::sort(found.begin(), found.end());
    for (const auto& dir : found) {
      RunRecord r = make_record(fs::relative(dir, d).string(), dir, check_results_dir(dir, options.check_files));
      auto [it, fresh] = seen.emplace(std::make_pair(r.policy, r.seed), dir);
      if (!fresh)
        throw ResultsError(dir + "/summary.json: a second run of policy '" + r.policy + "' seed " +
                           std::to_string(r.seed) + " (the first is " + it->second + "); runs are paired by seed");
      policies.insert(r.policy);
      set.runs.push_back(std::move(r));
    }
  }
  set.policies.assign(policies.begin(), policies.end());
  return set;
}

}  // namespace

nlohmann::json check_results_dir(const std::string& dir, bool check_files) {
  nlohmann::json summary = read_json_file(dir + "/summary.json", "summary file");
  if (!summary.is_object() || !summary.contains("metrics") || !summary["metrics"].is_object())
    throw ResultsError(dir + "/summary.json: corrupt summary file: no \"metrics\" object");
  if (check_files) {
    const std::string events = dir + "/events.csv";
    if (!fs::exists(events)) throw ResultsError(events + ": missing events file");
    read_events_csv(events);  // throws naming file and line
    check_timeseries(dir + "/timeseries.csv");
  }
  return summary;
}

RunSet load_run_set(const std::vector<std::string>& dirs, const LoadOptions& options) {
  if (dirs.empty()) throw ResultsError("no results directory given");
  std::optional<SweepSpec> spec;
  std::string spec_from;
  for (const auto& d : dirs) {
    if (!fs::is_directory(d)) throw ResultsError(d + ": not a directory");
    const std::string path = d + "/sweep.json";
    if (!fs::exists(path)) {
      if (spec) throw ResultsError(d + ": has no sweep.json but " + spec_from + " has; name only the directories of one sweep");
      continue;
    }
    SweepSpec s;
    try {
      s = sweep_spec_from_json(read_json_file(path, "sweep file"));
    } catch (const std::invalid_argument& e) {
      throw ResultsError(path + ": corrupt sweep file: " + e.what());
    }
    if (spec && !same_sweep(*spec, s))
      throw ResultsError(path + ": a different sweep than " + spec_from + " (scenario, policies, seeds or grid differ)");
    if (!spec) {
      if (d != dirs.front()) throw ResultsError(dirs.front() + ": has no sweep.json but " + path + " exists");
      spec = s;
      spec_from = path;
    }
  }
  return spec ? load_sweep(dirs, *spec, options) : load_tree(dirs, options);
}

}  // namespace drydock
