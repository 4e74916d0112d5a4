#include "workloads/kubernetes/import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "workloads/kubernetes/nodes.h"
#include "workloads/kubernetes/workloads.h"

namespace drydock::kube {
namespace {

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

// Kinds that hold no placement decision (or whose effect reaches the import through the pods that use
// them, a PersistentVolumeClaim through a pod's volumes): skipped without a finding.
bool is_ignored_kind(const std::string& kind) {
  static const std::set<std::string> kIgnored = {
      "Service",        "ConfigMap",          "Secret",           "ServiceAccount",      "Endpoints",
      "EndpointSlice",  "Namespace",          "Role",             "RoleBinding",         "ClusterRole",
      "ClusterRoleBinding", "Ingress",        "IngressClass",     "NetworkPolicy",       "Event",
      "Lease",          "ControllerRevision", "PriorityClass",    "StorageClass",        "PersistentVolume",
      "PersistentVolumeClaim", "CustomResourceDefinition", "MutatingWebhookConfiguration",
      "ValidatingWebhookConfiguration", "APIService", "CSIDriver", "CSINode", "RuntimeClass"};
  return kIgnored.count(kind) > 0;
}

struct Owner {
  std::string kind, name;
};
std::optional<Owner> controller_of(const KubeObject& o) {
  const YAML::Node refs = child(o.node, {"metadata", "ownerReferences"});
  if (!refs || !refs.IsSequence()) return std::nullopt;
  for (const auto& r : refs)
    if (r["controller"] && r["controller"].as<bool>()) return Owner{text(r["kind"]), text(r["name"])};
  return std::nullopt;
}

struct Service {
  Workload w;
  std::string name;
  std::string ref;  // the object (or owner) a user knows it by
  std::vector<std::string> tolerations, anti_affinity;
};

// A host's taints, from the `taint.KEY` = `VALUE:EFFECT` labels drydock keeps them in.
struct HostTaint {
  std::string key, value, effect;
};
std::vector<HostTaint> taints_of(const HostSpec& h) {
  std::vector<HostTaint> out;
  for (const auto& [k, v] : h.labels)
    if (k.starts_with("taint.")) {
      const auto colon = v.rfind(':');
      out.push_back({k.substr(6), colon == std::string::npos ? v : v.substr(0, colon),
                     colon == std::string::npos ? "NoSchedule" : v.substr(colon + 1)});
    }
  return out;
}

// drydock's rule (schedulers/filters.h): a toleration "KEY" tolerates any value, "KEY=VALUE" that value,
// whatever the effect.
bool drydock_tolerates(const std::string& toleration, const HostTaint& t) {
  const auto eq = toleration.find('=');
  if (eq == std::string::npos) return toleration == t.key;
  return toleration.substr(0, eq) == t.key && toleration.substr(eq + 1) == t.value;
}
bool kube_tolerates(const KubeToleration& k, const HostTaint& t) {
  if (!k.effect.empty() && k.effect != t.effect) return false;
  if (k.key.empty()) return k.op == "Exists";
  return k.key == t.key && (k.op == "Exists" || k.value == t.value);
}

// Kubernetes tolerations -> drydock's, exact over the taints the cluster's hosts carry: where drydock's
// wider rule (any effect) would tolerate a taint Kubernetes does not, the toleration is reported.
std::vector<std::string> resolve_tolerations(const KubeObject& o, const std::vector<KubeToleration>& ts,
                                             const std::vector<HostSpec>& hosts, Findings& f) {
  std::vector<std::string> out;
  const auto add = [&](const std::string& t) {
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  };
  for (const KubeToleration& k : ts) {
    // The tolerations of node failure (not-ready, unreachable: NoExecute) time Kubernetes' eviction;
    // drydock's failure detector decides when a host is down.
    if (k.key == "node.kubernetes.io/not-ready" || k.key == "node.kubernetes.io/unreachable") continue;
    std::vector<std::string> mine;
    if (k.key.empty()) {
      if (k.op != "Exists") {
        f.not_modelled(o, k.at, k.path, "an empty key needs operator Exists");
        continue;
      }
      for (const HostSpec& h : hosts)
        for (const HostTaint& t : taints_of(h))
          if (kube_tolerates(k, t)) mine.push_back(t.key);
    } else {
      mine.push_back(k.op == "Exists" || k.value.empty() ? k.key : k.key + "=" + k.value);
    }
    bool exact = true;
    for (const HostSpec& h : hosts)
      for (const HostTaint& t : taints_of(h))
        for (const std::string& m : mine)
          if (exact && drydock_tolerates(m, t) && !kube_tolerates(k, t)) {
            f.not_modelled(o, k.at, k.path,
                           "node " + h.name + " has taint " + t.key + "=" + t.value + ":" + t.effect +
                               " which drydock's toleration (any effect, any value when none is given) would also tolerate");
            exact = false;
          }
    if (exact)
      for (const std::string& m : mine) add(m);
  }
  return out;
}

bool may_run_on(const HostSpec& h, const Service& s) {
  for (const Constraint& c : s.w.pod.constraints) {
    const auto it = h.labels.find(c.key);
    if ((it != h.labels.end() && it->second == c.value) != c.equal) return false;
  }
  for (const HostTaint& t : taints_of(h)) {
    if (t.effect == "PreferNoSchedule") continue;
    bool ok = false;
    for (const std::string& m : s.tolerations) ok = ok || drydock_tolerates(m, t);
    if (!ok) return false;
  }
  return true;
}

// The DaemonSet controller adds these to every daemon pod (the pressure and cordon taints).
void add_daemon_tolerations(PodShape& pod) {
  for (const char* key : {"node.kubernetes.io/unschedulable", "node.kubernetes.io/disk-pressure",
                          "node.kubernetes.io/memory-pressure", "node.kubernetes.io/pid-pressure"})
    pod.tolerations.push_back({key, "Exists", "", "NoSchedule", YAML::Node(), "(added by the DaemonSet controller)"});
}

YAML::Node service_yaml(const Service& s) {
  const Workload& w = s.w;
  YAML::Node n;
  n["name"] = s.name;
  YAML::Node image;
  image["name"] = w.pod.image.empty() ? s.name : w.pod.image;
  n["image"] = image;
  n["replicas"] = w.replicas;
  if (w.pod.request.cpu > 0) n["cpu"] = number_text(w.pod.request.cpu);
  if (w.pod.request.memory_mib > 0) n["memory"] = number_text(w.pod.request.memory_mib * 1048576.0) + "B";
  if (w.pod.request.gpu > 0) n["gpu"] = number_text(w.pod.request.gpu);
  YAML::Node restart;
  using C = RestartPolicy::Condition;
  restart["condition"] = w.restart == C::kAny ? "any" : w.restart == C::kOnFailure ? "on-failure" : "none";
  restart["delay"] = "10s";  // the kubelet's first crash back-off
  n["restart"] = restart;
  if (!w.pod.constraints.empty()) {
    YAML::Node cs(YAML::NodeType::Sequence);
    for (const Constraint& c : w.pod.constraints) cs.push_back("node.labels." + c.key + (c.equal ? "==" : "!=") + c.value);
    n["constraints"] = cs;
  }
  if (!s.tolerations.empty()) n["tolerations"] = s.tolerations;
  if (!s.anti_affinity.empty()) n["anti_affinity"] = s.anti_affinity;
  if (!w.pod.host_ports.empty()) n["ports"] = w.pod.host_ports;
  if (w.daemon) n["max_replicas_per_host"] = 1;
  YAML::Node update;
  update["max_surge"] = w.max_surge;
  update["max_unavailable"] = w.max_unavailable;
  n["update_config"] = update;
  if (!w.run_time.empty()) n["run_time"] = w.run_time;
  return n;
}

}  // namespace

std::string service_name(const KubeObject& o) { return o.ns == "default" ? o.name : o.ns + "/" + o.name; }

Import import_kubernetes(const std::vector<KubeObject>& objects, const std::vector<HostSpec>& other_hosts) {
  Findings f;
  Import out;
  out.hosts = YAML::Node(YAML::NodeType::Sequence);
  out.services = YAML::Node(YAML::NodeType::Sequence);
  std::vector<HostSpec> hosts = other_hosts;
  std::set<std::string> present;  // NAMESPACE/KIND/NAME of the workloads in the input
  for (const KubeObject& o : objects) {
    if (o.kind == "Node") {
      ImportedNode n = read_node(o, f);
      out.hosts.push_back(n.group);
      hosts.push_back(std::move(n.host));
    } else if (is_workload_kind(o.kind)) {
      present.insert(o.ns + "/" + o.kind + "/" + o.name);
    }
  }

  std::vector<Service> services;
  std::map<std::string, std::size_t> by_owner;  // pods of an absent controller, grouped
  std::map<std::string, std::string> names;     // service name -> the object that took it
  for (const KubeObject& o : objects) {
    if (o.kind == "Node" || is_ignored_kind(o.kind)) continue;
    if (!is_workload_kind(o.kind)) {
      f.not_modelled(o, o.node["kind"], "kind", "kind " + o.kind);
      continue;
    }
    // A finished pod holds nothing.
    const std::string phase = text(child(o.node, {"status", "phase"}));
    if (o.kind == "Pod" && (phase == "Succeeded" || phase == "Failed")) continue;
    const std::optional<Owner> owner = controller_of(o);
    Service s;
    if (owner) {
      if (present.count(o.ns + "/" + owner->kind + "/" + owner->name)) continue;  // one of its replicas
      // A Deployment's pod names its ReplicaSet NAME-HASH, HASH being the pod-template-hash label.
      std::string owner_name = owner->name, owner_kind = owner->kind;
      const std::string hash = text(child(o.node, {"metadata", "labels", "pod-template-hash"}));
      if (owner->kind == "ReplicaSet" && !hash.empty() && owner_name.ends_with("-" + hash)) {
        const std::string deployment = owner_name.substr(0, owner_name.size() - hash.size() - 1);
        if (present.count(o.ns + "/Deployment/" + deployment)) continue;
        owner_name = deployment;
        owner_kind = "Deployment";
      }
      if (o.kind == "Pod") {
        const std::string key = o.ns + "/" + owner_kind + "/" + owner_name;
        if (auto it = by_owner.find(key); it != by_owner.end()) {
          ++services[it->second].w.replicas;
          continue;
        }
        // The first pod of the group stands for all: its controller's template, bound by the scheduler.
        KubeObject pod = o;
        pod.node = YAML::Clone(o.node);
        if (owner_kind == "DaemonSet" && child(pod.node, {"spec", "affinity"}))
          pod.node["spec"]["affinity"].remove("nodeAffinity");  // its node, by field
        s.w = read_workload(pod, f);
        s.w.object = &o;  // `pod` is a copy that ends here
        s.w.pod.node_name.clear();
        s.w.replicas = 1;
        s.w.daemon = owner_kind == "DaemonSet";
        s.name = o.ns == "default" ? owner_name : o.ns + "/" + owner_name;
        s.ref = (o.ns == "default" ? "" : o.ns + ":") + short_kind(owner_kind) + "/" + owner_name;
        by_owner[key] = services.size();
      }
    }
    if (s.name.empty()) {
      s.w = read_workload(o, f);
      s.name = service_name(o);
      s.ref = o.ref();
    }
    if (auto [it, fresh] = names.emplace(s.name, s.ref); !fresh)
      throw std::invalid_argument(o.where(o.node) + ": " + s.ref + ": service name '" + s.name + "' already taken by " + it->second);
    services.push_back(std::move(s));
  }

  for (Service& s : services) {
    const KubeObject& o = *s.w.object;
    if (s.w.daemon) add_daemon_tolerations(s.w.pod);
    s.tolerations = resolve_tolerations(o, s.w.pod.tolerations, hosts, f);
    if (!s.w.pod.node_name.empty()) {  // a bound pod stays on its node
      const auto h = std::find_if(hosts.begin(), hosts.end(), [&](const HostSpec& x) { return x.name == s.w.pod.node_name; });
      if (h == hosts.end() || !h->labels.count("kubernetes.io/hostname"))
        f.not_modelled(o, child(o.node, {"spec", "nodeName"}), "spec.nodeName",
                       "bound to node " + s.w.pod.node_name + ", which is not in the input with a kubernetes.io/hostname label");
      else
        s.w.pod.constraints.push_back({"kubernetes.io/hostname", h->labels.at("kubernetes.io/hostname"), true});
    }
    if (s.w.daemon) {
      // Sized to the daemon's current nodes: a node that joins later gets none.
      s.w.replicas = static_cast<int>(std::count_if(hosts.begin(), hosts.end(), [&](const HostSpec& h) { return may_run_on(h, s); }));
    }
  }
  // Required anti-affinity on the hostname: no replica beside a pod its selector matches (own namespace).
  for (Service& s : services)
    for (const LabelSelector& sel : s.w.pod.anti_affinity)
      for (const Service& other : services)
        if (other.w.object->ns == s.w.object->ns && sel.matches(other.w.pod.labels) &&
            std::find(s.anti_affinity.begin(), s.anti_affinity.end(), other.name) == s.anti_affinity.end())
          s.anti_affinity.push_back(other.name);
  for (const Service& s : services) out.services.push_back(service_yaml(s));
  out.findings = f.all();
  return out;
}

}  // namespace drydock::kube
