#include "cli/scenario_overrides.h"

#include <yaml-cpp/yaml.h>

#include <stdexcept>

namespace drydock::cli {
namespace {

struct Step {
  std::string key;  // empty for a pure index step
  int index = -1;   // -1: no index
};

// "cluster.hosts[0].count" -> cluster, hosts, [0], count
std::vector<Step> parse_path(const std::string& path) {
  std::vector<Step> steps;
  std::string key;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '.') {
      if (!key.empty()) steps.push_back({key, -1});
      else if (i == path.size() || steps.empty()) throw std::invalid_argument("--set " + path + ": empty key");
      key.clear();
    } else if (path[i] == '[') {
      if (!key.empty()) steps.push_back({key, -1});
      key.clear();
      const auto close = path.find(']', i);
      if (close == std::string::npos) throw std::invalid_argument("--set " + path + ": unclosed [");
      const std::string digits = path.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
        throw std::invalid_argument("--set " + path + ": [" + digits + "] is not a list index");
      steps.push_back({"", std::stoi(digits)});
      i = close;
    } else {
      key += path[i];
    }
  }
  return steps;
}

}  // namespace

std::string apply_scenario_settings(const std::string& yaml_text,
                                    const std::vector<std::pair<std::string, std::string>>& settings) {
  YAML::Node root = YAML::Load(yaml_text);
  for (const auto& [path, value] : settings) {
    const std::vector<Step> steps = parse_path(path);
    // yaml-cpp nodes are handles: walking with copies and assigning through them edits `root`.
    std::vector<YAML::Node> chain{root};
    for (std::size_t i = 0; i < steps.size(); ++i) {
      YAML::Node here = chain.back();
      const Step& s = steps[i];
      const std::string where = "--set " + path + ": ";
      if (s.index >= 0) {
        if (!here.IsSequence()) throw std::invalid_argument(where + "not a list before [" + std::to_string(s.index) + "]");
        if (s.index >= static_cast<int>(here.size()))
          throw std::invalid_argument(where + "index " + std::to_string(s.index) + " past the end of a list of " +
                                      std::to_string(here.size()));
        chain.push_back(here[s.index]);
      } else {
        if (!here.IsMap()) throw std::invalid_argument(where + "'" + s.key + "' is below a value that is not a mapping");
        const bool last = i + 1 == steps.size();
        if (!last && !here[s.key]) throw std::invalid_argument(where + "no field '" + s.key + "' in the scenario");
        chain.push_back(here[s.key]);
      }
    }
    chain.back() = YAML::Load(value);
  }
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

void apply_policy_params(std::map<std::string, std::string>& params, const std::vector<std::string>& settings) {
  for (const std::string& setting : settings) {
    const auto eq = setting.find('=');
    if (eq == std::string::npos || eq == 0)
      throw std::invalid_argument("--param " + setting + ": expected key=value, such as cpu_weight=2");
    params[setting.substr(0, eq)] = setting.substr(eq + 1);
  }
}

}  // namespace drydock::cli
