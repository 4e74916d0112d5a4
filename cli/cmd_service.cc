// drydock service create|scale|ls|ps|rm: the Swarm-like client of the manager's API.
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "cli/live_cli.h"

namespace drydock::cli::live {
namespace {

using nlohmann::json;

// Waits until the service runs `want` replicas; prints how long it took. Exit 1 on timeout.
void wait_converged(const Connection& c, const std::string& name, int want, double timeout) {
  const auto t0 = std::chrono::steady_clock::now();
  while (true) {
    int running = -1, busy = 0;
    for (const json& s : call(c, "GET", "/v1/services"))
      if (s["name"] == name) {
        running = s["running"].get<int>();
        busy = s["starting"].get<int>() + s["stopping"].get<int>();
      }
    const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // Converged: the wanted number runs and no start or stop is still on its way.
    if (running == want && busy == 0) {
      std::printf("%s: %d/%d running after %.2f s\n", name.c_str(), running, want, dt);
      return;
    }
    if (dt > timeout) {
      std::fprintf(stderr, "drydock: %s: %d/%d running after %.0f s, giving up\n", name.c_str(), running, want, dt);
      throw CLI::RuntimeError(1);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// Rollouts of `name` completed so far, from the manager's event log ("update" rows, "complete ...").
int rollouts_completed(const Connection& c, const std::string& name) {
  int n = 0;
  for (const json& e : call(c, "GET", "/v1/events"))
    n += e["kind"] == "update" && e["service"] == name && e["detail"].get<std::string>().rfind("complete", 0) == 0;
  return n;
}

}  // namespace

void add_service_commands(CLI::App& app) {
  auto* service = app.add_subcommand("service", "manage services on the live manager");
  service->require_subcommand(1);

  struct Create {
    Connection conn;
    std::string name;
    int replicas = 1;
    double cpu = 0.01, memory = 16, restart_delay = 5, wait = 0;
  };
  auto c = std::make_shared<Create>();
  auto* create = service->add_subcommand("create", "create a service: [options] IMAGE [CMD...]");
  c->conn.add_options(create);
  create->add_option("--name", c->name, "service name")->required();
  create->add_option("--replicas", c->replicas, "number of replicas")->capture_default_str();
  create->add_option("--cpu", c->cpu, "CPU per replica (cores; also the container's limit)")->capture_default_str();
  create->add_option("--memory", c->memory, "memory per replica in MiB (also the limit)")->capture_default_str();
  create->add_option("--restart-delay", c->restart_delay, "seconds before an exited replica is replaced")
      ->capture_default_str();
  create->add_option("--wait", c->wait, "wait up to this many seconds for all replicas to run");
  // IMAGE and the command after it are passed through untouched, as `docker service create` does.
  create->prefix_command();
  create->callback([c, create] {
    const auto rest = create->remaining();
    if (rest.empty()) {
      std::fprintf(stderr, "drydock: service create: IMAGE missing\n");
      throw CLI::RuntimeError(2);
    }
    json body = {{"name", c->name}, {"image", rest[0]}, {"replicas", c->replicas}, {"cpu", c->cpu},
                 {"memory_mib", c->memory}, {"restart_delay", c->restart_delay},
                 {"cmd", std::vector<std::string>(rest.begin() + 1, rest.end())}};
    call(c->conn, "POST", "/v1/services", body.dump());
    std::printf("%s\n", c->name.c_str());
    if (c->wait > 0) wait_converged(c->conn, c->name, c->replicas, c->wait);
  });

  struct Scale {
    Connection conn;
    std::vector<std::string> targets;
    double wait = 0;
  };
  auto s = std::make_shared<Scale>();
  auto* scale = service->add_subcommand("scale", "scale services: NAME=REPLICAS ...");
  s->conn.add_options(scale);
  scale->add_option("targets", s->targets, "NAME=REPLICAS")->required();
  scale->add_option("--wait", s->wait, "wait up to this many seconds for convergence");
  scale->callback([s] {
    for (const std::string& t : s->targets) {
      const auto eq = t.find('=');
      int n = -1;
      try {
        if (eq != std::string::npos) n = std::stoi(t.substr(eq + 1));
      } catch (const std::exception&) {
      }
      if (eq == std::string::npos || n < 0) {
        std::fprintf(stderr, "drydock: service scale: '%s' is not NAME=REPLICAS\n", t.c_str());
        throw CLI::RuntimeError(2);
      }
      const std::string name = t.substr(0, eq);
      call(s->conn, "POST", "/v1/services/" + name + "/scale", json{{"replicas", n}}.dump());
      std::printf("%s scaled to %d\n", name.c_str(), n);
      if (s->wait > 0) wait_converged(s->conn, name, n, s->wait);
    }
  });

  // Swarm's `docker service update --image`: the manager stores the new spec and its control plane
  // rolls the replicas over, max_surge / max_unavailable at a time (Kubernetes' RollingUpdate).
  struct Update {
    Connection conn;
    std::string name, image, max_surge, max_unavailable;
    int parallelism = -1;
    double wait = 0;
  };
  auto u = std::make_shared<Update>();
  auto* update = service->add_subcommand("update", "update a service: --image IMAGE [budget] NAME");
  u->conn.add_options(update);
  update->add_option("name", u->name, "service")->required();
  update->add_option("--image", u->image, "the new image, rolled out replica by replica");
  update->add_option("--max-surge", u->max_surge, "replicas above desired during the rollout: N or N% (default 25%)");
  update->add_option("--max-unavailable", u->max_unavailable,
                     "replicas below desired during the rollout: N or N% (default 25%)");
  update->add_option("--update-parallelism", u->parallelism,
                     "Swarm's: replace N at a time, stopping each old one first (= --max-unavailable N --max-surge 0)");
  update->add_option("--wait", u->wait, "wait up to this many seconds for the rollout to complete");
  update->callback([u] {
    if (u->parallelism >= 0 && !u->max_unavailable.empty()) {
      std::fprintf(stderr, "drydock: service update: --update-parallelism and --max-unavailable both set the same budget\n");
      throw CLI::RuntimeError(2);
    }
    json body = json::object();
    if (!u->image.empty()) body["image"] = u->image;
    json budget = json::object();
    if (u->parallelism >= 0) {
      budget["max_unavailable"] = std::to_string(u->parallelism);
      budget["max_surge"] = "0";
    }
    if (!u->max_surge.empty()) budget["max_surge"] = u->max_surge;
    if (!u->max_unavailable.empty()) budget["max_unavailable"] = u->max_unavailable;
    if (!budget.empty()) body["update_config"] = budget;
    std::string image_before;  // the same image again starts no rollout: nothing to wait for
    for (const json& s : call(u->conn, "GET", "/v1/services"))
      if (s["name"] == u->name) image_before = s["image"].get<std::string>();
    const int done_before = u->wait > 0 ? rollouts_completed(u->conn, u->name) : 0;
    const auto t0 = std::chrono::steady_clock::now();
    const json after = call(u->conn, "POST", "/v1/services/" + u->name + "/update", body.dump());
    std::printf("%s: image %s, max_surge %s, max_unavailable %s\n", u->name.c_str(), after["image"].get<std::string>().c_str(),
                after["update_config"]["max_surge"].get<std::string>().c_str(),
                after["update_config"]["max_unavailable"].get<std::string>().c_str());
    if (u->wait <= 0 || u->image.empty() || u->image == image_before) return;
    while (rollouts_completed(u->conn, u->name) == done_before) {
      const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (dt > u->wait) {
        std::fprintf(stderr, "drydock: %s: rollout not complete after %.0f s, giving up\n", u->name.c_str(), dt);
        throw CLI::RuntimeError(1);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    std::printf("%s: rolled out after %.2f s\n", u->name.c_str(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  });

  auto ls_conn = std::make_shared<Connection>();
  auto* ls = service->add_subcommand("ls", "list services");
  ls_conn->add_options(ls);
  ls->callback([ls_conn] {
    std::printf("%-20s %-10s %-8s %-8s %-8s %s\n", "NAME", "REPLICAS", "STARTING", "CPU", "MEM_MIB", "IMAGE / CMD");
    for (const json& j : call(*ls_conn, "GET", "/v1/services")) {
      std::string cmd;
      for (const auto& a : j["cmd"]) cmd += " " + a.get<std::string>();
      const std::string replicas = std::to_string(j["running"].get<int>()) + "/" + std::to_string(j["replicas"].get<int>());
      std::printf("%-20s %-10s %-8d %-8.3g %-8.4g %s%s\n", j["name"].get<std::string>().c_str(), replicas.c_str(),
                  j["starting"].get<int>(), j["cpu"].get<double>(), j["memory_mib"].get<double>(),
                  j["image"].get<std::string>().c_str(), cmd.c_str());
    }
  });

  struct Named {
    Connection conn;
    std::string name;
  };
  auto ps_args = std::make_shared<Named>();
  auto* ps = service->add_subcommand("ps", "list the replicas of a service");
  ps_args->conn.add_options(ps);
  ps->add_option("name", ps_args->name, "service")->required();
  ps->callback([ps_args] {
    std::printf("%-24s %-12s %-10s %-14s %s\n", "NAME", "HOST", "STATE", "CONTAINER", "SINCE");
    for (const json& j : call(ps_args->conn, "GET", "/v1/services/" + ps_args->name + "/replicas"))
      std::printf("%-24s %-12s %-10s %-14s %.1f\n", j["name"].get<std::string>().c_str(),
                  j["host"].get<std::string>().c_str(), j["state"].get<std::string>().c_str(),
                  j["container"].get<std::string>().c_str(), j["since"].get<double>());
  });

  auto rm_args = std::make_shared<Named>();
  auto* rm = service->add_subcommand("rm", "remove a service and its containers");
  rm_args->conn.add_options(rm);
  rm->add_option("name", rm_args->name, "service")->required();
  rm->callback([rm_args] {
    call(rm_args->conn, "DELETE", "/v1/services/" + rm_args->name);
    std::printf("%s\n", rm_args->name.c_str());
  });
}

}  // namespace drydock::cli::live
