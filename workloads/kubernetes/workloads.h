// One workload object (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or Pod) read into a service
// before the cluster-wide resolution of import.cc: its pod shape, replica count, rollout budget,
// restart condition and, for Jobs, run time.
#pragma once

#include <optional>
#include <string>

#include "workloads/kubernetes/objects.h"
#include "workloads/kubernetes/pod_spec.h"

namespace drydock::kube {

struct Workload {
  const KubeObject* object = nullptr;
  PodShape pod;
  int replicas = 1;
  bool daemon = false;           // a DaemonSet: one replica per node it may run on (import.cc counts)
  std::string max_surge = "25%", max_unavailable = "25%";  // RollingUpdate, Kubernetes' defaults
  RestartPolicy::Condition restart = RestartPolicy::Condition::kAny;
  std::string run_time;          // a Job's, from the annotation drydock.io/run-time; empty = never ends
};

// The kinds read_workload accepts.
bool is_workload_kind(const std::string& kind);

Workload read_workload(const KubeObject& o, Findings& findings);

// The annotation that tells a Job's pods how long they run (Kubernetes objects do not say): "5m".
inline constexpr const char* kRunTimeAnnotation = "drydock.io/run-time";

}  // namespace drydock::kube
