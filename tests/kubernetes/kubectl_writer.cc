#include "tests/kubernetes/kubectl_writer.h"

#include <functional>

namespace drydock::testing::kubectl {

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
              const std::string& owner_kind, const std::string& owner_name) {
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

}  // namespace drydock::testing::kubectl
