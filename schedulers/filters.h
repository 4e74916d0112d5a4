// The filter plugins every framework policy runs after the built-in resource and schedulable checks.
//
// - constraints:  node.labels.KEY==VALUE / != VALUE from ServiceSpec::constraints (Swarm's syntax).
// - max-per-host: ServiceSpec::max_replicas_per_host (Swarm's --replicas-max-per-node).
// - taints:       a host label `taint.KEY` = `VALUE[:NoSchedule|:PreferNoSchedule]` taints the host;
//                 NoSchedule (the default effect) rejects replicas that do not tolerate it. Tolerations
//                 come from the policy parameter `tolerations` (ServiceSpec has no field for them yet):
//                 "SERVICE:KEY=VALUE, SERVICE:KEY" (no value = tolerate any value, Kubernetes' Exists).
// - anti-affinity: policy parameter `anti_affinity` = "A:B, C:C": no replica of A on a host holding
//                 B and vice versa; "C:C" = at most one replica of C per host.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "schedulers/framework.h"

namespace drydock {

struct Toleration {
  std::string key;
  std::string value;  // empty = any value
};

// Parsed `tolerations` and `anti_affinity` parameters, keyed by service name.
struct PlacementRules {
  std::map<std::string, std::vector<Toleration>> tolerations;
  std::map<std::string, std::set<std::string>> anti_affinity;  // symmetric
};
PlacementRules parse_rules(const std::string& tolerations, const std::string& anti_affinity);

// A host's taint on `key`, split into value and effect ("NoSchedule" unless stated).
struct Taint {
  std::string key, value, effect;
};
std::vector<Taint> host_taints(const HostSpec& host);
bool tolerates(const std::vector<Toleration>& tolerations, const Taint& taint);

std::unique_ptr<FilterPlugin> make_constraint_filter();
std::unique_ptr<FilterPlugin> make_max_per_host_filter();
std::unique_ptr<FilterPlugin> make_taint_filter(std::shared_ptr<const PlacementRules> rules);
std::unique_ptr<FilterPlugin> make_anti_affinity_filter(std::shared_ptr<const PlacementRules> rules);

// The four above, in the order they run (cheapest and most common first).
std::vector<std::unique_ptr<FilterPlugin>> standard_filters(std::shared_ptr<const PlacementRules> rules);

}  // namespace drydock
