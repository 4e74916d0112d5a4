#include "workloads/run_input.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "workloads/compose/compose_scenario.h"
#include "workloads/kubernetes/import.h"
#include "workloads/kubernetes/scheduler_config.h"

namespace drydock {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ScenarioError(path + ": cannot open scenario file");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string emit(const YAML::Node& root);

// The scenario that `--with` adds to: it may leave its services to the added file.
Scenario parse_base(const std::string& text, const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception&) {
    return parse_scenario(text, path);  // which says where and why
  }
  if (root.IsMap() && !root["services"]) {
    YAML::Node copy = YAML::Clone(root);
    copy["services"].push_back(YAML::Load("{name: placeholder, replicas: 0}"));  // only its hosts are read
    return parse_scenario(emit(copy), path);
  }
  return parse_scenario(text, path);
}

std::string emit(const YAML::Node& root) {
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

kube::Import import_or_explain(const std::vector<std::string>& paths, const std::vector<HostSpec>& other_hosts,
                               bool lenient, std::ostream& warnings) {
  std::vector<kube::KubeObject> objects;
  kube::Import imported;
  try {
    for (const std::string& p : paths) {
      auto more = kube::read_kubernetes_objects(p);
      objects.insert(objects.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    imported = kube::import_kubernetes(objects, other_hosts);
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(e.what());
  } catch (const YAML::Exception& e) {  // a value of the wrong shape deep inside an object
    throw ScenarioError(paths.front() + ": " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!imported.findings.empty()) {
    if (!lenient) {
      std::string message = std::to_string(imported.findings.size()) + " field(s) drydock cannot model:";
      for (const auto& f : imported.findings) message += "\n  " + f.text();
      throw ScenarioError(message + "\n(--lenient runs without them, as warnings)");
    }
    for (const auto& f : imported.findings) warnings << "warning: " << f.text() << "\n";
  }
  return imported;
}

// The scenario as written, plus the stack's services (the scenario gives the cluster).
std::string with_compose_services(const RunInput& input, const std::string& text, std::ostream& warnings) {
  const Scenario base = parse_base(text, input.path);
  compose::ComposeFile stack;
  try {
    stack = compose::read_compose(input.with);
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(e.what());
  }
  const auto pref = base.policy_params.find("preferences");
  const YAML::Node services = compose::scenario_services(
      stack, base.hosts, base.policy == "spread" && pref != base.policy_params.end() ? pref->second : "");
  if (!stack.findings.empty()) {
    if (!input.lenient) {
      std::string message = std::to_string(stack.findings.size()) + " field(s) drydock cannot model:";
      for (const auto& f : stack.findings) message += "\n  " + f;
      throw ScenarioError(message + "\n(--lenient runs without them, as warnings)");
    }
    for (const auto& f : stack.findings) warnings << "warning: " << f << "\n";
  }
  YAML::Node root = YAML::Load(text);
  for (const auto& s : services) root["services"].push_back(s);
  return "# " + input.path + " with the services of " + input.with + "\n" + emit(root);
}

// `converted`: whether the text was made from Kubernetes objects rather than read as written.
std::string scenario_text(const RunInput& input, std::ostream& warnings, bool& converted) {
  const bool main_is_kube = kube::is_kubernetes_input(input.path);
  converted = main_is_kube || !input.with.empty();
  if (!main_is_kube && !std::filesystem::is_regular_file(input.path) && std::filesystem::exists(input.path))
    throw ScenarioError(input.path + ": a folder holding no Kubernetes objects (apiVersion and kind)");
  const bool with_compose = !input.with.empty() && !main_is_kube && compose::is_compose_file(input.with);
  if (!input.with.empty() && !with_compose && !kube::is_kubernetes_input(input.with))
    throw ScenarioError(input.with + ": --with expects Kubernetes objects (apiVersion and kind) or a Compose file "
                        "(services: with deploy: sections)");
  if (!main_is_kube) {
    const std::string text = read_text(input.path);
    if (input.with.empty()) return text;
    if (with_compose) return with_compose_services(input, text, warnings);
    // The scenario as written, plus the objects' hosts and services.
    const Scenario base = parse_base(text, input.path);
    const kube::Import imported = import_or_explain({input.with}, base.hosts, input.lenient, warnings);
    YAML::Node root = YAML::Load(text);
    for (const auto& h : imported.hosts) root["cluster"]["hosts"].push_back(h);
    for (const auto& s : imported.services) root["services"].push_back(s);
    return "# " + input.path + " with the Kubernetes objects of " + input.with + "\n" + emit(root);
  }
  std::vector<std::string> paths = {input.path};
  if (!input.with.empty()) paths.push_back(input.with);
  const kube::Import imported = import_or_explain(paths, {}, input.lenient, warnings);
  if (imported.hosts.size() == 0) throw ScenarioError(input.path + ": no Node objects: nothing to place the workloads on");
  if (imported.services.size() == 0) throw ScenarioError(input.path + ": no workloads (Deployment, StatefulSet, DaemonSet, Job, Pod, ...)");
  YAML::Node root;
  root["name"] = std::filesystem::path(input.path).lexically_normal().filename().replace_extension().string();
  if (root["name"].Scalar().empty()) root["name"] = std::filesystem::path(input.path).parent_path().filename().string();
  root["policy"] = "kube-default";
  root["cluster"]["hosts"] = imported.hosts;
  root["services"] = imported.services;
  return "# converted by drydock from the Kubernetes objects of " + input.path + "\n" + emit(root);
}

}  // namespace

std::string scenario_text_of(const RunInput& input, std::ostream& warnings) {
  bool converted = false;
  return scenario_text(input, warnings, converted);
}

Scenario load_run_input(const RunInput& input, std::ostream& warnings) {
  bool converted = false;
  const std::string text = scenario_text(input, warnings, converted);
  Scenario s = parse_scenario(text, converted ? input.path + " (as a scenario)" : input.path);
  s.file = input.path;
  if (!input.scheduler_config.empty()) {
    try {
      const kube::SchedulerMapping m = kube::map_scheduler_config(input.scheduler_config);
      s.policy = m.policy;
      s.policy_params = m.params;
    } catch (const std::invalid_argument& e) {
      throw ScenarioError(e.what());
    }
  }
  return s;
}

}  // namespace drydock
