#include "analysis/sweep_plan.h"

#include <cctype>
#include <fstream>
#include <set>
#include <stdexcept>

namespace drydock {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

}  // namespace

std::string GridPoint::label() const {
  std::string out;
  for (const auto& [k, v] : settings) out += (out.empty() ? "" : ",") + k + "=" + v;
  return out;
}

bool is_policy_param(const std::string& grid_key) { return grid_key.rfind(kPolicyParamsKey, 0) == 0; }

Variant run_variant(const std::string& variant, const GridPoint& point) {
  Variant v = parse_variant(variant);
  for (const auto& [key, value] : point.settings)
    if (is_policy_param(key)) v.params[key.substr(std::string(kPolicyParamsKey).size())] = value;
  return v;
}

std::string GridPoint::dir_name() const { return path_component(label()); }

std::string path_component(const std::string& label) {
  std::string out = label;
  if (out == "." || out == "..") return "_";
  for (char& c : out) {
    const bool safe = std::isalnum(static_cast<unsigned char>(c)) || std::string("._=,-[]+").find(c) != std::string::npos;
    if (!safe) c = '_';
  }
  return out;
}

GridAxis parse_grid_axis(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw std::invalid_argument("--set '" + text + "': expected key=value[,value...], e.g. cluster.hosts[0].count=10,20");
  GridAxis axis{text.substr(0, eq), split(text.substr(eq + 1), ',')};
  std::set<std::string> seen;
  for (const auto& v : axis.values) {
    if (v.empty()) throw std::invalid_argument("--set '" + text + "': empty value");
    if (!seen.insert(v).second) throw std::invalid_argument("--set '" + text + "': value '" + v + "' given twice");
  }
  return axis;
}

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  Shard s;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    std::size_t used = 0;
    s.index = std::stoi(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("trailing text");
    s.count = std::stoi(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) throw std::invalid_argument("trailing text");
  } catch (const std::exception&) {
    throw std::invalid_argument("--shard '" + text + "': expected i/n, e.g. 1/4");
  }
  if (s.count < 1 || s.index < 1 || s.index > s.count)
    throw std::invalid_argument("--shard '" + text + "': need 1 <= i <= n");
  return s;
}

std::vector<GridPoint> grid_points(const std::vector<GridAxis>& grid) {
  std::vector<GridPoint> points(1);
  for (const auto& axis : grid) {
    std::vector<GridPoint> next;
    for (const auto& p : points)
      for (const auto& v : axis.values) {
        GridPoint q = p;
        q.settings.emplace_back(axis.key, v);
        next.push_back(std::move(q));
      }
    points = std::move(next);
  }
  return points;
}

std::vector<PlannedRun> plan_runs(const SweepSpec& spec) {
  std::vector<PlannedRun> plan;
  for (const auto& point : grid_points(spec.grid))
    for (std::uint64_t seed : spec.seeds)
      for (const auto& policy : spec.policies) {
        PlannedRun r;
        r.index = plan.size();
        r.point = point;
        r.policy = policy;
        r.seed = seed;
        r.rel_dir = "runs/" + (point.settings.empty() ? "" : point.dir_name() + "/") + path_component(policy) + "/seed-" +
                    std::to_string(seed);
        plan.push_back(std::move(r));
      }
  return plan;
}

std::vector<PlannedRun> shard_runs(const std::vector<PlannedRun>& plan, const Shard& shard) {
  std::vector<PlannedRun> out;
  for (const auto& r : plan)
    if (static_cast<int>(r.index % static_cast<std::size_t>(shard.count)) == shard.index - 1) out.push_back(r);
  return out;
}

std::string scenario_rel_path(const GridPoint& point) {
  return point.settings.empty() ? "scenario.yaml" : "scenarios/" + point.dir_name() + ".yaml";
}

nlohmann::json to_json(const SweepSpec& spec) {
  nlohmann::json grid = nlohmann::json::array();
  for (const auto& a : spec.grid) grid.push_back({{"key", a.key}, {"values", a.values}});
  nlohmann::json j = {{"scenario", spec.scenario}, {"policies", spec.policies}, {"seeds", spec.seeds},
                      {"grid", grid}, {"baseline", spec.baseline}};
  if (!spec.trace.empty()) j["trace"] = {{"source", spec.trace}, {"from", spec.from}, {"to", spec.to}};
  return j;
}

SweepSpec sweep_spec_from_json(const nlohmann::json& j) {
  SweepSpec s;
  auto field = [&](const char* name) -> const nlohmann::json& {
    if (!j.is_object() || !j.contains(name)) throw std::invalid_argument(std::string("missing field '") + name + "'");
    return j.at(name);
  };
  try {
    s.scenario = field("scenario").get<std::string>();
    s.policies = field("policies").get<std::vector<std::string>>();
    s.seeds = field("seeds").get<std::vector<std::uint64_t>>();
    for (const auto& a : field("grid")) s.grid.push_back({a.at("key").get<std::string>(), a.at("values").get<std::vector<std::string>>()});
    s.baseline = field("baseline").get<std::string>();
    if (j.contains("trace")) {
      s.trace = j.at("trace").at("source").get<std::string>();
      s.from = j.at("trace").at("from").get<std::string>();
      s.to = j.at("trace").at("to").get<std::string>();
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("malformed field: ") + e.what());
  }
  if (s.policies.empty()) throw std::invalid_argument("no policies");
  return s;
}

bool run_complete(const std::string& run_dir) {
  std::ifstream in(run_dir + "/summary.json");
  if (!in) return false;
  const auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  return j.is_object() && j.contains("metrics") && j["metrics"].is_object();
}

}  // namespace drydock
