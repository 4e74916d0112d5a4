#include "workloads/kubernetes/nodes.h"

#include <stdexcept>

#include "workloads/kubernetes/quantity.h"

namespace drydock::kube {
namespace {

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

double quantity(const KubeObject& o, const YAML::Node& n, const std::string& path) {
  try {
    return parse_quantity(text(n));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(o.where(n) + ": " + o.ref() + ": " + path + ": " + e.what());
  }
}

}  // namespace

ImportedNode read_node(const KubeObject& o, Findings& f) {
  ImportedNode out;
  out.host.name = o.name;
  const YAML::Node spec = o.node["spec"];
  f.check_keys(o, spec, "spec", {"taints", "unschedulable"},
               {"podCIDR", "podCIDRs", "providerID", "externalID", "configSource"});
  const YAML::Node status = o.node["status"];
  // Allocatable is what the scheduler may hand out (capacity minus system reservations).
  const char* side = status && status["allocatable"] ? "allocatable" : "capacity";
  const YAML::Node alloc = status ? status[side] : YAML::Node();
  if (!alloc || !alloc.IsMap())
    throw std::invalid_argument(o.where(status) + ": " + o.ref() + ": status.allocatable: missing");
  const std::string apath = std::string("status.") + side;
  for (const auto& kv : alloc) {
    const std::string name = kv.first.as<std::string>();
    const std::string at = apath + "." + name;
    const double v = quantity(o, kv.second, at);
    if (name == "cpu") out.host.capacity.cpu = v;
    else if (name == "memory") out.host.capacity.memory_mib = v / 1048576.0;
    else if (name == "nvidia.com/gpu") out.host.capacity.gpu = v;
    // Resources no imported pod can request (requests of them are reported on the pod): the pod count
    // limit, local storage, huge pages, volume attachment slots.
    else if (name == "pods" || name == "ephemeral-storage" || name.starts_with("hugepages-") ||
             name.starts_with("attachable-volumes-")) continue;
    else if (v != 0) f.not_modelled(o, kv.first, at, "drydock models cpu, memory and nvidia.com/gpu");
  }
  if (out.host.capacity.cpu <= 0 || out.host.capacity.memory_mib <= 0)
    throw std::invalid_argument(o.where(alloc) + ": " + o.ref() + ": " + apath + ": needs positive cpu and memory");

  YAML::Node g;
  g["name"] = o.name;
  g["cpu"] = number_text(out.host.capacity.cpu);
  g["memory"] = number_text(out.host.capacity.memory_mib * 1048576.0) + "B";
  if (out.host.capacity.gpu > 0) g["gpu"] = number_text(out.host.capacity.gpu);
  if (const YAML::Node labels = child(o.node, {"metadata", "labels"})) {
    YAML::Node l(YAML::NodeType::Map);
    for (const auto& kv : labels) {
      const std::string key = kv.first.as<std::string>();
      if (key.starts_with("taint.")) {
        f.not_modelled(o, kv.first, "metadata.labels." + key, "drydock keeps taints in labels named taint.*");
        continue;
      }
      l[key] = text(kv.second);
      out.host.labels[key] = text(kv.second);
    }
    g["labels"] = l;
  }
  YAML::Node taints(YAML::NodeType::Sequence);
  const auto add_taint = [&](const std::string& key, const std::string& value, const std::string& effect,
                             const YAML::Node& at, const std::string& path) {
    if (out.host.labels.count("taint." + key)) {
      f.not_modelled(o, at, path, "a second taint on key " + key);
      return;
    }
    if (effect != "NoSchedule" && effect != "PreferNoSchedule" && effect != "NoExecute") {
      f.not_modelled(o, at, path, "taint effect " + effect);
      return;
    }
    taints.push_back(key + (value.empty() ? "" : "=" + value) + ":" + effect);
    out.host.labels["taint." + key] = value + ":" + effect;
  };
  if (spec && spec["taints"])
    for (std::size_t i = 0; i < spec["taints"].size(); ++i) {
      const YAML::Node t = spec["taints"][i];
      const std::string path = "spec.taints[" + std::to_string(i) + "]";
      f.check_keys(o, t, path, {"key", "value", "effect"}, {"timeAdded"});
      add_taint(text(t["key"]), text(t["value"]), text(t["effect"]), t, path);
    }
  // A cordoned node: Kubernetes taints it node.kubernetes.io/unschedulable:NoSchedule itself (kubectl
  // prints both); an object written by hand may have the flag alone.
  if (spec && spec["unschedulable"] && spec["unschedulable"].as<bool>() &&
      !out.host.labels.count("taint.node.kubernetes.io/unschedulable"))
    add_taint("node.kubernetes.io/unschedulable", "", "NoSchedule", spec["unschedulable"], "spec.unschedulable");
  if (taints.size() > 0) g["taints"] = taints;
  out.group = g;
  return out;
}

}  // namespace drydock::kube
