// `cluster:`: the network, the registry, the daemon and the host groups.
#include "workloads/scenario/sections.h"

#include <set>

#include "workloads/units.h"

namespace drydock::scenario_parser {

namespace {

// `taints: ["dedicated=ml:NoSchedule", "maintenance:PreferNoSchedule"]`: KEY[=VALUE][:EFFECT], effect
// NoSchedule (default), PreferNoSchedule or NoExecute. Stored as the label `taint.KEY` = `VALUE:EFFECT`,
// the form the schedulers' taint filter and score read (schedulers/filters.h).
void parse_taints(const Where& w, const YAML::Node& node, const std::string& at, Labels& labels) {
  if (!node) return;
  if (!node.IsSequence()) w.fail(node, at, "expected a list such as [\"dedicated=ml:NoSchedule\"]");
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string field = at + "[" + std::to_string(i) + "]";
    const std::string text = w.scalar<std::string>(node[i], field, "a taint such as dedicated=ml:NoSchedule");
    std::string key = text, value, effect = "NoSchedule";
    if (const auto colon = key.rfind(':'); colon != std::string::npos) {
      effect = key.substr(colon + 1);
      key = key.substr(0, colon);
    }
    if (const auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
    }
    if (key.empty() || key.find_first_of(" :") != std::string::npos)
      w.fail(node[i], field, "expected KEY[=VALUE][:EFFECT] such as dedicated=ml:NoSchedule, got '" + text + "'");
    if (effect != "NoSchedule" && effect != "PreferNoSchedule" && effect != "NoExecute")
      w.fail(node[i], field, "effect must be NoSchedule, PreferNoSchedule or NoExecute, got '" + effect + "'");
    if (!labels.emplace("taint." + key, value + ":" + effect).second)
      w.fail(node[i], field, "taint '" + key + "' given twice (or also as the label taint." + key + ")");
  }
}

}  // namespace

void parse_cluster(const Where& w, const YAML::Node& cluster, Scenario& s) {
  w.only(cluster, "cluster", {"network", "registry", "daemon", "hosts"});
  if (auto net = cluster["network"]) {
    w.only(net, "cluster.network", {"bandwidth", "latency"});
    if (net["bandwidth"]) s.network.bandwidth = w.unit(net["bandwidth"], "cluster.network.bandwidth", parse_bytes_per_second);
    if (net["latency"]) s.network.latency = w.unit(net["latency"], "cluster.network.latency", parse_seconds);
    if (s.network.bandwidth <= 0) w.fail(net["bandwidth"], "cluster.network.bandwidth", "must be positive");
    if (s.network.latency < 0) w.fail(net["latency"], "cluster.network.latency", "must not be negative");
  }
  s.registry_bandwidth = s.network.bandwidth;
  if (auto reg = cluster["registry"]) {
    w.only(reg, "cluster.registry", {"bandwidth"});
    if (reg["bandwidth"]) s.registry_bandwidth = w.unit(reg["bandwidth"], "cluster.registry.bandwidth", parse_bytes_per_second);
    if (s.registry_bandwidth <= 0) w.fail(reg["bandwidth"], "cluster.registry.bandwidth", "must be positive");
  }
  if (auto daemon = cluster["daemon"]) {
    w.only(daemon, "cluster.daemon", {"start_interval"});
    if (daemon["start_interval"])
      s.start_interval = w.unit(daemon["start_interval"], "cluster.daemon.start_interval", parse_seconds);
    if (s.start_interval < 0) w.fail(daemon["start_interval"], "cluster.daemon.start_interval", "must not be negative");
  }
  const YAML::Node groups = cluster["hosts"];
  if (!groups || !groups.IsSequence() || groups.size() == 0)
    w.fail(groups ? groups : cluster, "cluster.hosts", "expected a non-empty list of host groups");
  std::set<std::string> names;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const YAML::Node g = groups[i];
    const std::string at = "cluster.hosts[" + std::to_string(i) + "]";
    w.only(g, at, {"name", "count", "cpu", "memory", "gpu", "labels", "taints"});
    if (!g["name"]) w.fail(g, at + ".name", "missing");
    const std::string name = w.scalar<std::string>(g["name"], at + ".name", "a name");
    const int count = g["count"] ? w.scalar<int>(g["count"], at + ".count", "an integer") : 1;
    if (count < 1) w.fail(g["count"], at + ".count", "must be at least 1");
    HostSpec host;
    if (!g["cpu"]) w.fail(g, at + ".cpu", "missing");
    if (!g["memory"]) w.fail(g, at + ".memory", "missing");
    host.capacity.cpu = w.scalar<double>(g["cpu"], at + ".cpu", "a number of cores");
    host.capacity.memory_mib = w.unit(g["memory"], at + ".memory", parse_memory) / 1048576.0;
    if (g["gpu"]) host.capacity.gpu = w.scalar<double>(g["gpu"], at + ".gpu", "a number of GPUs");
    if (host.capacity.cpu <= 0) w.fail(g["cpu"], at + ".cpu", "must be positive");
    if (host.capacity.memory_mib <= 0) w.fail(g["memory"], at + ".memory", "must be positive");
    if (host.capacity.gpu < 0) w.fail(g["gpu"], at + ".gpu", "must not be negative");
    host.labels = parse_labels(w, g["labels"], at + ".labels");
    parse_taints(w, g["taints"], at + ".taints", host.labels);
    for (int k = 1; k <= count; ++k) {
      host.name = g["count"] ? name + "-" + std::to_string(k) : name;  // a group of one keeps its name
      if (!names.insert(host.name).second) w.fail(g["name"], at + ".name", "host '" + host.name + "' defined twice");
      s.hosts.push_back(host);
    }
  }
}

}  // namespace drydock::scenario_parser
