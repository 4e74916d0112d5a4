#include "workloads/compose/compose_scenario.h"

#include <algorithm>
#include <charconv>

namespace drydock::compose {
namespace {

std::string num(double v) {
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}
std::string count_text(const CountOrPercent& c) { return std::to_string(c.value) + (c.percent ? "%" : ""); }

bool allowed_on(const HostSpec& h, const ServiceSpec& s) {
  for (const Constraint& c : s.constraints) {
    const auto it = h.labels.find(c.key);
    if ((it != h.labels.end() && it->second == c.value) != c.equal) return false;
  }
  return true;
}

}  // namespace

YAML::Node scenario_services(ComposeFile& f, const std::vector<HostSpec>& hosts, const std::string& spread_preference) {
  YAML::Node out(YAML::NodeType::Sequence);
  for (const ComposeService& c : f.services) {
    const ServiceSpec& s = c.spec;
    if (!c.spread.empty() && c.spread != spread_preference)
      f.findings.push_back(f.file + ":" + std::to_string(c.line) + ": service/" + s.name +
                           ": deploy.placement.preferences: not modelled (drydock spreads over a label for every "
                           "service: policy spread with preferences=" + c.spread + ")");
    YAML::Node n;
    n["name"] = s.name;
    n["image"]["name"] = s.image;
    const int replicas = c.global ? static_cast<int>(std::count_if(hosts.begin(), hosts.end(),
                                                                   [&](const HostSpec& h) { return allowed_on(h, s); }))
                                  : s.replicas;
    n["replicas"] = replicas;
    if (s.request.cpu > 0) n["cpu"] = num(s.request.cpu);
    if (s.request.memory_mib > 0) n["memory"] = num(s.request.memory_mib * 1048576.0) + "B";
    if (s.request.gpu > 0) n["gpu"] = num(s.request.gpu);
    using C = RestartPolicy::Condition;
    n["restart"]["condition"] = s.restart.condition == C::kAny ? "any" : s.restart.condition == C::kOnFailure ? "on-failure" : "none";
    n["restart"]["delay"] = num(s.restart.delay) + "s";
    if (s.restart.max_attempts > 0) n["restart"]["max_attempts"] = s.restart.max_attempts;
    if (s.restart.window > 0) n["restart"]["window"] = num(s.restart.window) + "s";
    if (!s.constraints.empty()) {
      YAML::Node cs(YAML::NodeType::Sequence);
      for (const Constraint& k : s.constraints) cs.push_back("node.labels." + k.key + (k.equal ? "==" : "!=") + k.value);
      n["constraints"] = cs;
    }
    if (s.max_replicas_per_host > 0) n["max_replicas_per_host"] = s.max_replicas_per_host;
    if (!s.ports.empty()) n["ports"] = s.ports;
    n["update_config"]["max_surge"] = count_text(s.update.max_surge);
    n["update_config"]["max_unavailable"] = count_text(s.update.max_unavailable);
    out.push_back(n);
  }
  return out;
}

}  // namespace drydock::compose
