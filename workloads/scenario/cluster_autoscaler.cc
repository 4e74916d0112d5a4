// `cluster_autoscaler:`: a host group as the pool, off at the start, and the autoscaler's settings.
#include "workloads/scenario/sections.h"

#include "workloads/units.h"

namespace drydock::scenario_parser {

void parse_cluster_autoscaler(const Where& w, const YAML::Node& root, Scenario& s) {
  const YAML::Node ca = root["cluster_autoscaler"];
  const std::string at = "cluster_autoscaler";
  w.only(ca, at, {"pool", "initial_hosts", "min_hosts", "boot_delay", "scale_down_unneeded_time",
                  "scale_down_utilization_threshold", "scan_interval"});
  if (!ca["pool"]) w.fail(ca, at + ".pool", "missing: the name of a host group of cluster.hosts");
  ClusterAutoscalerSpec& spec = s.cluster_autoscaler;
  spec.enabled = true;
  spec.pool = w.scalar<std::string>(ca["pool"], at + ".pool", "a host group name");
  // Host groups expand in order, `count` hosts each (parse_cluster): find the pool's range.
  const YAML::Node groups = root["cluster"]["hosts"];
  std::size_t first = 0;
  bool found = false;
  for (std::size_t i = 0; i < groups.size() && !found; ++i) {
    const std::size_t count = groups[i]["count"] ? groups[i]["count"].as<std::size_t>() : 1;
    if (groups[i]["name"].as<std::string>() == spec.pool) {
      for (std::size_t k = 0; k < count; ++k) spec.pool_hosts.push_back(first + k);
      found = true;
    }
    first += count;
  }
  if (!found) w.fail(ca["pool"], at + ".pool", "no host group named '" + spec.pool + "' in cluster.hosts");
  ClusterAutoscalerConfig& c = spec.config;
  const int pool_size = static_cast<int>(spec.pool_hosts.size());
  if (ca["initial_hosts"]) c.initial_hosts = w.scalar<int>(ca["initial_hosts"], at + ".initial_hosts", "an integer");
  if (c.initial_hosts < 0 || c.initial_hosts > pool_size)
    w.fail(ca["initial_hosts"], at + ".initial_hosts", "must be between 0 and the pool's " + std::to_string(pool_size) + " hosts");
  c.min_hosts = c.initial_hosts;
  if (ca["min_hosts"]) c.min_hosts = w.scalar<int>(ca["min_hosts"], at + ".min_hosts", "an integer");
  if (c.min_hosts < 0 || c.min_hosts > pool_size)
    w.fail(ca["min_hosts"], at + ".min_hosts", "must be between 0 and the pool's " + std::to_string(pool_size) + " hosts");
  if (spec.pool_hosts.size() - c.initial_hosts == s.hosts.size())
    w.fail(ca["pool"], at + ".pool", "no host is on at the start: set initial_hosts or add a host group outside the pool");
  if (ca["boot_delay"]) c.boot_delay = w.unit(ca["boot_delay"], at + ".boot_delay", parse_seconds);
  if (ca["scale_down_unneeded_time"])
    c.unneeded_time = w.unit(ca["scale_down_unneeded_time"], at + ".scale_down_unneeded_time", parse_seconds);
  if (auto u = ca["scale_down_utilization_threshold"]) {
    c.utilization_threshold = w.scalar<double>(u, at + ".scale_down_utilization_threshold", "a fraction");
    if (c.utilization_threshold < 0 || c.utilization_threshold > 1)
      w.fail(u, at + ".scale_down_utilization_threshold", "must be in [0, 1]");
  }
  if (ca["scan_interval"]) c.scan_interval = w.unit(ca["scan_interval"], at + ".scan_interval", parse_seconds);
  if (c.boot_delay < 0) w.fail(ca["boot_delay"], at + ".boot_delay", "must not be negative");
  if (c.unneeded_time < 0) w.fail(ca["scale_down_unneeded_time"], at + ".scale_down_unneeded_time", "must not be negative");
  if (c.scan_interval <= 0) w.fail(ca["scan_interval"], at + ".scan_interval", "must be positive");
  s.host_off_at_start.assign(s.hosts.size(), 0);
  for (std::size_t k = static_cast<std::size_t>(c.initial_hosts); k < spec.pool_hosts.size(); ++k)
    s.host_off_at_start[spec.pool_hosts[k]] = 1;
}

}  // namespace drydock::scenario_parser
