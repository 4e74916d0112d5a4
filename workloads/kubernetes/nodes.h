// A Node -> a scenario host group of one: allocatable cpu, memory and nvidia.com/gpu (Kubernetes
// quantities), labels, taints, and `unschedulable` as the taint node.kubernetes.io/unschedulable
// (what Kubernetes itself puts on a cordoned node).
#pragma once

#include <yaml-cpp/yaml.h>

#include "model/spec.h"
#include "workloads/kubernetes/objects.h"

namespace drydock::kube {

struct ImportedNode {
  YAML::Node group;  // cluster.hosts[i] of a scenario
  HostSpec host;     // the same host, its taints as labels `taint.KEY` = `VALUE:EFFECT`
};

ImportedNode read_node(const KubeObject& o, Findings& findings);

}  // namespace drydock::kube
