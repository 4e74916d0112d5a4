#include "workloads/scenario.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
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

// `taints: ["dedicated=ml:NoSchedule", "maintenance:PreferNoSchedule"]`: KEY[=VALUE][:EFFECT], effect
// NoSchedule (default), PreferNoSchedule or NoExecute. Stored as the label `taint.KEY` = `VALUE:EFFECT`,
// the form the schedulers' taint filter and score read (schedulers/filters.h).
void parse_taints(const Where& w, const YAML::Node& node, const std::string& at, Labels& labels) {
  if (!node) return;
  if (!node.IsSequence()) w.fail(node, at, "expected a list such as [\"dedicated=ml:NoSchedule\"]");
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string field = at + "[" + std::to_string(i) + "]";
    const std::string text = w.scalar<std::string>(node[i], field, "a taint such as dedicated=ml:NoSchedule");
    std::string key = text, value, effect = "NoSchedule";
    if (const auto colon = key.rfind(':'); colon != std::string::npos) {
      effect = key.substr(colon + 1);
      key = key.substr(0, colon);
    }
    if (const auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
    }
    if (key.empty() || key.find_first_of(" :") != std::string::npos)
      w.fail(node[i], field, "expected KEY[=VALUE][:EFFECT] such as dedicated=ml:NoSchedule, got '" + text + "'");
    if (effect != "NoSchedule" && effect != "PreferNoSchedule" && effect != "NoExecute")
      w.fail(node[i], field, "effect must be NoSchedule, PreferNoSchedule or NoExecute, got '" + effect + "'");
    if (!labels.emplace("taint." + key, value + ":" + effect).second)
      w.fail(node[i], field, "taint '" + key + "' given twice (or also as the label taint." + key + ")");
  }
}

// `tolerations: ["dedicated=ml", "gpu"]`: KEY=VALUE, or KEY alone for any value.
std::vector<Toleration> parse_tolerations(const Where& w, const YAML::Node& node, const std::string& at) {
  std::vector<Toleration> out;
  if (!node) return out;
  if (!node.IsSequence()) w.fail(node, at, "expected a list such as [\"dedicated=ml\"]");
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string field = at + "[" + std::to_string(i) + "]";
    const std::string text = w.scalar<std::string>(node[i], field, "a toleration such as dedicated=ml");
    const auto eq = text.find('=');
    Toleration t{text.substr(0, eq), eq == std::string::npos ? "" : text.substr(eq + 1)};
    if (t.key.empty() || text.find_first_of(" :") != std::string::npos)
      w.fail(node[i], field, "expected KEY or KEY=VALUE such as dedicated=ml, got '" + text + "'");
    out.push_back(t);
  }
  return out;
}

// `ports: [8080, 9090]`: host ports, each 1..65535, each once.
std::vector<int> parse_ports(const Where& w, const YAML::Node& node, const std::string& at) {
  std::vector<int> out;
  if (!node) return out;
  if (!node.IsSequence()) w.fail(node, at, "expected a list of host ports such as [8080]");
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string field = at + "[" + std::to_string(i) + "]";
    const int port = w.scalar<int>(node[i], field, "a port number");
    if (port < 1 || port > 65535) w.fail(node[i], field, "must be a port in 1..65535, got " + std::to_string(port));
    if (std::find(out.begin(), out.end(), port) != out.end())
      w.fail(node[i], field, "port " + std::to_string(port) + " listed twice");
    out.push_back(port);
  }
  return out;
}

void parse_cluster(const Where& w, const YAML::Node& cluster, Scenario& s) {
  w.only(cluster, "cluster", {"network", "registry", "daemon", "hosts"});
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
  if (auto daemon = cluster["daemon"]) {
    w.only(daemon, "cluster.daemon", {"start_interval"});
    if (daemon["start_interval"])
      s.start_interval = w.unit(daemon["start_interval"], "cluster.daemon.start_interval", parse_seconds);
    if (s.start_interval < 0) w.fail(daemon["start_interval"], "cluster.daemon.start_interval", "must not be negative");
  }
  const YAML::Node groups = cluster["hosts"];
  if (!groups || !groups.IsSequence() || groups.size() == 0)
    w.fail(groups ? groups : cluster, "cluster.hosts", "expected a non-empty list of host groups");
  std::set<std::string> names;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const YAML::Node g = groups[i];
    const std::string at = "cluster.hosts[" + std::to_string(i) + "]";
    w.only(g, at, {"name", "count", "cpu", "memory", "gpu", "labels", "taints"});
    if (!g["name"]) w.fail(g, at + ".name", "missing");
    const std::string name = w.scalar<std::string>(g["name"], at + ".name", "a name");
    const int count = g["count"] ? w.scalar<int>(g["count"], at + ".count", "an integer") : 1;
    if (count < 1) w.fail(g["count"], at + ".count", "must be at least 1");
    HostSpec host;
    if (!g["cpu"]) w.fail(g, at + ".cpu", "missing");
    if (!g["memory"]) w.fail(g, at + ".memory", "missing");
    host.capacity.cpu = w.scalar<double>(g["cpu"], at + ".cpu", "a number of cores");
    host.capacity.memory_mib = w.unit(g["memory"], at + ".memory", parse_memory) / 1048576.0;
    if (g["gpu"]) host.capacity.gpu = w.scalar<double>(g["gpu"], at + ".gpu", "a number of GPUs");
    if (host.capacity.cpu <= 0) w.fail(g["cpu"], at + ".cpu", "must be positive");
    if (host.capacity.memory_mib <= 0) w.fail(g["memory"], at + ".memory", "must be positive");
    if (host.capacity.gpu < 0) w.fail(g["gpu"], at + ".gpu", "must not be negative");
    host.labels = parse_labels(w, g["labels"], at + ".labels");
    parse_taints(w, g["taints"], at + ".taints", host.labels);
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

// A replica count (`2`) or a percentage of the desired replicas (`25%`).
CountOrPercent parse_count_or_percent(const Where& w, const YAML::Node& node, const std::string& at) {
  const std::string v = w.scalar<std::string>(node, at, "a count or a percentage such as 25%");
  CountOrPercent out;
  out.percent = !v.empty() && v.back() == '%';
  const std::string digits = out.percent ? v.substr(0, v.size() - 1) : v;
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
    w.fail(node, at, "expected a non-negative count or a percentage such as 25%, got '" + v + "'");
  out.value = std::stoi(digits);
  return out;
}

UpdateConfig parse_update_config(const Where& w, const YAML::Node& node, const std::string& at) {
  UpdateConfig u;
  if (!node) return u;
  w.only(node, at, {"max_surge", "max_unavailable"});
  if (node["max_surge"]) u.max_surge = parse_count_or_percent(w, node["max_surge"], at + ".max_surge");
  if (node["max_unavailable"])
    u.max_unavailable = parse_count_or_percent(w, node["max_unavailable"], at + ".max_unavailable");
  return u;
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

LoadCurve parse_load(const Where& w, const YAML::Node& n, const std::string& at) {
  LoadCurve c;
  if (!n.IsMap()) w.fail(n, at, "expected a mapping such as {kind: constant, rate: 100}");
  if (!n["kind"]) w.fail(n, at + ".kind", "missing (constant, diurnal, step, spike or points)");
  const std::string kind = w.scalar<std::string>(n["kind"], at + ".kind", "a load kind");
  auto rate = [&](const char* key, bool required) {
    if (!n[key]) {
      if (required) w.fail(n, at + "." + key, "missing (requests per second)");
      return 0.0;
    }
    const double v = w.scalar<double>(n[key], at + "." + key, "requests per second");
    if (v < 0) w.fail(n[key], at + "." + key, "must not be negative");
    return v;
  };
  auto seconds = [&](const char* key, bool required, Time fallback) {
    if (!n[key]) {
      if (required) w.fail(n, at + "." + key, "missing");
      return fallback;
    }
    const Time v = w.unit(n[key], at + "." + key, parse_seconds);
    if (v < 0) w.fail(n[key], at + "." + key, "must not be negative");
    return v;
  };
  if (kind == "constant") {
    w.only(n, at, {"kind", "rate"});
    c.kind = LoadCurve::Kind::kConstant;
    c.rate = rate("rate", true);
  } else if (kind == "diurnal") {
    w.only(n, at, {"kind", "base", "peak", "period", "peak_at"});
    c.kind = LoadCurve::Kind::kDiurnal;
    c.base = rate("base", true);
    c.peak = rate("peak", true);
    c.period = seconds("period", false, 86400);
    c.peak_at = seconds("peak_at", false, 0);
    if (c.period <= 0) w.fail(n["period"], at + ".period", "must be positive");
    if (c.peak < c.base) w.fail(n["peak"], at + ".peak", "must not be below base");
  } else if (kind == "step") {
    w.only(n, at, {"kind", "rate", "to", "at"});
    c.kind = LoadCurve::Kind::kStep;
    c.rate = rate("rate", true);
    c.to = rate("to", true);
    c.at = seconds("at", true, 0);
  } else if (kind == "spike") {
    w.only(n, at, {"kind", "rate", "peak", "at", "duration"});
    c.kind = LoadCurve::Kind::kSpike;
    c.rate = rate("rate", true);
    c.peak = rate("peak", true);
    c.at = seconds("at", true, 0);
    c.duration = seconds("duration", true, 0);
  } else if (kind == "points") {
    w.only(n, at, {"kind", "points"});
    c.kind = LoadCurve::Kind::kPoints;
    const YAML::Node pts = n["points"];
    if (!pts || !pts.IsSequence() || pts.size() == 0) w.fail(pts ? pts : n, at + ".points", "expected a list of [time, rate]");
    for (std::size_t k = 0; k < pts.size(); ++k) {
      const std::string field = at + ".points[" + std::to_string(k) + "]";
      if (!pts[k].IsSequence() || pts[k].size() != 2) w.fail(pts[k], field, "expected [time, rate] such as [10m, 300]");
      const Time t = w.unit(pts[k][0], field + "[0]", parse_seconds);
      const double r = w.scalar<double>(pts[k][1], field + "[1]", "requests per second");
      if (r < 0) w.fail(pts[k][1], field + "[1]", "must not be negative");
      if (!c.points.empty() && t <= c.points.back().first) w.fail(pts[k][0], field + "[0]", "times must increase");
      c.points.push_back({t, r});
    }
  } else {
    w.fail(n["kind"], at + ".kind", "expected constant, diurnal, step, spike or points, got '" + kind + "'");
  }
  return c;
}

ServiceDynamics parse_dynamics(const Where& w, const YAML::Node& n, const std::string& at) {
  ServiceDynamics d;
  if (n["load"]) d.load = parse_load(w, n["load"], at + ".load");
  if (n["service_rate"]) {
    d.queue.service_rate = w.scalar<double>(n["service_rate"], at + ".service_rate", "requests per second per replica");
    if (d.queue.service_rate <= 0) w.fail(n["service_rate"], at + ".service_rate", "must be positive");
  }
  if (n["queue_limit"]) {
    d.queue.queue_limit = w.scalar<int>(n["queue_limit"], at + ".queue_limit", "an integer");
    if (d.queue.queue_limit < 1) w.fail(n["queue_limit"], at + ".queue_limit", "must be at least 1");
  }
  if (n["balancer"]) {
    const std::string b = w.scalar<std::string>(n["balancer"], at + ".balancer", "a balancer");
    if (b == "round-robin") d.balancer = Balancer::kRoundRobin;
    else if (b == "least-outstanding") d.balancer = Balancer::kLeastOutstanding;
    else if (b == "power-of-two") d.balancer = Balancer::kPowerOfTwo;
    else w.fail(n["balancer"], at + ".balancer", "expected round-robin, least-outstanding or power-of-two, got '" + b + "'");
  }
  if (auto slo = n["slo"]) {
    w.only(slo, at + ".slo", {"latency_p99"});
    if (!slo["latency_p99"]) w.fail(slo, at + ".slo.latency_p99", "missing");
    d.slo_p99 = w.unit(slo["latency_p99"], at + ".slo.latency_p99", parse_seconds);
    if (d.slo_p99 <= 0) w.fail(slo["latency_p99"], at + ".slo.latency_p99", "must be positive");
  }
  if (auto a = n["autoscale"]) {
    const std::string as = at + ".autoscale";
    w.only(a, as, {"min", "max", "target_utilization", "tolerance", "sync_period", "scale_down_window", "scale_up_window"});
    if (!d.load.active()) w.fail(a, as, "needs a load: the HPA scales on the utilisation the load causes");
    d.autoscale = true;
    HpaConfig& h = d.hpa;
    if (a["min"]) h.min_replicas = w.scalar<int>(a["min"], as + ".min", "an integer");
    if (a["max"]) h.max_replicas = w.scalar<int>(a["max"], as + ".max", "an integer");
    if (h.min_replicas < 1) w.fail(a["min"], as + ".min", "must be at least 1");
    if (h.max_replicas < h.min_replicas) w.fail(a["max"], as + ".max", "must not be below min");
    if (a["target_utilization"]) h.target_utilization = w.scalar<double>(a["target_utilization"], as + ".target_utilization", "a fraction such as 0.6");
    if (!(h.target_utilization > 0 && h.target_utilization <= 1)) w.fail(a["target_utilization"], as + ".target_utilization", "must be in (0, 1]");
    if (a["tolerance"]) h.tolerance = w.scalar<double>(a["tolerance"], as + ".tolerance", "a fraction such as 0.1");
    if (h.tolerance < 0) w.fail(a["tolerance"], as + ".tolerance", "must not be negative");
    if (a["sync_period"]) h.sync_period = w.unit(a["sync_period"], as + ".sync_period", parse_seconds);
    if (h.sync_period <= 0) w.fail(a["sync_period"], as + ".sync_period", "must be positive");
    if (a["scale_down_window"]) h.scale_down_window = w.unit(a["scale_down_window"], as + ".scale_down_window", parse_seconds);
    if (a["scale_up_window"]) h.scale_up_window = w.unit(a["scale_up_window"], as + ".scale_up_window", parse_seconds);
    if (h.scale_down_window < 0) w.fail(a["scale_down_window"], as + ".scale_down_window", "must not be negative");
    if (h.scale_up_window < 0) w.fail(a["scale_up_window"], as + ".scale_up_window", "must not be negative");
  }
  return d;
}

void parse_services(const Where& w, const YAML::Node& services, Scenario& s) {
  if (!services.IsSequence() || services.size() == 0) w.fail(services, "services", "expected a non-empty list");
  std::set<std::string> names;
  struct Ref {
    YAML::Node node;
    std::string field;
  };
  std::vector<Ref> anti_affinity_refs;  // checked once every service is known (a name may come later)
  for (std::size_t i = 0; i < services.size(); ++i) {
    const YAML::Node n = services[i];
    const std::string at = "services[" + std::to_string(i) + "]";
    w.only(n, at,
           {"name", "image", "replicas", "cpu", "memory", "gpu", "start_latency", "restart", "constraints",
            "max_replicas_per_host", "tenant", "run_time", "load", "service_rate", "queue_limit", "balancer", "slo",
            "autoscale", "tolerations", "anti_affinity", "ports", "update_config"});
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
    if (n["memory"]) spec.request.memory_mib = w.unit(n["memory"], at + ".memory", parse_memory) / 1048576.0;
    if (n["gpu"]) spec.request.gpu = w.scalar<double>(n["gpu"], at + ".gpu", "a number of GPUs");
    if (spec.request.cpu < 0) w.fail(n["cpu"], at + ".cpu", "must not be negative");
    if (spec.request.memory_mib < 0) w.fail(n["memory"], at + ".memory", "must not be negative");
    if (spec.request.gpu < 0) w.fail(n["gpu"], at + ".gpu", "must not be negative");
    s.start_latency[spec.name] = n["start_latency"] ? w.unit(n["start_latency"], at + ".start_latency", parse_seconds) : 1.0;
    spec.restart = parse_restart(w, n["restart"], at + ".restart");
    spec.update = parse_update_config(w, n["update_config"], at + ".update_config");
    spec.constraints = parse_constraints(w, n["constraints"], at + ".constraints");
    if (n["max_replicas_per_host"])
      spec.max_replicas_per_host = w.scalar<int>(n["max_replicas_per_host"], at + ".max_replicas_per_host", "an integer");
    if (n["tenant"]) spec.tenant = w.scalar<std::string>(n["tenant"], at + ".tenant", "a name");
    if (n["run_time"]) spec.run_time = w.unit(n["run_time"], at + ".run_time", parse_seconds);
    spec.tolerations = parse_tolerations(w, n["tolerations"], at + ".tolerations");
    spec.ports = parse_ports(w, n["ports"], at + ".ports");
    if (auto aa = n["anti_affinity"]) {
      if (!aa.IsSequence()) w.fail(aa, at + ".anti_affinity", "expected a list of service names such as [db]");
      for (std::size_t k = 0; k < aa.size(); ++k) {
        const std::string field = at + ".anti_affinity[" + std::to_string(k) + "]";
        spec.anti_affinity.push_back(w.scalar<std::string>(aa[k], field, "a service name"));
        anti_affinity_refs.push_back({aa[k], field});
      }
    }

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
    if (n["load"] || n["service_rate"] || n["queue_limit"] || n["balancer"] || n["slo"] || n["autoscale"]) {
      ServiceDynamics dyn = parse_dynamics(w, n, at);
      if (dyn.autoscale && (spec.replicas < dyn.hpa.min_replicas || spec.replicas > dyn.hpa.max_replicas))
        w.fail(n["replicas"], at + ".replicas", "must be within autoscale min..max");
      s.dynamics[spec.name] = dyn;
    }
    s.services.push_back(spec);
  }
  for (const Ref& ref : anti_affinity_refs)
    if (names.count(ref.node.Scalar()) == 0)
      w.fail(ref.node, ref.field, "unknown service '" + ref.node.Scalar() + "'");
}

const HostSpec* find_host(const Scenario& s, const std::string& name) {
  for (const auto& h : s.hosts)
    if (h.name == name) return &h;
  return nullptr;
}

struct FaultKindName {
  FaultSpec::Kind kind;
  const char* name;
};
constexpr FaultKindName kFaultKinds[] = {
    {FaultSpec::Kind::kHostCrash, "host_crash"},         {FaultSpec::Kind::kHostRecover, "host_recover"},
    {FaultSpec::Kind::kHostHang, "host_hang"},           {FaultSpec::Kind::kHeartbeatDelay, "heartbeat_delay"},
    {FaultSpec::Kind::kPartition, "partition"},          {FaultSpec::Kind::kRandomFailures, "random_failures"},
    {FaultSpec::Kind::kContainerCrashes, "container_crashes"},
};

// The hosts a fault selects: one `host`, a `hosts` list, or every host carrying all of `labels`.
void parse_fault_targets(const Where& w, const YAML::Node& f, const std::string& at, const Scenario& s,
                         FaultSpec& fault, bool required) {
  const int selectors = (f["host"] ? 1 : 0) + (f["hosts"] ? 1 : 0) + (f["labels"] ? 1 : 0);
  if (selectors > 1) w.fail(f, at, "give one of host, hosts or labels, not several");
  if (selectors == 0) {
    if (required) w.fail(f, at + ".host", "missing (or give hosts: [...] or labels: {key: value})");
    return;
  }
  if (f["host"]) {
    fault.host = w.scalar<std::string>(f["host"], at + ".host", "a host name");
    if (!find_host(s, fault.host)) w.fail(f["host"], at + ".host", "no host named '" + fault.host + "' in the cluster");
    fault.hosts = {fault.host};
  } else if (f["hosts"]) {
    const YAML::Node list = f["hosts"];
    if (!list.IsSequence() || list.size() == 0) w.fail(list, at + ".hosts", "expected a non-empty list of host names");
    for (std::size_t k = 0; k < list.size(); ++k) {
      const std::string field = at + ".hosts[" + std::to_string(k) + "]";
      const std::string name = w.scalar<std::string>(list[k], field, "a host name");
      if (!find_host(s, name)) w.fail(list[k], field, "no host named '" + name + "' in the cluster");
      fault.hosts.push_back(name);
    }
  } else {
    fault.labels = parse_labels(w, f["labels"], at + ".labels");
    if (fault.labels.empty()) w.fail(f["labels"], at + ".labels", "expected at least one label: value");
    for (const auto& h : s.hosts) {
      bool all = true;
      for (const auto& [k, v] : fault.labels) {
        auto it = h.labels.find(k);
        all = all && it != h.labels.end() && it->second == v;
      }
      if (all) fault.hosts.push_back(h.name);
    }
    if (fault.hosts.empty()) w.fail(f["labels"], at + ".labels", "no host of the cluster carries these labels");
  }
  fault.host = fault.hosts.front();
}

void parse_faults(const Where& w, const YAML::Node& faults, Scenario& s) {
  if (!faults.IsSequence()) w.fail(faults, "faults", "expected a list");
  std::string known;
  for (const auto& k : kFaultKinds) known += (known.empty() ? "" : ", ") + std::string(k.name);
  for (std::size_t i = 0; i < faults.size(); ++i) {
    const YAML::Node f = faults[i];
    const std::string at = "faults[" + std::to_string(i) + "]";
    w.only(f, at, {"at", "kind", "host", "hosts", "labels", "duration", "until", "mtbf", "mttr", "shape", "service"});
    FaultSpec fault;
    if (!f["at"]) w.fail(f, at + ".at", "missing");
    fault.at = w.unit(f["at"], at + ".at", parse_seconds);
    if (fault.at < 0) w.fail(f["at"], at + ".at", "must not be negative");
    if (!f["kind"]) w.fail(f, at + ".kind", "missing");
    const std::string kind = w.scalar<std::string>(f["kind"], at + ".kind", "a fault kind");
    bool found = false;
    for (const auto& k : kFaultKinds)
      if (kind == k.name) fault.kind = k.kind, found = true;
    if (!found) w.fail(f["kind"], at + ".kind", "expected one of " + known + ", got '" + kind + "'");

    using K = FaultSpec::Kind;
    const K k = fault.kind;
    const bool generator = k == K::kRandomFailures || k == K::kContainerCrashes;
    // A field the kind does not use is an error: it would otherwise be silently ignored.
    auto not_for = [&](const char* field) {
      if (f[field]) w.fail(f[field], at + "." + field, "not used by kind " + kind);
    };
    if (k == K::kContainerCrashes) {
      for (const char* field : {"host", "hosts", "labels", "duration", "mttr", "shape"}) not_for(field);
    } else {
      parse_fault_targets(w, f, at, s, fault, !generator);
    }
    if (!generator)
      for (const char* field : {"until", "mtbf", "mttr", "shape", "service"}) not_for(field);
    if (k == K::kHostRecover || k == K::kRandomFailures) not_for("duration");

    if (f["duration"]) {
      fault.duration = w.unit(f["duration"], at + ".duration", parse_seconds);
      if (fault.duration <= 0) w.fail(f["duration"], at + ".duration", "must be positive");
    } else if (k == K::kHostHang || k == K::kHeartbeatDelay) {
      w.fail(f, at + ".duration", "missing (how long the " + kind + " lasts)");
    }
    if (generator) {
      if (f["until"]) fault.until = w.unit(f["until"], at + ".until", parse_seconds);
      if (fault.until < fault.at) w.fail(f["until"], at + ".until", "must not be before at");
      if (!f["mtbf"]) w.fail(f, at + ".mtbf", "missing (mean time between failures)");
      fault.mtbf = w.unit(f["mtbf"], at + ".mtbf", parse_seconds);
      if (fault.mtbf <= 0) w.fail(f["mtbf"], at + ".mtbf", "must be positive");
    }
    if (k == K::kRandomFailures) {
      if (!f["mttr"]) w.fail(f, at + ".mttr", "missing (mean time to repair)");
      fault.mttr = w.unit(f["mttr"], at + ".mttr", parse_seconds);
      if (fault.mttr <= 0) w.fail(f["mttr"], at + ".mttr", "must be positive");
      if (f["shape"]) fault.shape = w.scalar<double>(f["shape"], at + ".shape", "a Weibull shape such as 1.5");
      if (!(fault.shape > 0)) w.fail(f["shape"], at + ".shape", "must be positive");
      if (fault.hosts.empty())
        for (const auto& h : s.hosts) fault.hosts.push_back(h.name);
    }
    if (k == K::kContainerCrashes) {
      if (!f["service"]) w.fail(f, at + ".service", "missing");
      fault.service = w.scalar<std::string>(f["service"], at + ".service", "a service name");
      bool known_service = false;
      for (const auto& svc : s.services) known_service = known_service || svc.name == fault.service;
      if (!known_service) w.fail(f["service"], at + ".service", "no service named '" + fault.service + "'");
    }
    s.faults.push_back(fault);
  }
}

void parse_changes(const Where& w, const YAML::Node& changes, Scenario& s) {
  if (!changes.IsSequence()) w.fail(changes, "changes", "expected a list");
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const YAML::Node c = changes[i];
    const std::string at = "changes[" + std::to_string(i) + "]";
    w.only(c, at, {"at", "service", "replicas", "image"});
    ChangeSpec change;
    if (!c["at"] || !c["service"] || (!c["replicas"] && !c["image"]))
      w.fail(c, at, "needs at, service and replicas or image");
    change.at = w.unit(c["at"], at + ".at", parse_seconds);
    change.service = w.scalar<std::string>(c["service"], at + ".service", "a service name");
    if (c["replicas"]) {
      change.replicas = w.scalar<int>(c["replicas"], at + ".replicas", "an integer");
      if (change.replicas < 0) w.fail(c["replicas"], at + ".replicas", "must not be negative");
    }
    if (auto img = c["image"]) {  // an update: the same shape as a service's image
      w.only(img, at + ".image", {"name", "size"});
      if (!img["name"]) w.fail(img, at + ".image.name", "missing");
      change.image = w.scalar<std::string>(img["name"], at + ".image.name", "an image name");
      if (img["size"]) change.image_bytes = static_cast<std::uint64_t>(w.unit(img["size"], at + ".image.size", parse_bytes));
    }
    bool known = false;
    for (const auto& svc : s.services) known = known || svc.name == change.service;
    if (!known) w.fail(c["service"], at + ".service", "no service named '" + change.service + "'");
    s.changes.push_back(change);
  }
}

void parse_cluster_autoscaler(const Where& w, const YAML::Node& root, Scenario& s) {
  const YAML::Node ca = root["cluster_autoscaler"];
  const std::string at = "cluster_autoscaler";
  w.only(ca, at, {"pool", "initial_hosts", "min_hosts", "boot_delay", "scale_down_unneeded_time",
                  "scale_down_utilization_threshold", "scan_interval"});
  if (!ca["pool"]) w.fail(ca, at + ".pool", "missing: the name of a host group of cluster.hosts");
  ClusterAutoscalerSpec& spec = s.cluster_autoscaler;
  spec.enabled = true;
  spec.pool = w.scalar<std::string>(ca["pool"], at + ".pool", "a host group name");
  // Host groups expand in order, `count` hosts each (parse_cluster): find the pool's range.
  const YAML::Node groups = root["cluster"]["hosts"];
  std::size_t first = 0;
  bool found = false;
  for (std::size_t i = 0; i < groups.size() && !found; ++i) {
    const std::size_t count = groups[i]["count"] ? groups[i]["count"].as<std::size_t>() : 1;
    if (groups[i]["name"].as<std::string>() == spec.pool) {
      for (std::size_t k = 0; k < count; ++k) spec.pool_hosts.push_back(first + k);
      found = true;
    }
    first += count;
  }
  if (!found) w.fail(ca["pool"], at + ".pool", "no host group named '" + spec.pool + "' in cluster.hosts");
  ClusterAutoscalerConfig& c = spec.config;
  const int pool_size = static_cast<int>(spec.pool_hosts.size());
  if (ca["initial_hosts"]) c.initial_hosts = w.scalar<int>(ca["initial_hosts"], at + ".initial_hosts", "an integer");
  if (c.initial_hosts < 0 || c.initial_hosts > pool_size)
    w.fail(ca["initial_hosts"], at + ".initial_hosts", "must be between 0 and the pool's " + std::to_string(pool_size) + " hosts");
  c.min_hosts = c.initial_hosts;
  if (ca["min_hosts"]) c.min_hosts = w.scalar<int>(ca["min_hosts"], at + ".min_hosts", "an integer");
  if (c.min_hosts < 0 || c.min_hosts > pool_size)
    w.fail(ca["min_hosts"], at + ".min_hosts", "must be between 0 and the pool's " + std::to_string(pool_size) + " hosts");
  if (spec.pool_hosts.size() - c.initial_hosts == s.hosts.size())
    w.fail(ca["pool"], at + ".pool", "no host is on at the start: set initial_hosts or add a host group outside the pool");
  if (ca["boot_delay"]) c.boot_delay = w.unit(ca["boot_delay"], at + ".boot_delay", parse_seconds);
  if (ca["scale_down_unneeded_time"])
    c.unneeded_time = w.unit(ca["scale_down_unneeded_time"], at + ".scale_down_unneeded_time", parse_seconds);
  if (auto u = ca["scale_down_utilization_threshold"]) {
    c.utilization_threshold = w.scalar<double>(u, at + ".scale_down_utilization_threshold", "a fraction");
    if (c.utilization_threshold < 0 || c.utilization_threshold > 1)
      w.fail(u, at + ".scale_down_utilization_threshold", "must be in [0, 1]");
  }
  if (ca["scan_interval"]) c.scan_interval = w.unit(ca["scan_interval"], at + ".scan_interval", parse_seconds);
  if (c.boot_delay < 0) w.fail(ca["boot_delay"], at + ".boot_delay", "must not be negative");
  if (c.unneeded_time < 0) w.fail(ca["scale_down_unneeded_time"], at + ".scale_down_unneeded_time", "must not be negative");
  if (c.scan_interval <= 0) w.fail(ca["scan_interval"], at + ".scan_interval", "must be positive");
  s.host_off_at_start.assign(s.hosts.size(), 0);
  for (std::size_t k = static_cast<std::size_t>(c.initial_hosts); k < spec.pool_hosts.size(); ++k)
    s.host_off_at_start[spec.pool_hosts[k]] = 1;
}

// A positive number field of a detector, with its own error.
double detector_number(const Where& w, const YAML::Node& d, const char* key, double value, bool allow_zero = false) {
  if (!d[key]) return value;
  const std::string field = std::string("control.detector.") + key;
  const double v = w.scalar<double>(d[key], field, "a number");
  if (allow_zero ? v < 0 : v <= 0) w.fail(d[key], field, allow_zero ? "must not be negative" : "must be positive");
  return v;
}

Time detector_seconds(const Where& w, const YAML::Node& d, const char* key, Time value, bool allow_zero = false) {
  if (!d[key]) return value;
  const std::string field = std::string("control.detector.") + key;
  const Time v = w.unit(d[key], field, parse_seconds);
  if (allow_zero ? v < 0 : v <= 0) w.fail(d[key], field, allow_zero ? "must not be negative" : "must be positive");
  return v;
}

void parse_detector(const Where& w, const YAML::Node& d, Scenario& s) {
  DetectorSpec& spec = s.detector;
  const double period = s.heartbeat.period;
  if (spec.kind == DetectorSpec::Kind::kFixedTimeout) {
    w.only(d, "control.detector", {"kind", "preset", "suspect_after", "down_after"});
    if (d["suspect_after"]) s.suspect_after = w.unit(d["suspect_after"], "control.detector.suspect_after", parse_seconds);
    if (d["down_after"]) s.down_after = w.unit(d["down_after"], "control.detector.down_after", parse_seconds);
    if (s.suspect_after <= 0) w.fail(d["suspect_after"], "control.detector.suspect_after", "must be positive");
    if (s.down_after < s.suspect_after) w.fail(d, "control.detector.down_after", "must not be shorter than suspect_after");
    return;
  }
  // Phi detectors scale their start-up estimates to the heartbeat period unless told otherwise.
  if (spec.kind == DetectorSpec::Kind::kPhiAccrual) {
    w.only(d, "control.detector",
           {"kind", "threshold", "suspect_threshold", "min_std_dev", "acceptable_pause", "first_heartbeat_estimate",
            "max_samples"});
    PhiAccrualConfig& c = spec.phi;
    c.first_heartbeat_estimate = period;
    c.threshold = detector_number(w, d, "threshold", c.threshold);
    c.suspect_threshold = detector_number(w, d, "suspect_threshold", c.threshold / 2);
    c.min_std_deviation = detector_seconds(w, d, "min_std_dev", c.min_std_deviation);
    c.acceptable_pause = detector_seconds(w, d, "acceptable_pause", c.acceptable_pause, true);
    c.first_heartbeat_estimate = detector_seconds(w, d, "first_heartbeat_estimate", c.first_heartbeat_estimate);
    c.max_samples = static_cast<int>(detector_number(w, d, "max_samples", c.max_samples));
    if (c.suspect_threshold > c.threshold)
      w.fail(d["suspect_threshold"], "control.detector.suspect_threshold", "must not exceed threshold");
    return;
  }
  w.only(d, "control.detector", {"kind", "threshold", "suspect_threshold", "initial_interval", "max_interval", "max_samples"});
  ExponentialPhiConfig& c = spec.exponential;
  // Cassandra: 2 s for its 1 s gossip, i.e. two periods.
  c.initial_interval = detector_seconds(w, d, "initial_interval", 2 * period);
  c.max_interval = detector_seconds(w, d, "max_interval", 2 * period);
  c.threshold = detector_number(w, d, "threshold", c.threshold);
  c.suspect_threshold = detector_number(w, d, "suspect_threshold", c.threshold / 2);
  c.max_samples = static_cast<int>(detector_number(w, d, "max_samples", c.max_samples));
  if (c.suspect_threshold > c.threshold)
    w.fail(d["suspect_threshold"], "control.detector.suspect_threshold", "must not exceed threshold");
}

void parse_control(const Where& w, const YAML::Node& control, Scenario& s) {
  w.only(control, "control", {"heartbeat", "detector", "sample_period"});
  const YAML::Node d = control["detector"];
  if (d) {
    if (!d.IsMap()) w.fail(d, "control.detector", "expected a mapping such as {kind: phi-accrual}");
    if (d["kind"]) {
      const std::string kind = w.scalar<std::string>(d["kind"], "control.detector.kind", "a detector name");
      if (kind == "fixed-timeout") s.detector.kind = DetectorSpec::Kind::kFixedTimeout;
      else if (kind == "phi-accrual") s.detector.kind = DetectorSpec::Kind::kPhiAccrual;
      else if (kind == "phi-exponential") s.detector.kind = DetectorSpec::Kind::kPhiExponential;
      else w.fail(d["kind"], "control.detector.kind", "unknown detector '" + kind + "' (known: fixed-timeout, phi-accrual, phi-exponential)");
    }
    // A preset sets the heartbeat that goes with it; an explicit control.heartbeat still wins.
    if (auto p = d["preset"]) {
      if (s.detector.kind != DetectorSpec::Kind::kFixedTimeout)
        w.fail(p, "control.detector.preset", "presets are for kind fixed-timeout");
      const std::string name = w.scalar<std::string>(p, "control.detector.preset", "a preset name");
      const DetectorPreset* preset = find_detector_preset(name);
      if (!preset) w.fail(p, "control.detector.preset", "unknown preset '" + name + "' (known: swarm, kubernetes, kubernetes-grace)");
      s.heartbeat.period = preset->heartbeat_period;
      s.heartbeat.jitter = preset->heartbeat_jitter;
      s.suspect_after = preset->fixed.suspect_after;
      s.down_after = preset->fixed.down_after;
    }
  }
  if (auto hb = control["heartbeat"]) {
    w.only(hb, "control.heartbeat", {"period", "jitter"});
    if (hb["period"]) s.heartbeat.period = w.unit(hb["period"], "control.heartbeat.period", parse_seconds);
    if (hb["jitter"]) s.heartbeat.jitter = w.unit(hb["jitter"], "control.heartbeat.jitter", parse_seconds);
    if (s.heartbeat.period <= 0) w.fail(hb["period"], "control.heartbeat.period", "must be positive");
    if (s.heartbeat.jitter < 0 || s.heartbeat.jitter >= s.heartbeat.period)
      w.fail(hb["jitter"], "control.heartbeat.jitter", "must be in [0, period)");
  }
  if (d) parse_detector(w, d, s);
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
  w.only(root, "", {"name", "seed", "duration", "policy", "cluster", "services", "faults", "changes", "control",
                    "cluster_autoscaler"});

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
  if (root["cluster_autoscaler"]) parse_cluster_autoscaler(w, root, s);
  if (root["control"]) parse_control(w, root["control"], s);
  s.detector.fixed = {s.heartbeat.period, s.suspect_after, s.down_after};
  return s;
}

}  // namespace

std::string_view to_string(FaultSpec::Kind kind) {
  for (const auto& k : kFaultKinds)
    if (k.kind == kind) return k.name;
  return "?";
}

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
