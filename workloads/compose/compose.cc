#include "workloads/compose/compose.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cmath>
#include <fstream>
#include <set>
#include <stdexcept>

namespace drydock::compose {
namespace {

std::string text(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

class Reader {
 public:
  Reader(std::string file, std::string service) : file_(std::move(file)), service_(std::move(service)) {}
  std::string where(const YAML::Node& n) const {
    return file_ + ":" + (n.Mark().line >= 0 ? std::to_string(n.Mark().line + 1) : "?");
  }
  [[noreturn]] void fail(const YAML::Node& n, const std::string& field, const std::string& why) const {
    throw std::invalid_argument(where(n) + ": service/" + service_ + ": " + field + ": " + why);
  }
  void not_modelled(const YAML::Node& n, const std::string& field, const std::string& why, std::vector<std::string>& out) const {
    out.push_back(where(n) + ": service/" + service_ + ": " + field + ": not modelled" + (why.empty() ? "" : " (" + why + ")"));
  }
  // Keys of `map` outside `modelled` and `ignored` are findings.
  void check(const YAML::Node& map, const std::string& at, std::set<std::string> modelled, std::set<std::string> ignored,
             std::vector<std::string>& out) const {
    if (!map || !map.IsMap()) return;
    for (const auto& kv : map) {
      const std::string k = kv.first.as<std::string>();
      if (!modelled.count(k) && !ignored.count(k)) not_modelled(kv.first, at.empty() ? k : at + "." + k, "", out);
    }
  }
  template <class F>
  auto unit(const YAML::Node& n, const std::string& field, F parse) const {
    try {
      return parse(text(n));
    } catch (const std::invalid_argument& e) {
      fail(n, field, e.what());
    }
  }

 private:
  std::string file_, service_;
};

std::string percent_of(int parallelism) { return parallelism == 0 ? "100%" : std::to_string(parallelism); }

ComposeService read_service(const std::string& file, const std::string& name, const YAML::Node& n,
                            std::vector<std::string>& findings) {
  const Reader r(file, name);
  ComposeService out;
  out.line = n.Mark().line + 1;
  ServiceSpec& s = out.spec;
  s.name = name;
  if (!n.IsMap()) r.fail(n, "", "expected a mapping");
  r.check(n, "", {"image", "command", "deploy", "ports"},
          {"environment", "env_file", "networks", "volumes", "healthcheck", "labels", "logging", "configs", "secrets",
           "stop_grace_period", "stop_signal", "hostname", "working_dir", "user", "entrypoint", "dns", "extra_hosts",
           "container_name", "init", "tty", "stdin_open", "read_only", "ulimits", "sysctls", "cap_add", "cap_drop",
           "depends_on", "restart"},
          findings);
  if (!n["image"]) r.fail(n, "image", "missing (drydock runs images; it does not build them)");
  s.image = text(n["image"]);
  if (const YAML::Node c = n["command"]) {
    if (c.IsSequence()) {
      for (const auto& a : c) out.command.push_back(text(a));
    } else {  // a string: split on spaces, as Compose does for the shell form without a shell
      std::string word;
      for (char ch : text(c) + " ") {
        if (ch == ' ') {
          if (!word.empty()) out.command.push_back(word);
          word.clear();
        } else {
          word += ch;
        }
      }
    }
  }
  s.replicas = 1;
  s.restart.condition = RestartPolicy::Condition::kAny;  // Swarm's defaults
  s.restart.delay = 5;
  s.update.max_surge = {0, false};  // Swarm: parallelism 1, stop-first
  s.update.max_unavailable = {1, false};
  const YAML::Node d = n["deploy"];
  if (d) {
    r.check(d, "deploy", {"replicas", "mode", "resources", "placement", "update_config", "restart_policy"},
            {"labels", "endpoint_mode", "rollback_config"}, findings);
    if (d["replicas"]) {
      s.replicas = d["replicas"].as<int>(-1);
      if (s.replicas < 0) r.fail(d["replicas"], "deploy.replicas", "expected a count, got '" + text(d["replicas"]) + "'");
    }
    if (d["mode"]) {
      const std::string mode = text(d["mode"]);
      if (mode == "global") out.global = true, s.max_replicas_per_host = 1;
      else if (mode != "replicated") r.not_modelled(d["mode"], "deploy.mode", "mode " + mode, findings);
    }
    if (const YAML::Node res = d["resources"]) {
      r.check(res, "deploy.resources", {"reservations"}, {"limits"}, findings);
      if (const YAML::Node rv = res["reservations"]) {
        r.check(rv, "deploy.resources.reservations", {"cpus", "memory", "devices"}, {}, findings);
        if (rv["cpus"]) {
          s.request.cpu = rv["cpus"].as<double>(-1);
          if (s.request.cpu < 0) r.fail(rv["cpus"], "deploy.resources.reservations.cpus", "expected a number of CPUs");
        }
        if (rv["memory"])
          s.request.memory_mib = r.unit(rv["memory"], "deploy.resources.reservations.memory", parse_docker_bytes) / 1048576.0;
        if (const YAML::Node devs = rv["devices"])
          for (std::size_t i = 0; i < devs.size(); ++i) {
            const std::string at = "deploy.resources.reservations.devices[" + std::to_string(i) + "]";
            bool gpu = false;
            for (const auto& cap : devs[i]["capabilities"]) gpu = gpu || text(cap) == "gpu";
            r.check(devs[i], at, {"capabilities", "count"}, {"driver", "options"}, findings);
            if (!gpu || (devs[i]["count"] && text(devs[i]["count"]) == "all") || devs[i]["device_ids"])
              r.not_modelled(devs[i], at, "drydock reserves a count of GPUs", findings);
            else s.request.gpu += devs[i]["count"] ? devs[i]["count"].as<double>() : 1;
          }
      }
    }
    if (const YAML::Node p = d["placement"]) {
      r.check(p, "deploy.placement", {"constraints", "preferences", "max_replicas_per_node"}, {}, findings);
      if (const YAML::Node cs = p["constraints"])
        for (std::size_t i = 0; i < cs.size(); ++i) {
          const std::string c = text(cs[i]);
          const std::string at = "deploy.placement.constraints[" + std::to_string(i) + "]";
          std::size_t op = c.find("!=");
          const bool equal = op == std::string::npos;
          if (equal) op = c.find("==");
          std::string key = op == std::string::npos ? "" : c.substr(0, op);
          while (!key.empty() && key.back() == ' ') key.pop_back();
          std::string value = op == std::string::npos ? "" : c.substr(op + 2);
          while (!value.empty() && value.front() == ' ') value.erase(0, 1);
          if (key.rfind("node.labels.", 0) == 0) s.constraints.push_back({key.substr(12), value, equal});
          else r.not_modelled(cs[i], at, "drydock constrains on node.labels.*; '" + c + "'", findings);
        }
      if (const YAML::Node prefs = p["preferences"])
        for (std::size_t i = 0; i < prefs.size(); ++i) {
          const std::string spread = text(prefs[i]["spread"]);
          if (spread.rfind("node.labels.", 0) == 0 && out.spread.empty()) out.spread = spread.substr(12);
          else r.not_modelled(prefs[i], "deploy.placement.preferences[" + std::to_string(i) + "]", "one spread over node.labels.*", findings);
        }
      if (p["max_replicas_per_node"]) s.max_replicas_per_host = p["max_replicas_per_node"].as<int>();
    }
    if (const YAML::Node u = d["update_config"]) {
      r.check(u, "deploy.update_config", {"parallelism", "order"}, {"failure_action", "monitor", "max_failure_ratio"}, findings);
      if (u["delay"] && parse_go_duration(text(u["delay"])) > 0)
        r.not_modelled(u["delay"], "deploy.update_config.delay", "a pause between batches", findings);
      const int parallelism = u["parallelism"] ? u["parallelism"].as<int>() : 1;
      const bool start_first = text(u["order"]) == "start-first";
      // stop-first: `parallelism` old replicas stop, then as many new start (maxUnavailable);
      // start-first: `parallelism` new replicas start before old ones stop (maxSurge). 0 = all at once.
      s.update.max_surge = start_first ? CountOrPercent{parallelism == 0 ? 100 : parallelism, parallelism == 0} : CountOrPercent{0, false};
      s.update.max_unavailable = start_first ? CountOrPercent{0, false} : CountOrPercent{parallelism == 0 ? 100 : parallelism, parallelism == 0};
      (void)percent_of;
    }
    if (const YAML::Node rp = d["restart_policy"]) {
      r.check(rp, "deploy.restart_policy", {"condition", "delay", "max_attempts", "window"}, {}, findings);
      const std::string c = rp["condition"] ? text(rp["condition"]) : "any";
      if (c == "none") s.restart.condition = RestartPolicy::Condition::kNone;
      else if (c == "on-failure") s.restart.condition = RestartPolicy::Condition::kOnFailure;
      else if (c == "any") s.restart.condition = RestartPolicy::Condition::kAny;
      else r.fail(rp["condition"], "deploy.restart_policy.condition", "expected none, on-failure or any, got '" + c + "'");
      if (rp["delay"]) s.restart.delay = r.unit(rp["delay"], "deploy.restart_policy.delay", parse_go_duration);
      if (rp["max_attempts"]) s.restart.max_attempts = rp["max_attempts"].as<int>();
      if (rp["window"]) s.restart.window = r.unit(rp["window"], "deploy.restart_policy.window", parse_go_duration);
    }
  }
  if (const YAML::Node ports = n["ports"])
    for (std::size_t i = 0; i < ports.size(); ++i) {
      const std::string at = "ports[" + std::to_string(i) + "]";
      // Published through the routing mesh (mode ingress, the default) a port takes no host port of its
      // own: only mode host places like Kubernetes' hostPort.
      if (ports[i].IsMap()) {
        r.check(ports[i], at, {"target", "published", "mode"}, {"protocol", "name", "app_protocol"}, findings);
        if (text(ports[i]["mode"]) == "host" && ports[i]["published"]) s.ports.push_back(ports[i]["published"].as<int>());
      }
    }
  return out;
}

}  // namespace

double parse_docker_bytes(const std::string& t) {
  std::size_t i = 0;
  while (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '.')) ++i;
  if (i == 0) throw std::invalid_argument("expected a size such as 256M or 1g, got '" + t + "'");
  const double v = std::stod(t.substr(0, i));
  std::string unit = t.substr(i);
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (unit.size() == 2 && unit[1] == 'b') unit.pop_back();
  if (unit.empty() || unit == "b") return v;
  if (unit == "k") return v * 1024;
  if (unit == "m") return v * 1048576.0;
  if (unit == "g") return v * 1073741824.0;
  throw std::invalid_argument("unknown size unit in '" + t + "' (b, k, m, g)");
}

double parse_go_duration(const std::string& t) {
  if (t == "0") return 0;
  double total = 0;
  std::size_t i = 0;
  if (t.empty()) throw std::invalid_argument("expected a duration such as 5s or 1m30s");
  while (i < t.size()) {
    const std::size_t from = i;
    while (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '.')) ++i;
    if (i == from) throw std::invalid_argument("expected a duration such as 5s or 1m30s, got '" + t + "'");
    const double v = std::stod(t.substr(from, i - from));
    std::string unit;
    while (i < t.size() && std::isalpha(static_cast<unsigned char>(t[i]))) unit += t[i++];
    if (unit == "ns") total += v * 1e-9;
    else if (unit == "us" || unit == "µs") total += v * 1e-6;
    else if (unit == "ms") total += v * 1e-3;
    else if (unit == "s") total += v;
    else if (unit == "m") total += v * 60;
    else if (unit == "h") total += v * 3600;
    else throw std::invalid_argument("unknown duration unit in '" + t + "' (ns, us, ms, s, m, h)");
  }
  return total;
}

bool is_compose_file(const std::string& path) {
  try {
    const YAML::Node root = YAML::LoadFile(path);
    if (!root.IsMap() || root["apiVersion"] || !root["services"] || !root["services"].IsMap()) return false;
    for (const auto& kv : root["services"])
      if (kv.second.IsMap() && kv.second["deploy"]) return true;
  } catch (const YAML::Exception&) {
  }
  return false;
}

ComposeFile read_compose(const std::string& path) {
  ComposeFile out;
  out.file = path;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw std::invalid_argument(path + ": cannot open");
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(path + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg);
  }
  if (!root.IsMap() || !root["services"] || !root["services"].IsMap())
    throw std::invalid_argument(path + ": expected a Compose file with services:");
  for (const auto& kv : root) {
    const std::string k = kv.first.as<std::string>();
    if (k != "services" && k != "version" && k != "networks" && k != "volumes" && k != "configs" && k != "secrets" && k != "name")
      out.findings.push_back(path + ":" + std::to_string(kv.first.Mark().line + 1) + ": " + k + ": not modelled");
  }
  try {
    for (const auto& kv : root["services"])
      out.services.push_back(read_service(path, kv.first.as<std::string>(), kv.second, out.findings));
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return out;
}

}  // namespace drydock::compose
