// A KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) -> the drydock policy and parameters
// that decide the same: the profile's score plugins, their weights and NodeResourcesFit's scoring
// strategy (LeastAllocated, MostAllocated, RequestedToCapacityRatio with its shape and resource
// weights), and percentageOfNodesToScore. Plugins that score every host alike in drydock's model are
// noted; anything with no drydock equivalent (a custom plugin, a disabled filter, a second profile,
// extenders, unsupported plugin arguments) is refused, every one by name.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace drydock::kube {

struct SchedulerMapping {
  std::string policy;                         // a registered policy name
  std::map<std::string, std::string> params;  // its parameters
  std::vector<std::string> notes;             // how each part of the configuration was read
};

// Throws std::invalid_argument naming the file and every field refused.
SchedulerMapping map_scheduler_config(const std::string& path);

}  // namespace drydock::kube
