// drydock live SCENARIO --hosts hosts.yaml: run a scenario's services, changes and faults on real
// Docker hosts instead of the simulator, with the same control plane, and write the same results
// directory as `drydock run` does, so that `drydock report` can put the two side by side.
//
// The cluster is hosts.yaml's, not the scenario's. A fault naming a scenario host is applied to the
// hosts.yaml host of the same name, or else of the same position. Faults are real: host_crash runs
// --fault-command with mode "kill" (the testbed kills the daemon and its containers), host_hang with
// "hang" then "resume" after its duration, host_recover runs --recover-command.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>

#include "cli/live_cli.h"
#include "live/manager.h"
#include "schedulers/scheduler.h"
#include "workloads/scenario.h"

namespace drydock::cli::live {
namespace {

using drydock::live::LiveConfig;
using drydock::live::LiveHost;
using drydock::live::LiveRuntime;
using drydock::live::LiveService;
using drydock::live::ServiceView;

struct LiveArgs {
  std::string scenario, hosts, out, image = "drydock/busybox:latest", cluster = "drydock-live";
  std::string fault_command = "live/testbed/crash {index} {mode}";
  std::string recover_command = "live/testbed/up {count} {hosts}";
  double duration = 0, request_scale = 1, probe_period = 0;
  bool keep_images = false, keep_running = false;
};

struct Step {
  Time at;
  std::function<void()> run;
};

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [k, v] : values) {
    const std::string key = "{" + k + "}";
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + v.size()))
      text.replace(pos, key.size(), v);
  }
  return text;
}

int run_live(const LiveArgs& a) {
  Scenario scenario = load_scenario(a.scenario);
  if (a.duration > 0) scenario.duration = a.duration;
  // Strict: faults find their host by position ({index}), so a skipped entry would shift them onto
  // the wrong daemon. Any bad entry stops the run before it touches a host.
  const std::vector<LiveHost> hosts = drydock::live::load_hosts_file(a.hosts);

  // Which hosts.yaml host a scenario host name stands for.
  auto resolve = [&](const std::string& name) -> std::size_t {
    for (std::size_t i = 0; i < hosts.size(); ++i)
      if (hosts[i].spec.name == name) return i;
    for (std::size_t i = 0; i < scenario.hosts.size(); ++i)
      if (scenario.hosts[i].name == name && i < hosts.size()) return i;
    throw std::invalid_argument(a.scenario + ": fault host '" + name + "' matches no host of " + a.hosts +
                                " by name or position");
  };

  LiveConfig cfg;
  cfg.cluster = a.cluster;
  cfg.agent.probe_period = a.probe_period > 0 ? a.probe_period : scenario.heartbeat.period;
  cfg.control.detector = scenario.detector;
  cfg.control.detector.fixed.period = cfg.agent.probe_period;
  cfg.control.seed = scenario.seed;
  cfg.sample_period = scenario.sample_period;
  cfg.diagnostics = [](const std::string& m) { std::fprintf(stderr, "live: %s\n", m.c_str()); };
  auto scheduler = PolicyRegistry::instance().make(scenario.policy, PolicyParams(scenario.policy_params));
  LiveRuntime rt(hosts, std::move(scheduler), cfg);

  std::vector<Step> plan;
  auto shell = [&](const std::string& command) {
    std::fprintf(stderr, "live: $ %s\n", command.c_str());
    if (std::system(command.c_str()) != 0) std::fprintf(stderr, "live: fault command failed: %s\n", command.c_str());
  };
  auto fault_cmd = [&](std::size_t host, const char* mode) {
    return fill(a.fault_command, {{"index", std::to_string(host + 1)}, {"mode", mode}, {"host", hosts[host].spec.name},
                                  {"count", std::to_string(hosts.size())}, {"hosts", a.hosts}});
  };
  auto record = [&](EventKind kind, std::size_t host, const std::string& detail) {
    Event e;
    e.kind = kind;
    e.host = hosts[host].spec.name;
    e.detail = detail;
    rt.record(e);
  };
  for (const FaultSpec& f : scenario.faults) {
    std::vector<std::string> names = f.hosts;
    if (names.empty() && !f.host.empty()) names.push_back(f.host);
    if (names.empty()) {
      std::fprintf(stderr, "live: fault %s at %.0f s needs explicit hosts in live mode; skipped\n",
                   std::string(to_string(f.kind)).c_str(), f.at);
      continue;
    }
    for (const std::string& name : names) {
      const std::size_t h = resolve(name);
      switch (f.kind) {
        case FaultSpec::Kind::kHostCrash:
          plan.push_back({f.at, [&, h] {
                            record(EventKind::kFault, h, "host_crash");
                            shell(fault_cmd(h, "kill"));
                            rt.host_failed(hosts[h].spec.name, false);
                          }});
          if (f.duration > 0) plan.push_back({f.at + f.duration, [&, h] {
                                                record(EventKind::kFault, h, "host_recover");
                                                shell(fill(a.recover_command, {{"count", std::to_string(hosts.size())}, {"hosts", a.hosts}, {"index", std::to_string(h + 1)}}));
                                                record(EventKind::kHostRecovered, h, "reboot");
                                              }});
          break;
        case FaultSpec::Kind::kHostRecover:
          plan.push_back({f.at, [&, h] {
                            record(EventKind::kFault, h, "host_recover");
                            shell(fill(a.recover_command, {{"count", std::to_string(hosts.size())}, {"hosts", a.hosts}, {"index", std::to_string(h + 1)}}));
                            record(EventKind::kHostRecovered, h, "reboot");
                          }});
          break;
        case FaultSpec::Kind::kHostHang:
          plan.push_back({f.at, [&, h] {
                            record(EventKind::kFault, h, "host_hang");
                            shell(fault_cmd(h, "hang"));
                            rt.host_failed(hosts[h].spec.name, true);
                          }});
          plan.push_back({f.at + f.duration, [&, h] {
                            shell(fault_cmd(h, "resume"));
                            record(EventKind::kFault, h, "host_resume");
                            record(EventKind::kHostRecovered, h, "resume");
                          }});
          break;
        default:
          std::fprintf(stderr, "live: fault kind %s is not injected in live mode; skipped\n",
                       std::string(to_string(f.kind)).c_str());
      }
    }
  }
  for (const ChangeSpec& c : scenario.changes) {
    if (c.replicas >= 0) plan.push_back({c.at, [&rt, c] { rt.scale(c.service, c.replicas); }});
    if (c.image.empty()) continue;
    if (!a.keep_images) {  // every service runs the one testbed image: there is no new version to roll out
      std::fprintf(stderr, "live: update of %s to %s needs --keep-images; skipped\n", c.service.c_str(), c.image.c_str());
      continue;
    }
    plan.push_back({c.at, [&rt, c] {
                      for (ServiceView v : rt.services())
                        if (v.service.spec.name == c.service) {
                          v.service.spec.image = c.image;  // the control plane rolls it out
                          rt.apply(v.service);
                        }
                    }});
  }
  std::stable_sort(plan.begin(), plan.end(), [](const Step& x, const Step& y) { return x.at < y.at; });

  rt.start();
  for (ServiceSpec spec : scenario.services) {
    LiveService s;
    if (!a.keep_images) spec.image = a.image;  // no registry here: the testbed's local image
    spec.request = spec.request * a.request_scale;
    if (spec.request.memory_mib > 0 && spec.request.memory_mib < 6) spec.request.memory_mib = 6;  // Docker's floor
    s.spec = spec;
    s.cmd = {"sleep", spec.run_time < kNever ? std::to_string(static_cast<long>(spec.run_time)) : "100000000"};
    rt.apply(s);
  }
  for (const Step& step : plan) {
    const double wait = step.at - rt.now();
    if (step.at > scenario.duration) break;
    if (wait > 0) std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    step.run();
  }
  const double left = scenario.duration - rt.now();
  if (left > 0) std::this_thread::sleep_for(std::chrono::duration<double>(left));

  const std::string out = a.out.empty() ? "results/live-" + scenario.name : a.out;
  drydock::live::write_live_results(out, rt, scenario.name, scenario.policy, hosts);
  if (!a.keep_running) {
    for (const ServiceSpec& spec : scenario.services) rt.remove(spec.name);
    rt.wait_until([](const ControlPlane& cp) { return cp.replicas().empty(); }, 60);
  }
  rt.stop();
  std::printf("live run of %s on %zu hosts: results in %s/\n", scenario.name.c_str(), hosts.size(), out.c_str());
  return 0;
}

}  // namespace

void add_live_command(CLI::App& app) {
  auto a = std::make_shared<LiveArgs>();
  auto* cmd = app.add_subcommand("live", "run a scenario on real Docker hosts (hosts.yaml) instead of the simulator");
  cmd->add_option("scenario", a->scenario, "scenario YAML")->required()->check(CLI::ExistingFile);
  cmd->add_option("--hosts", a->hosts, "hosts.yaml (live/testbed/up writes one)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", a->out, "results directory (default results/live-NAME)");
  cmd->add_option("--duration", a->duration, "override the scenario's duration (seconds)");
  cmd->add_option("--image", a->image, "image every service runs (the scenario's are not pullable here)")
      ->capture_default_str();
  cmd->add_flag("--keep-images", a->keep_images, "use the scenario's images as they are");
  cmd->add_option("--request-scale", a->request_scale, "multiply every request (fit a big scenario on small hosts)")
      ->capture_default_str();
  cmd->add_option("--probe-period", a->probe_period, "seconds between probes (default: the scenario's heartbeat)");
  cmd->add_option("--cluster", a->cluster, "drydock.cluster label of the containers")->capture_default_str();
  cmd->add_option("--fault-command", a->fault_command, "crash/hang a host; {index} {host} {mode}")->capture_default_str();
  cmd->add_option("--recover-command", a->recover_command, "bring crashed hosts back; {count} {hosts}")
      ->capture_default_str();
  cmd->add_flag("--keep-running", a->keep_running, "leave the services running at the end");
  cmd->callback([a] {
    const int status = run_live(*a);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace drydock::cli::live
