// `services:`: what to run, where it may run, how it restarts and how it is updated.
#include "workloads/scenario/sections.h"

#include <algorithm>
#include <set>
#include <vector>

#include "workloads/units.h"

namespace drydock::scenario_parser {

namespace {

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

}  // namespace

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

}  // namespace drydock::scenario_parser
