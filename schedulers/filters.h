// The filter plugins every framework policy runs after the built-in resource and schedulable checks.
//
// - constraints:  node.labels.KEY==VALUE / != VALUE from ServiceSpec::constraints (Swarm's syntax).
// - max-per-host: ServiceSpec::max_replicas_per_host (Swarm's --replicas-max-per-node).
// - taints:       a host label `taint.KEY` = `VALUE[:NoSchedule|:PreferNoSchedule|:NoExecute]` taints the
//                 host (the scenario's `taints:` of a host group is stored that way); NoSchedule (the
//                 default effect) and NoExecute reject replicas that do not tolerate it. Tolerations come
//                 from ServiceSpec::tolerations and from the policy parameter `tolerations`
//                 ("SERVICE:KEY=VALUE, SERVICE:KEY"; no value = tolerate any value, Kubernetes' Exists).
// - anti-affinity: ServiceSpec::anti_affinity and the policy parameter `anti_affinity` = "A:B, C:C": no
//                 replica of A on a host holding B and vice versa (whichever side declares it);
//                 "C:C" = at most one replica of C per host.
// - ports:        ServiceSpec::ports: a host port already published by a replica on the host cannot be
//                 published again there (kube-scheduler's NodePorts, Swarm's published ports in host mode).
//
// Services are known by name in specs and rules but by id in ClusterState: anti-affinity and ports learn
// each service's id and declarations when its replicas pass through the scheduler, which every placed
// replica does (the control plane places through one scheduler for the whole run).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "schedulers/framework.h"

namespace drydock {

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
// A service's tolerations: its spec's and the policy parameter's for its name.
std::vector<Toleration> tolerations_of(const PlacementRules& rules, const ServiceSpec& spec);

std::unique_ptr<FilterPlugin> make_constraint_filter();
std::unique_ptr<FilterPlugin> make_max_per_host_filter();
std::unique_ptr<FilterPlugin> make_taint_filter(std::shared_ptr<const PlacementRules> rules);
std::unique_ptr<FilterPlugin> make_anti_affinity_filter(std::shared_ptr<const PlacementRules> rules);
std::unique_ptr<FilterPlugin> make_ports_filter();

// The five above, in the order they run (cheapest and most common first).
std::vector<std::unique_ptr<FilterPlugin>> standard_filters(std::shared_ptr<const PlacementRules> rules);

}  // namespace drydock
