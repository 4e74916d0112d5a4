#include "workloads/kubernetes/pod_spec.h"

#include <algorithm>
#include <stdexcept>

#include "workloads/kubernetes/quantity.h"

namespace drydock::kube {
namespace {

std::string idx(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

// requests (or, for a resource without one, its limit: Kubernetes' defaulting) of one container.
Resources container_request(const KubeObject& o, const YAML::Node& c, const std::string& path, Findings& f) {
  Resources r;
  const YAML::Node res = c["resources"];
  if (!res) return r;
  f.check_keys(o, res, join_path(path, "resources"), {"requests", "limits"}, {});
  for (const char* side : {"limits", "requests"}) {  // requests last: they win
    const YAML::Node m = res[side];
    if (!m || !m.IsMap()) continue;
    for (const auto& kv : m) {
      const std::string name = kv.first.as<std::string>();
      const std::string at = join_path(path, std::string("resources.") + side + "." + name);
      double value = 0;
      try {
        value = parse_quantity(text(kv.second));
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(o.where(kv.second) + ": " + o.ref() + ": " + at + ": " + e.what());
      }
      if (value < 0) throw std::invalid_argument(o.where(kv.second) + ": " + o.ref() + ": " + at + ": must not be negative");
      if (name == "cpu") r.cpu = value;
      else if (name == "memory") r.memory_mib = value / 1048576.0;
      else if (name == "nvidia.com/gpu") r.gpu = value;
      else if (value != 0 && std::string(side) == "requests") f.not_modelled(o, kv.first, at, "drydock models cpu, memory and nvidia.com/gpu");
      else if (value != 0 && !child(res, {"requests", name.c_str()})) f.not_modelled(o, kv.first, at, "drydock models cpu, memory and nvidia.com/gpu");
    }
  }
  return r;
}

void read_ports(const KubeObject& o, const YAML::Node& ports, const std::string& path, bool host_network,
                PodShape& pod, Findings& f) {
  if (!ports || !ports.IsSequence()) return;
  for (std::size_t i = 0; i < ports.size(); ++i) {
    const YAML::Node p = ports[i];
    f.check_keys(o, p, idx(path, i), {"containerPort", "hostPort"}, {"protocol", "name", "hostIP"});
    int port = 0;
    if (p["hostPort"]) port = p["hostPort"].as<int>();
    else if (host_network && p["containerPort"]) port = p["containerPort"].as<int>();
    if (port < 1) continue;
    if (port > 65535) throw std::invalid_argument(o.where(p) + ": " + o.ref() + ": " + idx(path, i) + ": port out of range");
    // The same port over TCP and UDP is one port to drydock (which does not model protocols).
    if (std::find(pod.host_ports.begin(), pod.host_ports.end(), port) == pod.host_ports.end()) pod.host_ports.push_back(port);
  }
}

void read_containers(const KubeObject& o, const YAML::Node& spec, const std::string& spec_path, PodShape& pod, Findings& f) {
  const bool host_network = spec["hostNetwork"] && spec["hostNetwork"].as<bool>();
  Resources sum, init_max;
  for (const char* list : {"containers", "initContainers"}) {
    const YAML::Node cs = spec[list];
    if (!cs) continue;
    const std::string path = join_path(spec_path, list);
    if (!cs.IsSequence()) throw std::invalid_argument(o.where(cs) + ": " + o.ref() + ": " + path + ": expected a list");
    for (std::size_t i = 0; i < cs.size(); ++i) {
      const YAML::Node c = cs[i];
      const std::string at = idx(path, i);
      f.check_keys(o, c, at, {"name", "image", "resources", "ports", "restartPolicy"},
                   {"command", "args", "env", "envFrom", "volumeMounts", "volumeDevices", "livenessProbe",
                    "readinessProbe", "startupProbe", "lifecycle", "imagePullPolicy", "terminationMessagePath",
                    "terminationMessagePolicy", "securityContext", "workingDir", "stdin", "stdinOnce", "tty",
                    "resizePolicy"});
      const Resources r = container_request(o, c, at, f);
      const bool sidecar = std::string(list) == "initContainers" && text(c["restartPolicy"]) == "Always";
      if (std::string(list) == "containers" || sidecar) {
        sum += r;  // a sidecar (restartable init container) runs beside the app containers
        if (pod.image.empty() && !sidecar) pod.image = text(c["image"]);
      } else {
        for (std::size_t d = 0; d < kDims; ++d) init_max[Dim(d)] = std::max(init_max[Dim(d)], r[Dim(d)]);
      }
      read_ports(o, c["ports"], join_path(at, "ports"), host_network, pod, f);
    }
  }
  // Kubernetes' effective request: the larger of the app containers' sum and the largest init container.
  for (std::size_t d = 0; d < kDims; ++d) pod.request[Dim(d)] = std::max(sum[Dim(d)], init_max[Dim(d)]);
  if (!spec["containers"]) throw std::invalid_argument(o.where(spec) + ": " + o.ref() + ": " + join_path(spec_path, "containers") + ": missing");
}

LabelSelector read_selector(const KubeObject& o, const YAML::Node& s, const std::string& path, Findings& f) {
  LabelSelector sel;
  if (!s) return sel;
  f.check_keys(o, s, path, {"matchLabels", "matchExpressions"}, {});
  if (const YAML::Node ml = s["matchLabels"])
    for (const auto& kv : ml) sel.requirements.push_back({kv.first.as<std::string>(), "In", {text(kv.second)}});
  if (const YAML::Node me = s["matchExpressions"])
    for (std::size_t i = 0; i < me.size(); ++i) {
      LabelSelector::Requirement r{text(child(me[i], {"key"})), text(child(me[i], {"operator"})), {}};
      if (r.op != "In" && r.op != "NotIn" && r.op != "Exists" && r.op != "DoesNotExist")
        f.not_modelled(o, child(me[i], {"operator"}), idx(join_path(path, "matchExpressions"), i) + ".operator", "operator " + r.op);
      if (const YAML::Node v = child(me[i], {"values"}))
        for (const auto& x : v) r.values.push_back(text(x));
      sel.requirements.push_back(std::move(r));
    }
  return sel;
}

// requiredDuringSchedulingIgnoredDuringExecution of nodeAffinity: one term of In (one value) and NotIn
// expressions is a conjunction of drydock's label constraints; anything wider is reported.
void read_node_affinity(const KubeObject& o, const YAML::Node& na, const std::string& path, PodShape& pod, Findings& f) {
  f.check_keys(o, na, path, {"requiredDuringSchedulingIgnoredDuringExecution"}, {});
  const YAML::Node req = na["requiredDuringSchedulingIgnoredDuringExecution"];
  if (!req) return;
  const std::string rpath = join_path(path, "requiredDuringSchedulingIgnoredDuringExecution");
  f.check_keys(o, req, rpath, {"nodeSelectorTerms"}, {});
  const YAML::Node terms = req["nodeSelectorTerms"];
  if (!terms || !terms.IsSequence() || terms.size() == 0) return;
  if (terms.size() > 1) {
    f.not_modelled(o, terms[1], rpath + ".nodeSelectorTerms[1]", "several terms are alternatives; drydock's constraints all hold");
    return;
  }
  const std::string tpath = rpath + ".nodeSelectorTerms[0]";
  f.check_keys(o, terms[0], tpath, {"matchExpressions"}, {});
  const YAML::Node exprs = child(terms[0], {"matchExpressions"});
  if (!exprs) return;
  for (std::size_t i = 0; i < exprs.size(); ++i) {
    const YAML::Node e = exprs[i];
    const std::string epath = idx(tpath + ".matchExpressions", i);
    const std::string key = text(e["key"]), op = text(e["operator"]);
    std::vector<std::string> values;
    if (e["values"])
      for (const auto& v : e["values"]) values.push_back(text(v));
    if (op == "In" && values.size() == 1) pod.constraints.push_back({key, values[0], true});
    else if (op == "NotIn")
      for (const auto& v : values) pod.constraints.push_back({key, v, false});
    else f.not_modelled(o, e, epath, "operator " + op + (op == "In" ? " with several values" : ""));
  }
}

void read_anti_affinity(const KubeObject& o, const YAML::Node& pa, const std::string& path, PodShape& pod, Findings& f) {
  f.check_keys(o, pa, path, {"requiredDuringSchedulingIgnoredDuringExecution"}, {});
  const YAML::Node req = pa["requiredDuringSchedulingIgnoredDuringExecution"];
  if (!req || !req.IsSequence()) return;
  const std::string rpath = join_path(path, "requiredDuringSchedulingIgnoredDuringExecution");
  for (std::size_t i = 0; i < req.size(); ++i) {
    const YAML::Node term = req[i];
    const std::string tpath = idx(rpath, i);
    f.check_keys(o, term, tpath, {"labelSelector", "topologyKey", "namespaces"}, {});
    if (text(term["topologyKey"]) != "kubernetes.io/hostname") {
      f.not_modelled(o, term["topologyKey"], tpath + ".topologyKey", "only kubernetes.io/hostname");
      continue;
    }
    if (const YAML::Node ns = term["namespaces"])
      for (const auto& n : ns)
        if (text(n) != o.ns) f.not_modelled(o, n, tpath + ".namespaces", "pods of other namespaces");
    pod.anti_affinity.push_back(read_selector(o, term["labelSelector"], tpath + ".labelSelector", f));
  }
}

void read_tolerations(const KubeObject& o, const YAML::Node& ts, const std::string& path, PodShape& pod, Findings& f) {
  if (!ts || !ts.IsSequence()) return;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    const YAML::Node t = ts[i];
    f.check_keys(o, t, idx(path, i), {"key", "operator", "value", "effect"}, {"tolerationSeconds"});
    KubeToleration k;
    k.key = text(t["key"]);
    if (t["operator"]) k.op = text(t["operator"]);
    k.value = text(t["value"]);
    k.effect = text(t["effect"]);
    k.at = t;
    k.path = idx(path, i);
    pod.tolerations.push_back(std::move(k));
  }
}

}  // namespace

bool LabelSelector::matches(const Labels& labels) const {
  for (const Requirement& r : requirements) {
    const auto it = labels.find(r.key);
    const bool has = it != labels.end();
    const bool in = has && std::find(r.values.begin(), r.values.end(), it->second) != r.values.end();
    if (r.op == "In" && !in) return false;
    if (r.op == "NotIn" && in) return false;
    if (r.op == "Exists" && !has) return false;
    if (r.op == "DoesNotExist" && has) return false;
  }
  return true;
}

PodShape read_pod_spec(const KubeObject& o, const YAML::Node& template_meta, const YAML::Node& spec,
                       const std::string& spec_path, Findings& f) {
  PodShape pod;
  if (!spec || !spec.IsMap()) throw std::invalid_argument(o.where(spec) + ": " + o.ref() + ": " + spec_path + ": missing");
  if (template_meta && template_meta["labels"])
    for (const auto& kv : template_meta["labels"]) pod.labels[kv.first.as<std::string>()] = text(kv.second);
  f.check_keys(o, spec, spec_path,
               {"containers", "initContainers", "nodeSelector", "affinity", "tolerations", "restartPolicy", "nodeName",
                "hostNetwork", "volumes", "priority", "priorityClassName", "schedulerName"},
               {"dnsPolicy", "dnsConfig", "securityContext", "terminationGracePeriodSeconds", "serviceAccountName",
                "serviceAccount", "automountServiceAccountToken", "enableServiceLinks", "imagePullSecrets", "hostname",
                "subdomain", "shareProcessNamespace", "hostAliases", "setHostnameAsFQDN", "hostIPC", "hostPID",
                "readinessGates", "ephemeralContainers", "os", "hostUsers", "preemptionPolicy"});
  read_containers(o, spec, spec_path, pod, f);
  if (const YAML::Node ns = spec["nodeSelector"])
    for (const auto& kv : ns) pod.constraints.push_back({kv.first.as<std::string>(), text(kv.second), true});
  if (const YAML::Node aff = spec["affinity"]) {
    const std::string apath = join_path(spec_path, "affinity");
    f.check_keys(o, aff, apath, {"nodeAffinity", "podAntiAffinity"}, {});
    if (aff["nodeAffinity"]) read_node_affinity(o, aff["nodeAffinity"], apath + ".nodeAffinity", pod, f);
    if (aff["podAntiAffinity"]) read_anti_affinity(o, aff["podAntiAffinity"], apath + ".podAntiAffinity", pod, f);
  }
  read_tolerations(o, spec["tolerations"], join_path(spec_path, "tolerations"), pod, f);
  const std::string restart = spec["restartPolicy"] ? text(spec["restartPolicy"]) : "Always";
  if (restart == "Always") pod.restart = RestartPolicy::Condition::kAny;
  else if (restart == "OnFailure") pod.restart = RestartPolicy::Condition::kOnFailure;
  else if (restart == "Never") pod.restart = RestartPolicy::Condition::kNone;
  else f.not_modelled(o, spec["restartPolicy"], join_path(spec_path, "restartPolicy"), "restartPolicy " + restart);
  pod.node_name = text(spec["nodeName"]);
  if (spec["priority"] && spec["priority"].as<long long>() != 0)
    f.not_modelled(o, spec["priority"], join_path(spec_path, "priority"), "priorities and preemption");
  if (spec["priorityClassName"] && !text(spec["priorityClassName"]).empty())
    f.not_modelled(o, spec["priorityClassName"], join_path(spec_path, "priorityClassName"), "priorities and preemption");
  if (spec["schedulerName"] && text(spec["schedulerName"]) != "default-scheduler")
    f.not_modelled(o, spec["schedulerName"], join_path(spec_path, "schedulerName"), "another scheduler places these pods");
  if (const YAML::Node vols = spec["volumes"]; vols && vols.IsSequence())
    for (std::size_t i = 0; i < vols.size(); ++i)
      for (const char* bound : {"persistentVolumeClaim", "ephemeral"})
        if (child(vols[i], {bound}))
          f.not_modelled(o, child(vols[i], {bound}), idx(join_path(spec_path, "volumes"), i) + "." + bound, "volume binding");
  return pod;
}

}  // namespace drydock::kube
