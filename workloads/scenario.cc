// The scenario file: its top-level fields here, each section in its own file under workloads/scenario/
// (sections.h lists them).
#include "workloads/scenario.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "workloads/scenario/sections.h"
#include "workloads/units.h"

namespace drydock {
namespace {

using namespace scenario_parser;

Scenario parse_scenario_unchecked(const std::string& yaml_text, const std::string& file) {
  const Where w(file);
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                        ": invalid YAML: " + e.msg);
  }
  if (!root.IsMap()) w.fail(root, "(top level)", "expected a mapping with cluster, services, ...");
  w.only(root, "", {"name", "seed", "duration", "policy", "cluster", "services", "faults", "changes", "control",
                    "cluster_autoscaler"});

  Scenario s;
  s.file = file;
  s.name = root["name"] ? w.scalar<std::string>(root["name"], "name", "a name") : file;
  if (root["seed"]) s.seed = w.scalar<std::uint64_t>(root["seed"], "seed", "a non-negative integer");
  if (root["duration"]) s.duration = w.unit(root["duration"], "duration", parse_seconds);
  if (s.duration <= 0) w.fail(root["duration"], "duration", "must be positive");
  if (auto p = root["policy"]) {
    if (p.IsScalar()) {
      s.policy = p.Scalar();
    } else {
      w.only(p, "policy", {"name", "params"});
      s.policy = w.scalar<std::string>(p["name"], "policy.name", "a policy name");
      if (auto params = p["params"]) {
        if (!params.IsMap()) w.fail(params, "policy.params", "expected a mapping");
        for (const auto& kv : params) s.policy_params[kv.first.as<std::string>()] = kv.second.as<std::string>();
      }
    }
  }
  if (!root["cluster"]) w.fail(root, "cluster", "missing");
  parse_cluster(w, root["cluster"], s);
  if (!root["services"]) w.fail(root, "services", "missing");
  parse_services(w, root["services"], s);
  if (root["faults"]) parse_faults(w, root["faults"], s);
  if (root["changes"]) parse_changes(w, root["changes"], s);
  if (root["cluster_autoscaler"]) parse_cluster_autoscaler(w, root, s);
  if (root["control"]) parse_control(w, root["control"], s);
  s.detector.fixed.period = s.heartbeat.period;
  return s;
}

}  // namespace

Scenario parse_scenario(const std::string& yaml_text, const std::string& file) {
  try {
    return parse_scenario_unchecked(yaml_text, file);
  } catch (const YAML::Exception& e) {
    // A value of the wrong shape deep inside (a list where a label value belongs, say).
    throw ScenarioError(file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                        ": " + e.msg);
  }
}

Scenario load_scenario(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ScenarioError(path + ": cannot open scenario file");
  std::stringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path);
}

void validate_scenario(const Scenario& s) {
  if (s.duration <= 0) throw ScenarioError(s.file + ": duration: must be positive");
  for (const auto& f : s.faults)
    if (f.at > s.duration)
      throw ScenarioError(s.file + ": faults: a fault at " + std::to_string(f.at) + " s is after the end of the run");
}

}  // namespace drydock
