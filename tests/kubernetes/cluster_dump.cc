#include "tests/kubernetes/cluster_dump.h"

#include "tests/kubernetes/kubectl_writer.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

namespace drydock::testing {
namespace {

using namespace kubectl;

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
