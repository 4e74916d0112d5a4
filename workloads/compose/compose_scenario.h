// Compose services as scenario services (the YAML a user would write), for `drydock run SCENARIO
// --with stack.yml`: the scenario gives the cluster, the stack its services, unchanged.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "model/spec.h"
#include "workloads/compose/compose.h"

namespace drydock::compose {

// `hosts`: the cluster's, for mode global (one replica per host the constraints allow).
// `spread_preference`: the spread policy's `preferences` parameter of the scenario, if any; a service
// preferring another spread is a finding added to `f`.
YAML::Node scenario_services(ComposeFile& f, const std::vector<HostSpec>& hosts, const std::string& spread_preference);

}  // namespace drydock::compose
