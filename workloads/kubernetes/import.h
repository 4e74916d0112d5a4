// Kubernetes objects -> the hosts and services of a drydock scenario, as scenario YAML (so that what
// an import produces is exactly what a user could have written, and goes through the scenario parser's
// checks). Nodes become host groups of one; Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs
// and bare Pods become services. Objects owned by a controller in the input (a Deployment's
// ReplicaSets, their Pods) are that controller's replicas, not services of their own; Pods whose
// controller is absent are grouped into one service per controller. README, "Kubernetes objects",
// lists what maps to what.
#pragma once

#include <yaml-cpp/yaml.h>

#include <vector>

#include "model/spec.h"
#include "workloads/kubernetes/objects.h"

namespace drydock::kube {

struct Import {
  YAML::Node hosts;     // a sequence of scenario host groups (cluster.hosts)
  YAML::Node services;  // a sequence of scenario services
  std::vector<Finding> findings;  // what could not be modelled
};

// `other_hosts`: hosts the scenario has besides the imported Nodes (`--with`), which DaemonSets also
// cover and whose taints tolerations are resolved against. Throws std::invalid_argument for objects
// that are malformed (a quantity that is not one, a missing pod spec), naming file, line and object.
Import import_kubernetes(const std::vector<KubeObject>& objects, const std::vector<HostSpec>& other_hosts = {});

// The service name of a workload: its name, prefixed "NAMESPACE/" outside the default namespace.
std::string service_name(const KubeObject& o);

}  // namespace drydock::kube
