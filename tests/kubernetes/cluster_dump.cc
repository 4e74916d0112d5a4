#include "tests/kubernetes/cluster_dump.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

namespace drydock::testing {
namespace {

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

std::string q(const std::string& s) { return "\"" + s + "\""; }
std::string num(double v) {
  std::ostringstream o;
  o.precision(17);
  o << v;
  return o.str();
}
std::string ind(int n) { return std::string(n, ' '); }

void metadata(std::ostringstream& o, int i, const std::string& name, const std::string& ns,
              const std::map<std::string, std::string>& labels, const std::map<std::string, std::string>& annotations,
              const std::string& owner_kind = "", const std::string& owner_name = "") {
  o << ind(i) << "metadata:\n";
  if (!annotations.empty()) {
    o << ind(i + 2) << "annotations:\n";
    for (const auto& [k, v] : annotations) o << ind(i + 4) << k << ": " << q(v) << "\n";
  }
  o << ind(i + 2) << "creationTimestamp: \"2026-11-30T09:12:44Z\"\n";
  if (!labels.empty()) {
    o << ind(i + 2) << "labels:\n";
    for (const auto& [k, v] : labels) o << ind(i + 4) << k << ": " << (v.empty() ? "\"\"" : q(v)) << "\n";
  }
  o << ind(i + 2) << "name: " << name << "\n";
  if (!ns.empty()) o << ind(i + 2) << "namespace: " << ns << "\n";
  if (!owner_kind.empty()) {
    o << ind(i + 2) << "ownerReferences:\n" << ind(i + 2) << "- apiVersion: " << (owner_kind == "Job" ? "batch/v1" : "apps/v1") << "\n";
    o << ind(i + 4) << "blockOwnerDeletion: true\n" << ind(i + 4) << "controller: true\n";
    o << ind(i + 4) << "kind: " << owner_kind << "\n" << ind(i + 4) << "name: " << owner_name << "\n";
    o << ind(i + 4) << "uid: 3f0c6a52-9d1e-4c1b-9a55-" << std::hex << std::hash<std::string>{}(owner_name) % 0xffffffffffff << std::dec << "\n";
  }
  o << ind(i + 2) << "resourceVersion: \"48213\"\n";
  o << ind(i + 2) << "uid: 7d1b2c3a-1f4e-4e5a-8b6c-" << std::hex << std::hash<std::string>{}(ns + name) % 0xffffffffffff << std::dec << "\n";
}

// A pod spec at indentation `i` (its keys), as the API server defaults and kubectl prints it.
void pod_spec(std::ostringstream& o, int i, const Workload& w, bool bare_pod) {
  if (w.anti_self) {
    o << ind(i) << "affinity:\n" << ind(i + 2) << "podAntiAffinity:\n";
    o << ind(i + 4) << "requiredDuringSchedulingIgnoredDuringExecution:\n";
    o << ind(i + 4) << "- labelSelector:\n" << ind(i + 8) << "matchExpressions:\n";
    o << ind(i + 8) << "- key: app\n" << ind(i + 10) << "operator: In\n" << ind(i + 10) << "values:\n";
    o << ind(i + 10) << "- " << w.name << "\n" << ind(i + 6) << "topologyKey: kubernetes.io/hostname\n";
  }
  o << ind(i) << "containers:\n" << ind(i) << "- image: " << w.image << "\n" << ind(i + 2) << "imagePullPolicy: IfNotPresent\n";
  o << ind(i + 2) << "name: main\n";
  o << ind(i + 2) << "ports:\n" << ind(i + 2) << "- containerPort: 8080\n" << ind(i + 4) << "name: http\n" << ind(i + 4) << "protocol: TCP\n";
  for (int p : w.host_ports)
    o << ind(i + 2) << "- containerPort: " << p << "\n" << ind(i + 4) << "hostPort: " << p << "\n" << ind(i + 4) << "protocol: TCP\n";
  o << ind(i + 2) << "resources:\n";
  if (w.gpus > 0 || w.cpu_milli > 0) {
    o << ind(i + 4) << "limits:\n";
    o << ind(i + 6) << "memory: " << w.memory << "\n";
    if (w.gpus > 0) o << ind(i + 6) << "nvidia.com/gpu: " << q(std::to_string(w.gpus)) << "\n";
    o << ind(i + 4) << "requests:\n";
    if (w.cpu_milli % 1000 == 0) o << ind(i + 6) << "cpu: " << q(std::to_string(w.cpu_milli / 1000)) << "\n";
    else o << ind(i + 6) << "cpu: " << w.cpu_milli << "m\n";
    o << ind(i + 6) << "memory: " << w.memory << "\n";
    if (w.gpus > 0) o << ind(i + 6) << "nvidia.com/gpu: " << q(std::to_string(w.gpus)) << "\n";
  } else {
    o << ind(i + 4) << "{}\n";
  }
  o << ind(i + 2) << "terminationMessagePath: /dev/termination-log\n" << ind(i + 2) << "terminationMessagePolicy: File\n";
  if (bare_pod)
    o << ind(i + 2) << "volumeMounts:\n" << ind(i + 2) << "- mountPath: /var/run/secrets/kubernetes.io/serviceaccount\n"
      << ind(i + 4) << "name: kube-api-access-x7k2p\n" << ind(i + 4) << "readOnly: true\n";
  o << ind(i) << "dnsPolicy: ClusterFirst\n";
  if (bare_pod) o << ind(i) << "enableServiceLinks: true\n";
  if (bare_pod && !w.node_name.empty()) o << ind(i) << "nodeName: " << w.node_name << "\n";
  if (!w.node_selector.empty()) {
    o << ind(i) << "nodeSelector:\n";
    for (const auto& [k, v] : w.node_selector) o << ind(i + 2) << k << ": " << q(v) << "\n";
  }
  if (bare_pod) o << ind(i) << "preemptionPolicy: PreemptLowerPriority\n" << ind(i) << "priority: 0\n";
  o << ind(i) << "restartPolicy: " << (w.kind == "Job" ? "OnFailure" : "Always") << "\n";
  o << ind(i) << "schedulerName: default-scheduler\n" << ind(i) << "securityContext: {}\n";
  if (bare_pod) o << ind(i) << "serviceAccount: default\n" << ind(i) << "serviceAccountName: default\n";
  o << ind(i) << "terminationGracePeriodSeconds: 30\n";
  std::vector<Toleration> tolerations = w.tolerations;
  if (bare_pod)  // the DefaultTolerationSeconds admission plugin's
    for (const char* k : {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"})
      tolerations.push_back({k, "Exists", "", "NoExecute", 300});
  if (!tolerations.empty()) {
    o << ind(i) << "tolerations:\n";
    for (const Toleration& t : tolerations) {
      std::string dash = "- ";
      if (!t.effect.empty()) o << ind(i) << dash << "effect: " << t.effect << "\n", dash = "  ";
      if (!t.key.empty()) o << ind(i) << dash << "key: " << t.key << "\n", dash = "  ";
      o << ind(i) << dash << "operator: " << t.op << "\n";
      if (t.seconds >= 0) o << ind(i + 2) << "tolerationSeconds: " << t.seconds << "\n";
      if (!t.value.empty()) o << ind(i + 2) << "value: " << t.value << "\n";
    }
  }
  if (bare_pod)
    o << ind(i) << "volumes:\n" << ind(i) << "- name: kube-api-access-x7k2p\n" << ind(i + 2) << "projected:\n"
      << ind(i + 4) << "defaultMode: 420\n" << ind(i + 4) << "sources:\n" << ind(i + 4) << "- serviceAccountToken:\n"
      << ind(i + 8) << "expirationSeconds: 3607\n" << ind(i + 8) << "path: token\n";
}

void template_block(std::ostringstream& o, int i, const Workload& w) {
  o << ind(i) << "template:\n" << ind(i + 2) << "metadata:\n";
  if (!w.run_time.empty()) o << ind(i + 4) << "annotations:\n" << ind(i + 6) << "drydock.io/run-time: " << w.run_time << "\n";
  o << ind(i + 4) << "creationTimestamp: null\n" << ind(i + 4) << "labels:\n" << ind(i + 6) << "app: " << w.name << "\n";
  o << ind(i + 2) << "spec:\n";
  pod_spec(o, i + 4, w, false);
}

void selector(std::ostringstream& o, int i, const Workload& w) {
  o << ind(i) << "selector:\n" << ind(i + 2) << "matchLabels:\n" << ind(i + 4) << "app: " << w.name << "\n";
}

void workload_object(std::ostringstream& o, const Workload& w) {
  const int i = 2;
  const std::string api = w.kind == "Job" ? "batch/v1" : w.kind == "Pod" ? "v1" : "apps/v1";
  o << "- apiVersion: " << api << "\n" << ind(i) << "kind: " << w.kind << "\n";
  std::map<std::string, std::string> annotations;
  if (w.kind == "Deployment") annotations["deployment.kubernetes.io/revision"] = "1";
  metadata(o, i, w.name, w.ns, {{"app", w.name}}, annotations);
  o << ind(i) << "spec:\n";
  const int s = i + 2;
  if (w.kind == "Pod") {
    pod_spec(o, s, w, true);
    o << ind(i) << "status:\n" << ind(s) << "phase: Running\n" << ind(s) << "qosClass: Burstable\n";
    return;
  }
  if (w.kind == "Deployment") {
    o << ind(s) << "progressDeadlineSeconds: 600\n" << ind(s) << "replicas: " << w.replicas << "\n";
    o << ind(s) << "revisionHistoryLimit: 10\n";
    selector(o, s, w);
    o << ind(s) << "strategy:\n";
    if (w.strategy == "RollingUpdate")
      o << ind(s + 2) << "rollingUpdate:\n" << ind(s + 4) << "maxSurge: " << w.max_surge << "\n"
        << ind(s + 4) << "maxUnavailable: " << w.max_unavailable << "\n";
    o << ind(s + 2) << "type: " << w.strategy << "\n";
  } else if (w.kind == "StatefulSet") {
    o << ind(s) << "persistentVolumeClaimRetentionPolicy:\n" << ind(s + 2) << "whenDeleted: Retain\n" << ind(s + 2) << "whenScaled: Retain\n";
    o << ind(s) << "podManagementPolicy: Parallel\n" << ind(s) << "replicas: " << w.replicas << "\n" << ind(s) << "revisionHistoryLimit: 10\n";
    selector(o, s, w);
    o << ind(s) << "serviceName: " << w.name << "\n";
  } else if (w.kind == "DaemonSet") {
    o << ind(s) << "revisionHistoryLimit: 10\n";
    selector(o, s, w);
  } else if (w.kind == "Job") {
    o << ind(s) << "backoffLimit: 6\n" << ind(s) << "completionMode: NonIndexed\n" << ind(s) << "completions: " << w.completions << "\n";
    o << ind(s) << "manualSelector: false\n" << ind(s) << "parallelism: " << w.parallelism << "\n";
    o << ind(s) << "podReplacementPolicy: TerminatingOrFailed\n";
    o << ind(s) << "selector:\n" << ind(s + 2) << "matchLabels:\n" << ind(s + 4) << "batch.kubernetes.io/controller-uid: 5b1e\n";
    o << ind(s) << "suspend: false\n";
  }
  template_block(o, s, w);
  if (w.kind == "StatefulSet")
    o << ind(s) << "updateStrategy:\n" << ind(s + 2) << "rollingUpdate:\n" << ind(s + 4) << "partition: 0\n" << ind(s + 2) << "type: RollingUpdate\n";
  if (w.kind == "DaemonSet")
    o << ind(s) << "updateStrategy:\n" << ind(s + 2) << "rollingUpdate:\n" << ind(s + 4) << "maxSurge: 0\n"
      << ind(s + 4) << "maxUnavailable: 1\n" << ind(s + 2) << "type: RollingUpdate\n";
  o << ind(i) << "status:\n";
  if (w.kind == "Deployment" || w.kind == "StatefulSet") o << ind(s) << "availableReplicas: " << w.replicas << "\n" << ind(s) << "replicas: " << w.replicas << "\n";
  else if (w.kind == "Job") o << ind(s) << "active: " << w.parallelism << "\n";
  else o << ind(s) << "numberReady: 0\n";
}

// The ReplicaSet a Deployment owns, and one of its Pods, as a dump holds them beside the Deployment.
void owned_objects(std::ostringstream& list, std::ostringstream& docs, const Workload& w) {
  const std::string hash = "5d8f" + std::to_string(w.name.size() * 7919 % 100000);
  const std::string rs = w.name + "-" + hash;
  Workload copy = w;
  copy.kind = "ReplicaSet";
  list << "- apiVersion: apps/v1\n  kind: ReplicaSet\n";
  metadata(list, 2, rs, w.ns, {{"app", w.name}, {"pod-template-hash", hash}}, {{"deployment.kubernetes.io/desired-replicas", std::to_string(w.replicas)}},
           "Deployment", w.name);
  list << "  spec:\n    replicas: " << w.replicas << "\n";
  selector(list, 4, w);
  template_block(list, 4, copy);
  list << "  status:\n    replicas: " << w.replicas << "\n";
  for (int k = 0; k < std::min(w.replicas, 2); ++k) {
    docs << "---\napiVersion: v1\nkind: Pod\n";
    metadata(docs, 0, rs + "-x" + std::to_string(k), w.ns, {{"app", w.name}, {"pod-template-hash", hash}}, {}, "ReplicaSet", rs);
    docs << "spec:\n";
    Workload pod = w;
    pod.node_name = "node-001";
    pod_spec(docs, 2, pod, true);
    docs << "status:\n  phase: Running\n";
  }
}

int scenario_service(std::ostringstream& o, const Workload& w, const std::vector<Node>& nodes) {
  const std::string name = w.ns == "default" ? w.name : w.ns + "/" + w.name;
  o << "- name: " << name << "\n  image: {name: " << q(w.image) << "}\n";
  int replicas = w.replicas;
  std::vector<std::string> tolerations;
  for (const Toleration& t : w.tolerations) {
    if (t.key.empty()) {  // every taint of the cluster
      for (const char* k : {"node-role.kubernetes.io/control-plane", "nvidia.com/gpu", "node.kubernetes.io/unschedulable"})
        tolerations.push_back(k);
    } else {
      tolerations.push_back(t.op == "Exists" ? t.key : t.key + "=" + t.value);
    }
  }
  if (w.kind == "DaemonSet") {
    for (const char* k : {"node.kubernetes.io/unschedulable", "node.kubernetes.io/disk-pressure",
                          "node.kubernetes.io/memory-pressure", "node.kubernetes.io/pid-pressure"})
      tolerations.push_back(k);
    replicas = 0;
    for (const Node& n : nodes) {
      bool ok = true;
      const auto labels = n.labels();
      for (const auto& [k, v] : w.node_selector) ok = ok && labels.count(k) && labels.at(k) == v;
      for (const Taint& t : n.taints()) {
        bool tol = false;
        for (const std::string& x : tolerations) tol = tol || x == t.key || x == t.key + "=" + t.value;
        ok = ok && tol;
      }
      replicas += ok;
    }
  }
  if (w.kind == "Job") replicas = std::min(w.completions, w.parallelism);
  o << "  replicas: " << replicas << "\n";
  if (w.cpu_milli > 0) o << "  cpu: " << num(w.cpu_milli / 1000.0) << "\n";
  if (w.memory_bytes > 0) o << "  memory: " << num(w.memory_bytes) << "B\n";
  if (w.gpus > 0) o << "  gpu: " << w.gpus << "\n";
  o << "  restart: {condition: " << (w.kind == "Job" ? "on-failure" : "any") << ", delay: 10s}\n";
  std::vector<std::string> constraints;
  for (const auto& [k, v] : w.node_selector) constraints.push_back("node.labels." + k + "==" + v);
  if (!w.node_name.empty()) constraints.push_back("node.labels.kubernetes.io/hostname==" + w.node_name);
  if (!constraints.empty()) {
    o << "  constraints:\n";
    for (const auto& c : constraints) o << "  - " << q(c) << "\n";
  }
  if (!tolerations.empty()) {
    o << "  tolerations:\n";
    for (const auto& t : tolerations) o << "  - " << q(t) << "\n";
  }
  if (w.anti_self) o << "  anti_affinity: [" << q(name) << "]\n";
  if (!w.host_ports.empty()) {
    o << "  ports:\n";
    for (int p : w.host_ports) o << "  - " << p << "\n";
  }
  if (w.kind == "DaemonSet") o << "  max_replicas_per_host: 1\n";
  if (w.kind == "Deployment" && w.strategy == "Recreate") o << "  update_config: {max_surge: 0, max_unavailable: 100%}\n";
  else if (w.kind == "Deployment" || w.kind == "ReplicaSet" || w.kind == "Pod" || w.kind == "Job")
    o << "  update_config: {max_surge: " << q(w.max_surge) << ", max_unavailable: " << q(w.max_unavailable) << "}\n";
  else o << "  update_config: {max_surge: 0, max_unavailable: 1}\n";
  if (!w.run_time.empty()) o << "  run_time: " << w.run_time << "\n";
  return replicas;
}

}  // namespace

ClusterDump make_cluster_dump(const std::string& name, const DumpOptions& opt) {
  std::mt19937_64 rng(opt.seed);
  const auto pick = [&](int lo, int hi) { return static_cast<int>(lo + rng() % static_cast<std::uint64_t>(hi - lo + 1)); };
  struct Type {
    const char* name;
    int cpu_milli;
    long long memory_ki;
    int gpus;
  };
  const Type kTypes[] = {{"m5.xlarge", 3920, 15270472, 0}, {"m5.2xlarge", 7910, 31574332, 0}, {"m5.4xlarge", 15890, 63173896, 0}};
  const Type kGpu = {"p3.8xlarge", 31850, 244277244, 4};
  const char* kZones[] = {"eu-west-1a", "eu-west-1b", "eu-west-1c"};
  std::vector<Node> nodes;
  char buf[32];
  for (int k = 0; k < opt.nodes + 3; ++k) {
    std::snprintf(buf, sizeof buf, "node-%03d", k + 1);
    Node n;
    n.name = buf;
    n.zone = kZones[k % 3];
    const bool cp = k >= opt.nodes;
    const Type& t = cp ? Type{"c5.xlarge", 3920, 7548632, 0} : (k % 15 == 14) ? kGpu : kTypes[pick(0, 2)];
    n.instance = t.name;
    n.cpu_milli = t.cpu_milli;
    n.memory_ki = t.memory_ki;
    n.gpus = t.gpus;
    n.control_plane = cp;
    n.cordoned = !cp && k % 97 == 50;
    nodes.push_back(n);
  }

  std::vector<Workload> works;
  const char* kImages[] = {"nginx:1.25", "redis:7.2", "ghcr.io/acme/api:4.1.0", "ghcr.io/acme/worker:4.1.0", "postgres:16"};
  const auto memory = [&](Workload& w, int mi, bool decimal) {
    if (decimal) {
      w.memory = std::to_string(mi) + "M";
      w.memory_bytes = mi * 1e6;
    } else if (mi % 1024 == 0) {
      w.memory = std::to_string(mi / 1024) + "Gi";
      w.memory_bytes = mi * 1048576.0;
    } else {
      w.memory = std::to_string(mi) + "Mi";
      w.memory_bytes = mi * 1048576.0;
    }
  };
  for (int d = 0; d < opt.deployments; ++d) {
    Workload w;
    w.kind = d % 9 == 4 ? "StatefulSet" : "Deployment";
    w.name = std::string(w.kind == "StatefulSet" ? "store-" : "svc-") + std::to_string(d);
    if (d % 10 == 7) w.ns = "team-b";
    w.image = kImages[d % 5];
    w.replicas = pick(2, 60);
    w.cpu_milli = 250 * pick(1, 8);
    memory(w, 128 * pick(1, 24), d % 6 == 5);
    if (d % 4 == 1) w.anti_self = true, w.replicas = pick(2, 40);
    if (d % 5 == 2) w.node_selector["topology.kubernetes.io/zone"] = kZones[d % 3];
    if (d % 7 == 3) w.node_selector["node.kubernetes.io/instance-type"] = "m5.4xlarge";
    if (d % 8 == 6) w.host_ports = {9100 + d};
    if (d % 11 == 10) w.strategy = "Recreate";
    if (d % 6 == 1) w.max_surge = "1", w.max_unavailable = "0";
    works.push_back(w);
  }
  // GPU training, tolerating the GPU taint.
  for (int g = 0; g < 3; ++g) {
    Workload w;
    w.kind = "Deployment";
    w.name = "trainer-" + std::to_string(g);
    w.image = "ghcr.io/acme/trainer:2.0";
    w.replicas = pick(4, 12);
    w.cpu_milli = 4000;
    memory(w, 16384, false);
    w.gpus = pick(1, 2);
    w.node_selector["accelerator"] = "nvidia-v100";
    w.tolerations = {{"nvidia.com/gpu", "Exists", "", "NoSchedule"}};
    works.push_back(w);
  }
  // The usual system pieces: DNS on any node but the cordoned, daemons everywhere they may run.
  Workload dns{.kind = "Deployment", .name = "coredns", .ns = "kube-system", .image = "registry.k8s.io/coredns/coredns:v1.11.1"};
  dns.replicas = 2, dns.cpu_milli = 100, dns.anti_self = true;
  memory(dns, 70, false);
  dns.node_selector["kubernetes.io/os"] = "linux";
  dns.tolerations = {{"CriticalAddonsOnly", "Exists", "", ""}, {"node-role.kubernetes.io/control-plane", "Exists", "", "NoSchedule"}};
  dns.max_surge = "25%", dns.max_unavailable = "1";
  works.push_back(dns);
  Workload proxy{.kind = "DaemonSet", .name = "kube-proxy", .ns = "kube-system", .image = "registry.k8s.io/kube-proxy:v1.29.0"};
  proxy.cpu_milli = 100;
  memory(proxy, 64, false);
  proxy.tolerations = {{"", "Exists", "", ""}};
  works.push_back(proxy);
  Workload exporter{.kind = "DaemonSet", .name = "node-exporter", .ns = "monitoring", .image = "quay.io/prometheus/node-exporter:v1.7.0"};
  exporter.cpu_milli = 50;
  memory(exporter, 50, false);
  exporter.host_ports = {9100};
  exporter.node_selector["kubernetes.io/os"] = "linux";
  works.push_back(exporter);
  Workload plugin{.kind = "DaemonSet", .name = "nvidia-device-plugin", .ns = "kube-system", .image = "nvcr.io/nvidia/k8s-device-plugin:v0.14.3"};
  plugin.cpu_milli = 50;
  memory(plugin, 100, false);
  plugin.node_selector["accelerator"] = "nvidia-v100";
  plugin.tolerations = {{"nvidia.com/gpu", "Exists", "", "NoSchedule"}};
  works.push_back(plugin);
  for (int j = 0; j < 4; ++j) {
    Workload w{.kind = "Job", .name = "report-" + std::to_string(j), .image = "ghcr.io/acme/report:1.3"};
    w.parallelism = pick(2, 8);
    w.completions = j % 2 ? w.parallelism : pick(1, w.parallelism);
    w.cpu_milli = 500 * pick(1, 4);
    memory(w, 512 * pick(1, 4), false);
    w.run_time = std::to_string(pick(30, 90)) + "s";
    works.push_back(w);
  }
  for (int p = 0; p < 3; ++p) {
    Workload w{.kind = "Pod", .name = "debug-" + std::to_string(p), .image = "busybox:1.36"};
    w.cpu_milli = 100;
    memory(w, 64, false);
    w.node_name = nodes[static_cast<std::size_t>(p * 40 + 2) % nodes.size()].name;
    works.push_back(w);
  }

  ClusterDump out;
  std::ostringstream nl, wl, pods, sc;
  nl << "apiVersion: v1\nitems:\n";
  for (const Node& n : nodes) {
    nl << "- apiVersion: v1\n  kind: Node\n";
    metadata(nl, 2, n.name, "", n.labels(),
             {{"node.alpha.kubernetes.io/ttl", "0"}, {"volumes.kubernetes.io/controller-managed-attach-detach", "true"}});
    nl << "  spec:\n    podCIDR: 10.244.0.0/24\n    podCIDRs:\n    - 10.244.0.0/24\n";
    nl << "    providerID: aws:///" << n.zone << "/i-0" << n.name.substr(5) << "\n";
    if (!n.taints().empty()) {
      nl << "    taints:\n";
      for (const Taint& t : n.taints()) {
        nl << "    - effect: " << t.effect << "\n      key: " << t.key << "\n";
        if (t.key == "node.kubernetes.io/unschedulable") nl << "      timeAdded: \"2026-11-30T10:00:00Z\"\n";
        if (!t.value.empty()) nl << "      value: " << t.value << "\n";
      }
    }
    if (n.cordoned) nl << "    unschedulable: true\n";
    nl << "  status:\n    addresses:\n    - address: 10.0.1." << n.name.substr(5) << "\n      type: InternalIP\n";
    for (const char* side : {"allocatable", "capacity"}) {
      nl << "    " << side << ":\n";
      if (n.cpu_milli % 1000 == 0) nl << "      cpu: \"" << n.cpu_milli / 1000 << "\"\n";
      else nl << "      cpu: " << n.cpu_milli << "m\n";
      nl << "      ephemeral-storage: \"95491281364\"\n      hugepages-1Gi: \"0\"\n      hugepages-2Mi: \"0\"\n";
      nl << "      memory: " << n.memory_ki << "Ki\n";
      if (n.gpus > 0) nl << "      nvidia.com/gpu: \"" << n.gpus << "\"\n";
      nl << "      pods: \"110\"\n";
    }
    nl << "    conditions:\n    - lastHeartbeatTime: \"2026-12-01T08:00:00Z\"\n      lastTransitionTime: \"2026-11-30T09:13:00Z\"\n"
       << "      message: kubelet is posting ready status\n      reason: KubeletReady\n      status: \"True\"\n      type: Ready\n";
    nl << "    nodeInfo:\n      architecture: amd64\n      containerRuntimeVersion: containerd://1.7.11\n"
       << "      kubeletVersion: v1.29.0\n      operatingSystem: linux\n";
  }
  nl << "kind: List\nmetadata:\n  resourceVersion: \"\"\n";

  wl << "apiVersion: v1\nitems:\n";
  sc << "name: " << name << "\npolicy: kube-default\ncluster:\n  hosts:\n";
  for (const Node& n : nodes) {
    sc << "  - name: " << n.name << "\n    cpu: " << num(n.cpu_milli / 1000.0) << "\n    memory: " << n.memory_ki << "KiB\n";
    if (n.gpus) sc << "    gpu: " << n.gpus << "\n";
    sc << "    labels:\n";
    for (const auto& [k, v] : n.labels()) sc << "      " << k << ": " << q(v) << "\n";
    if (!n.taints().empty()) {
      sc << "    taints:\n";
      for (const Taint& t : n.taints()) sc << "    - " << q(t.key + (t.value.empty() ? "" : "=" + t.value) + ":" + t.effect) << "\n";
    }
  }
  sc << "services:\n";
  for (const Workload& w : works) {
    workload_object(wl, w);
    if (w.kind == "Deployment") owned_objects(wl, pods, w);
    out.replicas += scenario_service(sc, w, nodes);
  }
  wl << "kind: List\nmetadata:\n  resourceVersion: \"\"\n";
  // A finished pod of a Job that is gone: it holds nothing.
  pods << "---\napiVersion: v1\nkind: Pod\n";
  metadata(pods, 0, "migrate-8k2lq", "default", {{"app", "migrate"}}, {}, "Job", "migrate");
  pods << "spec:\n";
  pod_spec(pods, 2, Workload{.kind = "Job", .name = "migrate", .image = "busybox:1.36", .node_name = "node-003"}, true);
  pods << "status:\n  phase: Succeeded\n";
  out.nodes_yaml = nl.str();
  out.workloads_yaml = wl.str();
  out.pods_yaml = pods.str();
  out.scenario_yaml = sc.str();
  return out;
}

void write_dump(const ClusterDump& dump, const std::string& dir) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/nodes.yaml") << dump.nodes_yaml;
  std::ofstream(dir + "/pods.yaml") << dump.pods_yaml;
  std::ofstream(dir + "/workloads.yaml") << dump.workloads_yaml;
}

}  // namespace drydock::testing
