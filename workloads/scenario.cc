#include "workloads/scenario.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "workloads/units.h"

namespace drydock {
namespace {

// Builds "file:line:column: field: message". yaml-cpp counts lines from 0.
class Where {
 public:
  explicit Where(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& field, const std::string& message) const {
    std::ostringstream out;
    out << file_;
    if (node.IsDefined() && node.Mark().line >= 0) out << ":" << node.Mark().line + 1 << ":" << node.Mark().column + 1;
    out << ": " << field << ": " << message;
    throw ScenarioError(out.str());
  }

  // Rejects keys that are not in `allowed`: a misspelt field must not be silently ignored.
  void only(const YAML::Node& map, const std::string& path, std::initializer_list<const char*> allowed) const {
    if (!map.IsMap()) fail(map, path, "expected a mapping");
    for (const auto& kv : map) {
      const std::string key = kv.first.as<std::string>();
      bool ok = false;
      for (const char* a : allowed) ok = ok || key == a;
      if (!ok) {
        std::string list;
        for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        fail(kv.first, path.empty() ? key : path + "." + key, "unknown field (expected one of: " + list + ")");
      }
    }
  }

  template <typename T>
  T scalar(const YAML::Node& node, const std::string& field, const char* what) const {
    if (!node.IsScalar()) fail(node, field, std::string("expected ") + what);
    try {
      return node.as<T>();
    } catch (const YAML::Exception&) {
      fail(node, field, std::string("expected ") + what + ", got '" + node.Scalar() + "'");
    }
  }

  // A quantity with a unit, through one of the parsers in units.h.
  double unit(const YAML::Node& node, const std::string& field, double (*parse)(const std::string&)) const {
    if (!node.IsScalar()) fail(node, field, "expected a scalar value");
    try {
      return parse(node.Scalar());
    } catch (const std::invalid_argument& e) {
      fail(node, field, e.what());
    }
  }

 private:
  std::string file_;
};

Labels parse_labels(const Where& w, const YAML::Node& node, const std::string& field) {
  Labels labels;
  if (!node) return labels;
  if (!node.IsMap()) w.fail(node, field, "expected a mapping of label: value");
  for (const auto& kv : node) labels[kv.first.as<std::string>()] = kv.second.as<std::string>();
  return labels;
}

void parse_cluster(const Where& w, const YAML::Node& cluster, Scenario& s) {
  w.only(cluster, "cluster", {"network", "registry", "hosts"});
  if (auto net = cluster["network"]) {
    w.only(net, "cluster.network", {"bandwidth", "latency"});
    if (net["bandwidth"]) s.network.bandwidth = w.unit(net["bandwidth"], "cluster.network.bandwidth", parse_bytes_per_second);
    if (net["latency"]) s.network.latency = w.unit(net["latency"], "cluster.network.latency", parse_seconds);
    if (s.network.bandwidth <= 0) w.fail(net["bandwidth"], "cluster.network.bandwidth", "must be positive");
    if (s.network.latency < 0) w.fail(net["latency"], "cluster.network.latency", "must not be negative");
  }
  s.registry_bandwidth = s.network.bandwidth;
  if (auto reg = cluster["registry"]) {
    w.only(reg, "cluster.registry", {"bandwidth"});
    if (reg["bandwidth"]) s.registry_bandwidth = w.unit(reg["bandwidth"], "cluster.registry.bandwidth", parse_bytes_per_second);
    if (s.registry_bandwidth <= 0) w.fail(reg["bandwidth"], "cluster.registry.bandwidth", "must be positive");
  }
  const YAML::Node groups = cluster["hosts"];
  if (!groups || !groups.IsSequence() || groups.size() == 0)
    w.fail(groups ? groups : cluster, "cluster.hosts", "expected a non-empty list of host groups");
  std::set<std::string> names;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const YAML::Node g = groups[i];
    const std::string at = "cluster.hosts[" + std::to_string(i) + "]";
    w.only(g, at, {"name", "count", "cpu", "memory", "gpu", "labels"});
    if (!g["name"]) w.fail(g, at + ".name", "missing");
    const std::string name = w.scalar<std::string>(g["name"], at + ".name", "a name");
    const int count = g["count"] ? w.scalar<int>(g["count"], at + ".count", "an integer") : 1;
    if (count < 1) w.fail(g["count"], at + ".count", "must be at least 1");
    HostSpec host;
    if (!g["cpu"]) w.fail(g, at + ".cpu", "missing");
    if (!g["memory"]) w.fail(g, at + ".memory", "missing");
    host.capacity.cpu = w.scalar<double>(g["cpu"], at + ".cpu", "a number of cores");
    host.capacity.memory_mib = w.unit(g["memory"], at + ".memory", parse_bytes) / 1048576.0;
    if (g["gpu"]) host.capacity.gpu = w.scalar<double>(g["gpu"], at + ".gpu", "a number of GPUs");
    if (host.capacity.cpu <= 0) w.fail(g["cpu"], at + ".cpu", "must be positive");
    if (host.capacity.memory_mib <= 0) w.fail(g["memory"], at + ".memory", "must be positive");
    if (host.capacity.gpu < 0) w.fail(g["gpu"], at + ".gpu", "must not be negative");
    host.labels = parse_labels(w, g["labels"], at + ".labels");
    for (int k = 1; k <= count; ++k) {
      host.name = g["count"] ? name + "-" + std::to_string(k) : name;  // a group of one keeps its name
      if (!names.insert(host.name).second) w.fail(g["name"], at + ".name", "host '" + host.name + "' defined twice");
      s.hosts.push_back(host);
    }
  }
}

RestartPolicy parse_restart(const Where& w, const YAML::Node& node, const std::string& at) {
  RestartPolicy r;
  if (!node) return r;
  w.only(node, at, {"condition", "delay", "max_attempts", "window"});
  if (auto c = node["condition"]) {
    const std::string v = w.scalar<std::string>(c, at + ".condition", "none, on-failure or any");
    if (v == "none") r.condition = RestartPolicy::Condition::kNone;
    else if (v == "on-failure") r.condition = RestartPolicy::Condition::kOnFailure;
    else if (v == "any") r.condition = RestartPolicy::Condition::kAny;
    else w.fail(c, at + ".condition", "expected none, on-failure or any, got '" + v + "'");
  }
  if (node["delay"]) r.delay = w.unit(node["delay"], at + ".delay", parse_seconds);
  if (node["max_attempts"]) r.max_attempts = w.scalar<int>(node["max_attempts"], at + ".max_attempts", "an integer");
  if (node["window"]) r.window = w.unit(node["window"], at + ".window", parse_seconds);
  if (r.delay < 0) w.fail(node["delay"], at + ".delay", "must not be negative");
  return r;
}

std::vector<Constraint> parse_constraints(const Where& w, const YAML::Node& node, const std::string& at) {
  std::vector<Constraint> out;
  if (!node) return out;
  if (!node.IsSequence()) w.fail(node, at, "expected a list such as [\"node.labels.zone==a\"]");
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string field = at + "[" + std::to_string(i) + "]";
    std::string text = w.scalar<std::string>(node[i], field, "a constraint such as node.labels.zone==a");
    const std::string prefix = "node.labels.";
    Constraint c;
    std::size_t op = text.find("!=");
    c.equal = op == std::string::npos;
    if (c.equal) op = text.find("==");
    if (text.rfind(prefix, 0) != 0 || op == std::string::npos)
      w.fail(node[i], field, "expected node.labels.KEY==VALUE or node.labels.KEY!=VALUE, got '" + text + "'");
    c.key = text.substr(prefix.size(), op - prefix.size());
    c.value = text.substr(op + 2);
    out.push_back(c);
  }
  return out;
}

void parse_services(const Where& w, const YAML::Node& services, Scenario& s) {
  if (!services.IsSequence() || services.size() == 0) w.fail(services, "services", "expected a non-empty list");
  std::set<std::string> names;
  for (std::size_t i = 0; i < services.size(); ++i) {
    const YAML::Node n = services[i];
    const std::string at = "services[" + std::to_string(i) + "]";
    w.only(n, at,
           {"name", "image", "replicas", "cpu", "memory", "gpu", "start_latency", "restart", "constraints",
            "max_replicas_per_host", "tenant", "run_time"});
    ServiceSpec spec;
    if (!n["name"]) w.fail(n, at + ".name", "missing");
    spec.name = w.scalar<std::string>(n["name"], at + ".name", "a name");
    if (!names.insert(spec.name).second) w.fail(n["name"], at + ".name", "service '" + spec.name + "' defined twice");
    if (spec.name.find_first_of(",\"\n") != std::string::npos)
      w.fail(n["name"], at + ".name", "must not contain commas, quotes or newlines");
    if (auto img = n["image"]) {
      w.only(img, at + ".image", {"name", "size"});
      spec.image = img["name"] ? w.scalar<std::string>(img["name"], at + ".image.name", "an image name") : spec.name;
      if (img["size"]) spec.image_bytes = static_cast<std::uint64_t>(w.unit(img["size"], at + ".image.size", parse_bytes));
    } else {
      spec.image = spec.name;
    }
    if (!n["replicas"]) w.fail(n, at + ".replicas", "missing");
    spec.replicas = w.scalar<int>(n["replicas"], at + ".replicas", "an integer");
    if (spec.replicas < 0) w.fail(n["replicas"], at + ".replicas", "must not be negative, got " + std::to_string(spec.replicas));
    if (n["cpu"]) spec.request.cpu = w.scalar<double>(n["cpu"], at + ".cpu", "a number of cores");
    if (n["memory"]) spec.request.memory_mib = w.unit(n["memory"], at + ".memory", parse_bytes) / 1048576.0;
    if (n["gpu"]) spec.request.gpu = w.scalar<double>(n["gpu"], at + ".gpu", "a number of GPUs");
    if (spec.request.cpu < 0) w.fail(n["cpu"], at + ".cpu", "must not be negative");
    if (spec.request.memory_mib < 0) w.fail(n["memory"], at + ".memory", "must not be negative");
    if (spec.request.gpu < 0) w.fail(n["gpu"], at + ".gpu", "must not be negative");
    s.start_latency[spec.name] = n["start_latency"] ? w.unit(n["start_latency"], at + ".start_latency", parse_seconds) : 1.0;
    spec.restart = parse_restart(w, n["restart"], at + ".restart");
    spec.constraints = parse_constraints(w, n["constraints"], at + ".constraints");
    if (n["max_replicas_per_host"])
      spec.max_replicas_per_host = w.scalar<int>(n["max_replicas_per_host"], at + ".max_replicas_per_host", "an integer");
    if (n["tenant"]) spec.tenant = w.scalar<std::string>(n["tenant"], at + ".tenant", "a name");
    if (n["run_time"]) spec.run_time = w.unit(n["run_time"], at + ".run_time", parse_seconds);

    // A service no host can ever hold is a mistake in the scenario, not a result.
    bool fits_somewhere = false;
    std::string why = "cpu";
    for (const auto& h : s.hosts) {
      bool labels_ok = true;
      for (const auto& c : spec.constraints) {
        auto it = h.labels.find(c.key);
        labels_ok = labels_ok && ((it != h.labels.end() && it->second == c.value) == c.equal);
      }
      if (labels_ok && h.capacity.fits(spec.request)) fits_somewhere = true;
    }
    if (!fits_somewhere && spec.replicas > 0) {
      double max_cpu = 0, max_mem = 0, max_gpu = 0;
      for (const auto& h : s.hosts) {
        max_cpu = std::max(max_cpu, h.capacity.cpu);
        max_mem = std::max(max_mem, h.capacity.memory_mib);
        max_gpu = std::max(max_gpu, h.capacity.gpu);
      }
      const char* field = spec.request.cpu > max_cpu           ? "cpu"
                          : spec.request.memory_mib > max_mem ? "memory"
                          : spec.request.gpu > max_gpu        ? "gpu"
                                                              : "constraints";
      const YAML::Node node = n[field] ? n[field] : n;
      w.fail(node, at + "." + field, "service '" + spec.name + "' fits on no host of the cluster");
    }
    s.services.push_back(spec);
  }
}

const HostSpec* find_host(const Scenario& s, const std::string& name) {
  for (const auto& h : s.hosts)
    if (h.name == name) return &h;
  return nullptr;
}

void parse_faults(const Where& w, const YAML::Node& faults, Scenario& s) {
  if (!faults.IsSequence()) w.fail(faults, "faults", "expected a list");
  for (std::size_t i = 0; i < faults.size(); ++i) {
    const YAML::Node f = faults[i];
    const std::string at = "faults[" + std::to_string(i) + "]";
    w.only(f, at, {"at", "kind", "host"});
    FaultSpec fault;
    if (!f["at"]) w.fail(f, at + ".at", "missing");
    fault.at = w.unit(f["at"], at + ".at", parse_seconds);
    if (fault.at < 0) w.fail(f["at"], at + ".at", "must not be negative");
    if (!f["kind"]) w.fail(f, at + ".kind", "missing");
    const std::string kind = w.scalar<std::string>(f["kind"], at + ".kind", "host_crash or host_recover");
    if (kind == "host_crash") fault.kind = FaultSpec::Kind::kHostCrash;
    else if (kind == "host_recover") fault.kind = FaultSpec::Kind::kHostRecover;
    else w.fail(f["kind"], at + ".kind", "expected host_crash or host_recover, got '" + kind + "'");
    if (!f["host"]) w.fail(f, at + ".host", "missing");
    fault.host = w.scalar<std::string>(f["host"], at + ".host", "a host name");
    if (!find_host(s, fault.host)) w.fail(f["host"], at + ".host", "no host named '" + fault.host + "' in the cluster");
    s.faults.push_back(fault);
  }
}

void parse_changes(const Where& w, const YAML::Node& changes, Scenario& s) {
  if (!changes.IsSequence()) w.fail(changes, "changes", "expected a list");
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const YAML::Node c = changes[i];
    const std::string at = "changes[" + std::to_string(i) + "]";
    w.only(c, at, {"at", "service", "replicas"});
    ChangeSpec change;
    if (!c["at"] || !c["service"] || !c["replicas"]) w.fail(c, at, "needs at, service and replicas");
    change.at = w.unit(c["at"], at + ".at", parse_seconds);
    change.service = w.scalar<std::string>(c["service"], at + ".service", "a service name");
    change.replicas = w.scalar<int>(c["replicas"], at + ".replicas", "an integer");
    bool known = false;
    for (const auto& svc : s.services) known = known || svc.name == change.service;
    if (!known) w.fail(c["service"], at + ".service", "no service named '" + change.service + "'");
    if (change.replicas < 0) w.fail(c["replicas"], at + ".replicas", "must not be negative");
    s.changes.push_back(change);
  }
}

void parse_control(const Where& w, const YAML::Node& control, Scenario& s) {
  w.only(control, "control", {"heartbeat", "detector", "sample_period"});
  if (auto hb = control["heartbeat"]) {
    w.only(hb, "control.heartbeat", {"period", "jitter"});
    if (hb["period"]) s.heartbeat.period = w.unit(hb["period"], "control.heartbeat.period", parse_seconds);
    if (hb["jitter"]) s.heartbeat.jitter = w.unit(hb["jitter"], "control.heartbeat.jitter", parse_seconds);
    if (s.heartbeat.period <= 0) w.fail(hb["period"], "control.heartbeat.period", "must be positive");
    if (s.heartbeat.jitter < 0 || s.heartbeat.jitter >= s.heartbeat.period)
      w.fail(hb["jitter"], "control.heartbeat.jitter", "must be in [0, period)");
  }
  if (auto d = control["detector"]) {
    w.only(d, "control.detector", {"kind", "suspect_after", "down_after"});
    if (d["kind"]) {
      const std::string kind = w.scalar<std::string>(d["kind"], "control.detector.kind", "a detector name");
      if (kind != "fixed-timeout") w.fail(d["kind"], "control.detector.kind", "unknown detector '" + kind + "' (known: fixed-timeout)");
    }
    if (d["suspect_after"]) s.suspect_after = w.unit(d["suspect_after"], "control.detector.suspect_after", parse_seconds);
    if (d["down_after"]) s.down_after = w.unit(d["down_after"], "control.detector.down_after", parse_seconds);
    if (s.down_after < s.suspect_after) w.fail(d, "control.detector.down_after", "must not be shorter than suspect_after");
  }
  if (control["sample_period"]) s.sample_period = w.unit(control["sample_period"], "control.sample_period", parse_seconds);
  if (s.sample_period <= 0) w.fail(control["sample_period"], "control.sample_period", "must be positive");
}

Scenario parse_scenario_unchecked(const std::string& yaml_text, const std::string& file);

}  // namespace

Scenario parse_scenario(const std::string& yaml_text, const std::string& file) {
  try {
    return parse_scenario_unchecked(yaml_text, file);
  } catch (const YAML::Exception& e) {
    // A value of the wrong shape deep inside (a list where a label value belongs, say).
    throw ScenarioError(file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                        ": " + e.msg);
  }
}

namespace {

Scenario parse_scenario_unchecked(const std::string& yaml_text, const std::string& file) {
  const Where w(file);
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                        ": invalid YAML: " + e.msg);
  }
  if (!root.IsMap()) w.fail(root, "(top level)", "expected a mapping with cluster, services, ...");
  w.only(root, "", {"name", "seed", "duration", "policy", "cluster", "services", "faults", "changes", "control"});

  Scenario s;
  s.file = file;
  s.name = root["name"] ? w.scalar<std::string>(root["name"], "name", "a name") : file;
  if (root["seed"]) s.seed = w.scalar<std::uint64_t>(root["seed"], "seed", "a non-negative integer");
  if (root["duration"]) s.duration = w.unit(root["duration"], "duration", parse_seconds);
  if (s.duration <= 0) w.fail(root["duration"], "duration", "must be positive");
  if (auto p = root["policy"]) {
    if (p.IsScalar()) {
      s.policy = p.Scalar();
    } else {
      w.only(p, "policy", {"name", "params"});
      s.policy = w.scalar<std::string>(p["name"], "policy.name", "a policy name");
      if (auto params = p["params"]) {
        if (!params.IsMap()) w.fail(params, "policy.params", "expected a mapping");
        for (const auto& kv : params) s.policy_params[kv.first.as<std::string>()] = kv.second.as<std::string>();
      }
    }
  }
  if (!root["cluster"]) w.fail(root, "cluster", "missing");
  parse_cluster(w, root["cluster"], s);
  if (!root["services"]) w.fail(root, "services", "missing");
  parse_services(w, root["services"], s);
  if (root["faults"]) parse_faults(w, root["faults"], s);
  if (root["changes"]) parse_changes(w, root["changes"], s);
  if (root["control"]) parse_control(w, root["control"], s);
  return s;
}

}  // namespace

Scenario load_scenario(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ScenarioError(path + ": cannot open scenario file");
  std::stringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path);
}

void validate_scenario(const Scenario& s) {
  if (s.duration <= 0) throw ScenarioError(s.file + ": duration: must be positive");
  for (const auto& f : s.faults)
    if (f.at > s.duration)
      throw ScenarioError(s.file + ": faults: a fault at " + std::to_string(f.at) + " s is after the end of the run");
}

}  // namespace drydock
