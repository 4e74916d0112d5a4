#include "workloads/kubernetes/scheduler_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <stdexcept>

namespace drydock::kube {
namespace {

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }
std::string line(const YAML::Node& n) { return n.Mark().line >= 0 ? std::to_string(n.Mark().line + 1) : "?"; }
std::string num(double v) {
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

// Score plugins of kube-scheduler's default profile, with their default weights (v1.29).
const std::map<std::string, double> kDefaultScores = {
    {"NodeResourcesFit", 1}, {"NodeResourcesBalancedAllocation", 1}, {"PodTopologySpread", 2}, {"TaintToleration", 3},
    {"ImageLocality", 1},    {"InterPodAffinity", 2},                {"NodeAffinity", 2},      {"VolumeBinding", 1}};
// Scored by drydock (as kube-default's plugins); the rest of kDefaultScores score alike on every host.
const std::set<std::string> kModelledScores = {"NodeResourcesFit", "NodeResourcesBalancedAllocation",
                                               "PodTopologySpread", "TaintToleration"};
// Every plugin of the default profile (any extension point), which a configuration may name.
const std::set<std::string> kDefaultPlugins = {
    "PrioritySort", "NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts",
    "NodeResourcesFit", "VolumeRestrictions", "NodeVolumeLimits", "VolumeBinding", "VolumeZone", "PodTopologySpread",
    "InterPodAffinity", "DefaultPreemption", "NodeResourcesBalancedAllocation", "ImageLocality", "DefaultBinder",
    "SchedulingGates", "DynamicResources", "EBSLimits", "GCEPDLimits", "AzureDiskLimits", "CinderLimits"};
// Filters drydock cannot switch off (it always checks resources, taints, constraints, ports, ...);
// the storage ones have nothing to check in drydock's model.
const std::set<std::string> kStorageFilters = {"VolumeRestrictions", "NodeVolumeLimits", "VolumeBinding", "VolumeZone",
                                               "DynamicResources", "EBSLimits", "GCEPDLimits", "AzureDiskLimits",
                                               "CinderLimits"};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}
  void refuse(const YAML::Node& at, const std::string& field, const std::string& why) {
    refused_.push_back(file_ + ":" + line(at) + ": " + field + ": " + why);
  }
  void note(const std::string& n) { notes_.push_back(n); }
  const std::vector<std::string>& refused() const { return refused_; }
  std::vector<std::string>& notes() { return notes_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<std::string> refused_, notes_;
};

struct Profile {
  std::map<std::string, double> scores = kDefaultScores;  // enabled score plugins and their weights
  std::string fit = "least-allocated";
  std::map<std::string, double> fit_resources = {{"cpu", 1}, {"memory", 1}};
  std::string shape;  // RequestedToCapacityRatio's, "u:s,..."
  std::map<std::string, double> balanced_resources = {{"cpu", 1}, {"memory", 1}};
  double percentage = -1;  // percentageOfNodesToScore; -1 = not given
};

void read_plugin_set(Reader& r, const YAML::Node& set, const std::string& at, const std::string& point, Profile& p) {
  const bool scores = point == "score" || point == "multiPoint";
  if (const YAML::Node dis = set["disabled"])
    for (std::size_t i = 0; i < dis.size(); ++i) {
      const std::string name = text(dis[i]["name"]);
      const std::string field = at + ".disabled[" + std::to_string(i) + "]";
      if (name == "*") {
        if (scores) p.scores.clear();
        if (point == "filter" || point == "multiPoint") r.note(field + ": * : drydock's filters (resources, taints, constraints, ports, anti-affinity) stay on");
        continue;
      }
      if (!kDefaultPlugins.count(name)) {
        r.refuse(dis[i], field, "unknown plugin " + name);
        continue;
      }
      if (scores) p.scores.erase(name);
      if (point == "filter" && !kStorageFilters.count(name))
        r.refuse(dis[i], field, "disabling filter " + name + ": drydock always applies it");
      if (point == "postFilter" && name == "DefaultPreemption") r.note(field + ": DefaultPreemption off, as drydock (it never preempts)");
    }
  if (const YAML::Node en = set["enabled"])
    for (std::size_t i = 0; i < en.size(); ++i) {
      const std::string name = text(en[i]["name"]);
      const std::string field = at + ".enabled[" + std::to_string(i) + "]";
      if (!kDefaultPlugins.count(name)) {
        r.refuse(en[i], field, "plugin " + name + " has no drydock equivalent");
        continue;
      }
      if (!scores || !kDefaultScores.count(name)) continue;  // a default plugin at its default place
      double weight = en[i]["weight"] ? en[i]["weight"].as<double>() : 0;
      if (weight < 0) r.refuse(en[i]["weight"], field + ".weight", "must not be negative");
      // Kubernetes: an enabled plugin without a weight gets its default weight.
      p.scores[name] = weight > 0 ? weight : kDefaultScores.at(name);
    }
}

std::map<std::string, double> read_resources(Reader& r, const YAML::Node& list, const std::string& at) {
  std::map<std::string, double> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string name = text(list[i]["name"]);
    const double w = list[i]["weight"] ? list[i]["weight"].as<double>() : 1;
    if (name != "cpu" && name != "memory" && name != "nvidia.com/gpu")
      r.refuse(list[i], at + "[" + std::to_string(i) + "]", "resource " + name + ": drydock models cpu, memory and nvidia.com/gpu");
    else out[name] = w;
  }
  return out;
}

void read_plugin_config(Reader& r, const YAML::Node& pc, const std::string& at, Profile& p) {
  for (std::size_t i = 0; i < pc.size(); ++i) {
    const std::string name = text(pc[i]["name"]);
    const std::string field = at + "[" + std::to_string(i) + "].args";
    const YAML::Node args = pc[i]["args"];
    if (!args || !args.IsMap() || args.size() == 0) continue;
    if (name == "NodeResourcesFit") {
      for (const auto& kv : args) {
        const std::string key = kv.first.as<std::string>();
        if (key == "scoringStrategy") continue;
        if (key == "apiVersion" || key == "kind") continue;
        if ((key == "ignoredResources" || key == "ignoredResourceGroups") && kv.second.size() == 0) continue;
        r.refuse(kv.first, field + "." + key, "not modelled");
      }
      const YAML::Node s = args["scoringStrategy"];
      if (!s) continue;
      const std::string type = s["type"] ? text(s["type"]) : "LeastAllocated";
      if (type == "LeastAllocated") p.fit = "least-allocated";
      else if (type == "MostAllocated") p.fit = "most-allocated";
      else if (type == "RequestedToCapacityRatio") p.fit = "requested-to-capacity-ratio";
      else r.refuse(s["type"], field + ".scoringStrategy.type", "unknown strategy " + type);
      if (s["resources"]) p.fit_resources = read_resources(r, s["resources"], field + ".scoringStrategy.resources");
      if (const YAML::Node rt = s["requestedToCapacityRatio"]) {
        if (p.fit != "requested-to-capacity-ratio")
          r.refuse(rt, field + ".scoringStrategy.requestedToCapacityRatio", "given with type " + type);
        std::string shape;
        for (const auto& pt : rt["shape"])
          shape += (shape.empty() ? "" : ",") + text(pt["utilization"]) + ":" + text(pt["score"]);
        p.shape = shape;
      }
    } else if (name == "NodeResourcesBalancedAllocation") {
      if (args["resources"]) p.balanced_resources = read_resources(r, args["resources"], field + ".resources");
    } else if (name == "PodTopologySpread") {
      const std::string type = args["defaultingType"] ? text(args["defaultingType"]) : "System";
      if (type != "System" || (args["defaultConstraints"] && args["defaultConstraints"].size() > 0))
        r.refuse(args, field, "cluster-level default constraints (drydock spreads as the System defaults)");
    } else if (name == "DefaultPreemption" || name == "InterPodAffinity" || name == "VolumeBinding") {
      r.note(field + ": " + name + " arguments: no effect in drydock's model");
    } else {
      r.refuse(pc[i], field, "arguments of " + name + " are not modelled");
    }
  }
}

Profile read_profile(Reader& r, const YAML::Node& n, const std::string& at) {
  Profile p;
  for (const auto& kv : n) {
    const std::string key = kv.first.as<std::string>();
    if (key != "schedulerName" && key != "plugins" && key != "pluginConfig" && key != "percentageOfNodesToScore")
      r.refuse(kv.first, at + "." + key, "not modelled");
  }
  if (const YAML::Node plugins = n["plugins"])
    for (const auto& kv : plugins) read_plugin_set(r, kv.second, at + ".plugins." + kv.first.as<std::string>(), kv.first.as<std::string>(), p);
  if (const YAML::Node pc = n["pluginConfig"]) read_plugin_config(r, pc, at + ".pluginConfig", p);
  if (n["percentageOfNodesToScore"]) p.percentage = n["percentageOfNodesToScore"].as<double>();
  return p;
}

std::string weight_params(const std::map<std::string, double>& res, SchedulerMapping& m) {
  const auto w = [&](const char* k) { return res.count(k) ? res.at(k) : 0.0; };
  if (w("cpu") != 1) m.params["cpu_weight"] = num(w("cpu"));
  if (w("memory") != 1) m.params["memory_weight"] = num(w("memory"));
  if (w("nvidia.com/gpu") != 0) m.params["gpu_weight"] = num(w("nvidia.com/gpu"));
  return "cpu " + num(w("cpu")) + ", memory " + num(w("memory")) + ", gpu " + num(w("nvidia.com/gpu"));
}

}  // namespace

SchedulerMapping map_scheduler_config(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw std::invalid_argument(path + ": cannot open");
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(path + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg);
  }
  if (!root.IsMap() || text(root["kind"]) != "KubeSchedulerConfiguration" ||
      text(root["apiVersion"]).rfind("kubescheduler.config.k8s.io/", 0) != 0)
    throw std::invalid_argument(path + ": expected kind KubeSchedulerConfiguration, apiVersion kubescheduler.config.k8s.io/v1");
  Reader r(path);
  SchedulerMapping m;
  try {
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      static const std::set<std::string> kOperational = {"leaderElection", "clientConnection", "healthzBindAddress",
                                                         "metricsBindAddress", "enableProfiling",
                                                         "enableContentionProfiling", "parallelism", "delayCacheUntilActive"};
      if (kOperational.count(key)) r.note(key + ": how kube-scheduler runs, not what it decides");
      else if (key == "extenders" && kv.second.size() == 0) continue;
      else if (key != "apiVersion" && key != "kind" && key != "profiles" && key != "percentageOfNodesToScore")
        r.refuse(kv.first, key, "not modelled");
    }
    const YAML::Node profiles = root["profiles"];
    Profile p;
    if (profiles && profiles.size() > 0) {
      p = read_profile(r, profiles[0], "profiles[0]");
      for (std::size_t i = 1; i < profiles.size(); ++i)
        r.refuse(profiles[i], "profiles[" + std::to_string(i) + "]",
                 "a second profile (" + text(profiles[i]["schedulerName"]) + "): drydock runs one policy");
    }
    if (p.percentage < 0 && root["percentageOfNodesToScore"]) p.percentage = root["percentageOfNodesToScore"].as<double>();
    if (p.percentage > 100) r.refuse(root, "percentageOfNodesToScore", "must be within 0..100");

    std::map<std::string, double> active;
    for (const auto& [name, w] : p.scores) {
      if (kModelledScores.count(name)) active[name] = w;
      else r.note("score " + name + " (weight " + num(w) + "): every host scores alike in drydock's model");
    }
    const bool default_balanced = p.balanced_resources == std::map<std::string, double>{{"cpu", 1}, {"memory", 1}};
    if (active.size() == 1 && active.count("NodeResourcesFit")) {
      m.policy = p.fit;
      m.notes.push_back("NodeResourcesFit alone, " + p.fit + " (" + weight_params(p.fit_resources, m) + ") -> " + p.fit);
      if (!p.shape.empty()) m.params["shape"] = p.shape;
    } else if (active.size() == 1 && active.count("NodeResourcesBalancedAllocation")) {
      m.policy = "balanced-allocation";
      m.notes.push_back("NodeResourcesBalancedAllocation alone (" + weight_params(p.balanced_resources, m) + ") -> balanced-allocation");
    } else if (active.empty()) {
      m.policy = "random";
      m.notes.push_back("no score plugin: every feasible host ties -> random");
    } else {
      m.policy = "kube-default";
      const auto weight = [&](const char* plugin, const char* param, double fallback) {
        const double w = active.count(plugin) ? active.at(plugin) : 0;
        if (w != fallback) m.params[param] = num(w);
        m.notes.push_back(std::string(plugin) + " weight " + num(w) + " -> " + param + "=" + num(w));
      };
      weight("NodeResourcesFit", "fit_weight", 1);
      weight("NodeResourcesBalancedAllocation", "balanced_weight", 1);
      weight("PodTopologySpread", "spread_weight", 2);
      weight("TaintToleration", "taint_weight", 3);
      if (active.count("NodeResourcesFit")) {
        if (p.fit != "least-allocated") m.params["fit"] = p.fit;
        m.notes.push_back("NodeResourcesFit strategy " + p.fit + " (" + weight_params(p.fit_resources, m) + ")");
        if (!p.shape.empty()) m.params["shape"] = p.shape;
      }
      if (active.count("NodeResourcesBalancedAllocation") && !default_balanced)
        r.refuse(root["profiles"], "profiles[0].pluginConfig (NodeResourcesBalancedAllocation resources)",
                 "kube-default balances cpu and memory only");
    }
    if (m.policy != "kube-default") m.params["sample"] = "kubernetes";
    if (p.percentage > 0) m.params["percentage"] = num(p.percentage);
    m.notes.push_back(p.percentage > 0 ? "percentageOfNodesToScore " + num(p.percentage) + " -> sample=kubernetes, percentage=" + num(p.percentage)
                                       : "percentageOfNodesToScore adaptive (50 - nodes/125, at least 5 %) -> sample=kubernetes");
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!r.refused().empty()) {
    std::string message = path + ": no drydock equivalent for:";
    for (const auto& x : r.refused()) message += "\n  " + x;
    throw std::invalid_argument(message);
  }
  for (auto& n : r.notes()) m.notes.push_back(std::move(n));
  return m;
}

}  // namespace drydock::kube
