// drydock stack deploy|ls|services|ps|rm: Compose / stack files on the live manager, typed as Swarm
// users type them (`docker stack deploy -c stack.yml NAME`). A stack's services are named NAME_SERVICE
// (Swarm's naming); the stack is that prefix, so ls and ps find a stack by its services' names.
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "cli/live_cli.h"
#include "workloads/compose/compose.h"

namespace drydock::cli::live {
namespace {

using nlohmann::json;

std::string count_text(const CountOrPercent& c) { return std::to_string(c.value) + (c.percent ? "%" : ""); }

std::vector<json> stack_services(const Connection& c, const std::string& stack) {
  std::vector<json> out;
  for (const json& s : call(c, "GET", "/v1/services"))
    if (s["name"].get<std::string>().rfind(stack + "_", 0) == 0) out.push_back(s);
  return out;
}

// What the live manager's API carries of a Compose service; the rest is reported (it is modelled in
// simulation, `drydock run SCENARIO --with stack.yml`, but the live manager does not apply it yet).
std::vector<std::string> not_applied_live(const compose::ComposeFile& f) {
  std::vector<std::string> out;
  for (const auto& c : f.services) {
    const std::string at = f.file + ":" + std::to_string(c.line) + ": service/" + c.spec.name + ": ";
    if (!c.spec.constraints.empty()) out.push_back(at + "deploy.placement.constraints: not applied by the live manager");
    if (!c.spread.empty()) out.push_back(at + "deploy.placement.preferences: not applied by the live manager");
    if (!c.spec.ports.empty()) out.push_back(at + "ports (mode host): not applied by the live manager");
    if (c.spec.request.gpu > 0) out.push_back(at + "deploy.resources.reservations.devices: not applied by the live manager");
    if (c.spec.restart.condition != RestartPolicy::Condition::kAny)
      out.push_back(at + "deploy.restart_policy.condition: not applied by the live manager (it restarts on any exit)");
  }
  return out;
}

int deploy(const Connection& conn, const std::string& file, const std::string& stack, bool lenient) {
  compose::ComposeFile f;
  try {
    f = compose::read_compose(file);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "drydock: %s\n", e.what());
    return 1;
  }
  std::vector<std::string> findings = f.findings;
  for (auto& x : not_applied_live(f)) findings.push_back(std::move(x));
  for (const auto& x : findings) std::fprintf(stderr, "%s: %s\n", lenient ? "warning" : "drydock", x.c_str());
  if (!findings.empty() && !lenient) {
    std::fprintf(stderr, "drydock: %zu field(s) not deployed; --lenient deploys without them\n", findings.size());
    return 1;
  }
  std::map<std::string, json> existing;
  for (const json& s : stack_services(conn, stack)) existing[s["name"]] = s;
  int hosts_up = 0;
  for (const json& h : call(conn, "GET", "/v1/hosts")) hosts_up += h["health"] == "alive";
  for (const auto& c : f.services) {
    const std::string name = stack + "_" + c.spec.name;
    const int replicas = c.global ? hosts_up : c.spec.replicas;
    const json update = {{"max_surge", count_text(c.spec.update.max_surge)},
                         {"max_unavailable", count_text(c.spec.update.max_unavailable)}};
    if (const auto it = existing.find(name); it != existing.end()) {  // Swarm: deploy again = update
      if (it->second["image"] != c.spec.image)
        call(conn, "POST", "/v1/services/" + name + "/update", json{{"image", c.spec.image}, {"update_config", update}}.dump());
      if (it->second["replicas"] != replicas)
        call(conn, "POST", "/v1/services/" + name + "/scale", json{{"replicas", replicas}}.dump());
      std::printf("Updating service %s\n", name.c_str());
      continue;
    }
    json body = {{"name", name},
                 {"image", c.spec.image},
                 {"cmd", c.command},
                 {"replicas", replicas},
                 {"restart_delay", c.spec.restart.delay},
                 {"max_per_host", c.spec.max_replicas_per_host},
                 {"update_config", update}};
    if (c.spec.request.cpu > 0) body["cpu"] = c.spec.request.cpu;
    if (c.spec.request.memory_mib > 0) body["memory_mib"] = c.spec.request.memory_mib;
    call(conn, "POST", "/v1/services", body.dump());
    std::printf("Creating service %s\n", name.c_str());
  }
  return 0;
}

}  // namespace

void add_stack_commands(CLI::App& app) {
  auto* stack = app.add_subcommand("stack", "deploy Compose / stack files on the live manager, as docker stack does");
  stack->require_subcommand(1);

  struct Deploy {
    Connection conn;
    std::string file, name;
    bool lenient = false;
  };
  auto d = std::make_shared<Deploy>();
  auto* dep = stack->add_subcommand("deploy", "create or update the stack's services: -c stack.yml NAME");
  d->conn.add_options(dep);
  dep->add_option("-c,--compose-file", d->file, "Compose file (services: with deploy: sections)")->required();
  dep->add_option("name", d->name, "stack name (its services are NAME_SERVICE)")->required();
  dep->add_flag("--lenient", d->lenient, "deploy without the fields the live manager does not apply (warnings)");
  dep->callback([d] {
    if (const int rc = deploy(d->conn, d->file, d->name, d->lenient)) throw CLI::RuntimeError(rc);
  });

  auto ls_conn = std::make_shared<Connection>();
  auto* ls = stack->add_subcommand("ls", "stacks and their service counts");
  ls_conn->add_options(ls);
  ls->callback([ls_conn] {
    std::map<std::string, int> stacks;
    for (const json& s : call(*ls_conn, "GET", "/v1/services")) {
      const std::string name = s["name"];
      if (const auto u = name.find('_'); u != std::string::npos && u > 0) ++stacks[name.substr(0, u)];
    }
    std::printf("%-20s %s\n", "NAME", "SERVICES");
    for (const auto& [n, k] : stacks) std::printf("%-20s %d\n", n.c_str(), k);
  });

  struct Named {
    Connection conn;
    std::string name;
  };
  auto sv = std::make_shared<Named>();
  auto* services = stack->add_subcommand("services", "the stack's services: NAME");
  sv->conn.add_options(services);
  services->add_option("name", sv->name, "stack name")->required();
  services->callback([sv] {
    std::printf("%-28s %-10s %s\n", "NAME", "REPLICAS", "IMAGE");
    for (const json& s : stack_services(sv->conn, sv->name)) {
      const std::string replicas = std::to_string(s["running"].get<int>()) + "/" + std::to_string(s["replicas"].get<int>());
      std::printf("%-28s %-10s %s\n", s["name"].get<std::string>().c_str(), replicas.c_str(), s["image"].get<std::string>().c_str());
    }
  });

  auto ps = std::make_shared<Named>();
  auto* pscmd = stack->add_subcommand("ps", "the stack's replicas: NAME");
  ps->conn.add_options(pscmd);
  pscmd->add_option("name", ps->name, "stack name")->required();
  pscmd->callback([ps] {
    std::printf("%-28s %-12s %-10s %s\n", "NAME", "NODE", "STATE", "CONTAINER");
    for (const json& s : stack_services(ps->conn, ps->name))
      for (const json& r : call(ps->conn, "GET", "/v1/services/" + s["name"].get<std::string>() + "/replicas")) {
        const std::string container = r["container"].get<std::string>().substr(0, 12);
        std::printf("%-28s %-12s %-10s %s\n", r["name"].get<std::string>().c_str(), r["host"].get<std::string>().c_str(),
                    r["state"].get<std::string>().c_str(), container.c_str());
      }
  });

  auto rm = std::make_shared<Named>();
  auto* rmcmd = stack->add_subcommand("rm", "remove the stack's services: NAME");
  rm->conn.add_options(rmcmd);
  rmcmd->add_option("name", rm->name, "stack name")->required();
  rmcmd->callback([rm] {
    const auto services = stack_services(rm->conn, rm->name);
    if (services.empty()) {
      std::fprintf(stderr, "drydock: nothing found in stack: %s\n", rm->name.c_str());
      throw CLI::RuntimeError(1);
    }
    for (const json& s : services) {
      std::printf("Removing service %s\n", s["name"].get<std::string>().c_str());
      call(rm->conn, "DELETE", "/v1/services/" + s["name"].get<std::string>());
    }
  });
}

}  // namespace drydock::cli::live
