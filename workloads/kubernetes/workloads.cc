#include "workloads/kubernetes/workloads.h"

#include <stdexcept>

namespace drydock::kube {
namespace {

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

int count(const KubeObject& o, const YAML::Node& n, const std::string& path, int fallback) {
  if (!n) return fallback;
  int v = -1;
  try {
    v = n.as<int>();
  } catch (const YAML::Exception&) {
  }
  if (v < 0) throw std::invalid_argument(o.where(n) + ": " + o.ref() + ": " + path + ": expected a count, got '" + text(n) + "'");
  return v;
}

// minReadySeconds, paused, suspend: fine at their defaults, not modelled otherwise.
void default_only(const KubeObject& o, const YAML::Node& spec, const char* key, const std::string& fine, Findings& f) {
  if (spec[key] && text(spec[key]) != fine) f.not_modelled(o, spec[key], std::string("spec.") + key, key + std::string(" ") + text(spec[key]));
}

void read_rolling(const KubeObject& o, const YAML::Node& strategy, const char* strategy_key, Workload& w, Findings& f) {
  const std::string path = std::string("spec.") + strategy_key;
  if (!strategy) return;
  f.check_keys(o, strategy, path, {"type", "rollingUpdate"}, {});
  const std::string type = strategy["type"] ? text(strategy["type"]) : "RollingUpdate";
  if (type == "Recreate") {  // stop every old replica, then start the new: no surge, all unavailable
    w.max_surge = "0";
    w.max_unavailable = "100%";
    return;
  }
  if (type != "RollingUpdate") {
    f.not_modelled(o, strategy["type"], path + ".type", "update strategy " + type);
    return;
  }
  const YAML::Node ru = strategy["rollingUpdate"];
  if (!ru) return;
  f.check_keys(o, ru, path + ".rollingUpdate", {"maxSurge", "maxUnavailable", "partition"}, {});
  if (ru["maxSurge"]) w.max_surge = text(ru["maxSurge"]);
  if (ru["maxUnavailable"]) w.max_unavailable = text(ru["maxUnavailable"]);
  if (ru["partition"] && text(ru["partition"]) != "0")
    f.not_modelled(o, ru["partition"], path + ".rollingUpdate.partition", "a partitioned rollout");
}

}  // namespace

bool is_workload_kind(const std::string& kind) {
  return kind == "Deployment" || kind == "ReplicaSet" || kind == "StatefulSet" || kind == "DaemonSet" ||
         kind == "Job" || kind == "Pod";
}

Workload read_workload(const KubeObject& o, Findings& f) {
  Workload w;
  w.object = &o;
  const YAML::Node spec = o.node["spec"];
  if (!spec || !spec.IsMap()) throw std::invalid_argument(o.where(o.node) + ": " + o.ref() + ": spec: missing");
  if (o.kind == "Pod") {
    w.pod = read_pod_spec(o, o.node["metadata"], spec, "spec", f);
    w.restart = w.pod.restart;
    return w;
  }
  const YAML::Node tmpl = spec["template"];
  if (!tmpl) throw std::invalid_argument(o.where(spec) + ": " + o.ref() + ": spec.template: missing");
  f.check_keys(o, tmpl, "spec.template", {"metadata", "spec"}, {});
  w.pod = read_pod_spec(o, tmpl["metadata"], tmpl["spec"], "spec.template.spec", f);
  w.restart = w.pod.restart;
  // Pods of a controller are always bound by the scheduler; a nodeName in a template is unusual.
  if (!w.pod.node_name.empty()) f.not_modelled(o, child(tmpl, {"spec", "nodeName"}), "spec.template.spec.nodeName", "a template bound to one node");
  w.pod.node_name.clear();
  default_only(o, spec, "minReadySeconds", "0", f);
  if (o.kind == "Deployment") {
    f.check_keys(o, spec, "spec", {"replicas", "template", "strategy", "minReadySeconds", "paused"},
                 {"selector", "revisionHistoryLimit", "progressDeadlineSeconds"});
    w.replicas = count(o, spec["replicas"], "spec.replicas", 1);
    read_rolling(o, spec["strategy"], "strategy", w, f);
    default_only(o, spec, "paused", "false", f);
  } else if (o.kind == "ReplicaSet") {
    f.check_keys(o, spec, "spec", {"replicas", "template", "minReadySeconds"}, {"selector"});
    w.replicas = count(o, spec["replicas"], "spec.replicas", 1);
  } else if (o.kind == "StatefulSet") {
    f.check_keys(o, spec, "spec",
                 {"replicas", "template", "updateStrategy", "podManagementPolicy", "volumeClaimTemplates", "minReadySeconds"},
                 {"selector", "serviceName", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy"});
    w.replicas = count(o, spec["replicas"], "spec.replicas", 1);
    // A StatefulSet replaces one pod at a time, without a surge pod.
    w.max_surge = "0";
    w.max_unavailable = "1";
    read_rolling(o, spec["updateStrategy"], "updateStrategy", w, f);
    w.max_surge = "0";
    const std::string policy = spec["podManagementPolicy"] ? text(spec["podManagementPolicy"]) : "OrderedReady";
    if (policy != "Parallel")
      f.not_modelled(o, spec["podManagementPolicy"], "spec.podManagementPolicy",
                     policy + ": pods started one after another; drydock starts them together as with Parallel");
    if (spec["volumeClaimTemplates"] && spec["volumeClaimTemplates"].size() > 0)
      f.not_modelled(o, spec["volumeClaimTemplates"], "spec.volumeClaimTemplates", "volume binding");
  } else if (o.kind == "DaemonSet") {
    f.check_keys(o, spec, "spec", {"template", "updateStrategy", "minReadySeconds"}, {"selector", "revisionHistoryLimit"});
    w.daemon = true;
    w.max_surge = "0";  // DaemonSet's defaults: maxSurge 0, maxUnavailable 1
    w.max_unavailable = "1";
    read_rolling(o, spec["updateStrategy"], "updateStrategy", w, f);
  } else if (o.kind == "Job") {
    f.check_keys(o, spec, "spec", {"template", "parallelism", "completions", "suspend", "activeDeadlineSeconds"},
                 {"selector", "manualSelector", "backoffLimit", "completionMode", "ttlSecondsAfterFinished",
                  "podReplacementPolicy"});
    const int parallelism = count(o, spec["parallelism"], "spec.parallelism", 1);
    const int completions = count(o, spec["completions"], "spec.completions", spec["parallelism"] ? parallelism : 1);
    // drydock runs each replica once to completion: a Job of at most `parallelism` completions.
    if (completions > parallelism)
      f.not_modelled(o, spec["completions"], "spec.completions",
                     "more completions than parallelism: drydock runs each of the replicas once");
    w.replicas = std::min(completions, parallelism);
    // The Job controller replaces a failed pod (up to backoffLimit) whatever the pod's restartPolicy.
    w.restart = RestartPolicy::Condition::kOnFailure;
    default_only(o, spec, "suspend", "false", f);
    if (spec["activeDeadlineSeconds"]) f.not_modelled(o, spec["activeDeadlineSeconds"], "spec.activeDeadlineSeconds");
    for (const YAML::Node& meta : {o.node["metadata"], tmpl["metadata"]})
      if (const YAML::Node r = child(meta, {"annotations", kRunTimeAnnotation})) w.run_time = text(r);
  }
  return w;
}

}  // namespace drydock::kube
