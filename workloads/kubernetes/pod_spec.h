// A pod spec (a bare Pod's `spec` or a controller's `spec.template.spec`) read into what drydock's
// model has: summed requests, image, label constraints, tolerations, host ports, hostname
// anti-affinity and the restart policy. Everything else is checked against lists of fields known to
// make no difference to placement; any other field goes to the findings as not modelled.
#pragma once

#include <string>
#include <vector>

#include "model/resources.h"
#include "model/spec.h"
#include "workloads/kubernetes/objects.h"

namespace drydock::kube {

// A label selector (matchLabels and matchExpressions with In, NotIn, Exists, DoesNotExist).
struct LabelSelector {
  struct Requirement {
    std::string key, op;
    std::vector<std::string> values;
  };
  std::vector<Requirement> requirements;  // matchLabels become In with one value
  bool matches(const Labels& labels) const;
};

// A toleration as Kubernetes writes it; resolved against the imported nodes' taints (import.cc).
struct KubeToleration {
  std::string key, op = "Equal", value, effect;  // empty effect: every effect
  YAML::Node at;                                 // for findings
  std::string path;
};

struct PodShape {
  std::string image;
  Resources request;
  std::vector<Constraint> constraints;       // nodeSelector and required node affinity
  std::vector<KubeToleration> tolerations;
  std::vector<int> host_ports;
  RestartPolicy::Condition restart = RestartPolicy::Condition::kAny;
  std::vector<LabelSelector> anti_affinity;  // required, on kubernetes.io/hostname, own namespace
  Labels labels;                             // the pod's (template's) labels
  std::string node_name;                     // spec.nodeName: bound to that node
};

// `spec_path` is where the pod spec sits ("spec" or "spec.template.spec"); `template_meta` the pod's
// metadata (labels), `spec` the pod spec itself.
PodShape read_pod_spec(const KubeObject& o, const YAML::Node& template_meta, const YAML::Node& spec,
                       const std::string& spec_path, Findings& findings);

}  // namespace drydock::kube
