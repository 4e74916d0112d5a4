// kubectl's YAML, written by the tests: the model of a cluster (nodes, workloads) and the writers of
// its objects in the exact shape `kubectl get -o yaml` prints them (keys sorted, metadata, defaults,
// status). Used by cluster_dump.cc.
#pragma once

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace drydock::testing::kubectl {

struct Taint {
  std::string key, value, effect;
};

struct Node {
  std::string name, instance, zone;
  int cpu_milli = 0;
  long long memory_ki = 0;
  int gpus = 0;
  bool control_plane = false, cordoned = false;
  std::vector<Taint> taints() const {
    std::vector<Taint> t;
    if (control_plane) t.push_back({"node-role.kubernetes.io/control-plane", "", "NoSchedule"});
    if (gpus > 0) t.push_back({"nvidia.com/gpu", "present", "NoSchedule"});
    if (cordoned) t.push_back({"node.kubernetes.io/unschedulable", "", "NoSchedule"});
    return t;
  }
  std::map<std::string, std::string> labels() const {
    std::map<std::string, std::string> l = {{"beta.kubernetes.io/arch", "amd64"},  {"beta.kubernetes.io/os", "linux"},
                                            {"kubernetes.io/arch", "amd64"},       {"kubernetes.io/hostname", name},
                                            {"kubernetes.io/os", "linux"},         {"node.kubernetes.io/instance-type", instance},
                                            {"topology.kubernetes.io/region", "eu-west-1"}, {"topology.kubernetes.io/zone", zone}};
    if (control_plane) l["node-role.kubernetes.io/control-plane"] = "";
    if (gpus > 0) l["accelerator"] = "nvidia-v100";
    return l;
  }
};

struct Toleration {
  std::string key, op, value, effect;
  int seconds = -1;
};

struct Workload {
  std::string kind, name, ns = "default", image;
  int replicas = 1, cpu_milli = 0, gpus = 0;
  std::string memory;         // a Kubernetes quantity: "256Mi", "500M"
  double memory_bytes = 0;    // the same in bytes, for the scenario
  std::map<std::string, std::string> node_selector;
  bool anti_self = false;
  std::vector<Toleration> tolerations;
  std::vector<int> host_ports;
  std::string strategy = "RollingUpdate", max_surge = "25%", max_unavailable = "25%";
  int completions = 0, parallelism = 0;  // Jobs
  std::string run_time;                   // Jobs
  std::string node_name;                  // bare Pods
};

std::string q(const std::string& s);  // "s", quoted
std::string num(double v);            // full precision
std::string ind(int n);               // n spaces

// One item of a List (at indentation 2): a Deployment, StatefulSet, DaemonSet, Job or Pod.
void workload_object(std::ostringstream& o, const Workload& w);
// The ReplicaSet a Deployment owns (into the List) and two of its Pods (documents of their own).
void owned_objects(std::ostringstream& list, std::ostringstream& docs, const Workload& w);
void metadata(std::ostringstream& o, int i, const std::string& name, const std::string& ns,
              const std::map<std::string, std::string>& labels, const std::map<std::string, std::string>& annotations,
              const std::string& owner_kind = "", const std::string& owner_name = "");
void pod_spec(std::ostringstream& o, int i, const Workload& w, bool bare_pod);

}  // namespace drydock::testing::kubectl
