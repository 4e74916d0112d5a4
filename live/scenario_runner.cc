#include "live/scenario_runner.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <thread>

#include "live/live_runtime.h"
#include "live/manager.h"
#include "schedulers/scheduler.h"
#include "workloads/fault_plan.h"

namespace drydock::live {
namespace {

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [k, v] : values) {
    const std::string key = "{" + k + "}";
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + v.size()))
      text.replace(pos, key.size(), v);
  }
  return text;
}

void shell(const std::string& command) {
  std::fprintf(stderr, "live: $ %s\n", command.c_str());
  if (std::system(command.c_str()) != 0) std::fprintf(stderr, "live: command failed: %s\n", command.c_str());
}

// The hosts.yaml host a scenario host stands for: the same name, or else the same position.
std::optional<std::size_t> resolve(const Scenario& scenario, const std::vector<LiveHost>& hosts, std::size_t scenario_host) {
  const std::string& name = scenario.hosts[scenario_host].name;
  for (std::size_t i = 0; i < hosts.size(); ++i)
    if (hosts[i].spec.name == name) return i;
  if (scenario_host < hosts.size()) return scenario_host;
  return std::nullopt;
}

bool injectable(FaultSpec::Kind kind) {
  using K = FaultSpec::Kind;
  return kind == K::kHostCrash || kind == K::kHostRecover || kind == K::kHostHang || kind == K::kRandomFailures;
}

}  // namespace

std::vector<std::string> live_refusals(const Scenario& s, const std::vector<LiveHost>& hosts) {
  std::vector<std::string> why;
  for (const auto& [service, dyn] : s.dynamics) {
    if (dyn.load.active())
      why.push_back("services[" + service + "].load: there is no live request traffic yet (drydock run simulates it)");
    if (dyn.autoscale)
      why.push_back("services[" + service + "].autoscale: the HPA needs load samples, and live has no request traffic yet");
  }
  for (const FaultSpec& f : s.faults) {
    const std::string at = "faults: " + std::string(to_string(f.kind)) + " at " + std::to_string(static_cast<long>(f.at)) + " s";
    if (!injectable(f.kind)) why.push_back(at + ": this kind is not injected on live hosts");
    else if (f.hosts.empty() && f.host.empty()) why.push_back(at + ": needs explicit hosts in live mode");
  }
  if (!s.run_times.empty()) why.push_back("trace run times: a replayed trace's per-task run times are not run live");
  // Faults and the autoscaler's pool name scenario hosts; each must stand for a host of hosts.yaml.
  auto unresolved = [&](const std::string& section, std::size_t i) {
    if (!resolve(s, hosts, i))
      why.push_back(section + ": host " + s.hosts[i].name + " matches no host of hosts.yaml by name or position");
  };
  for (const FaultAction& f : plan_faults(s))
    if (f.kind != FaultAction::Kind::kContainerCrash) unresolved("faults", f.host);
  for (std::size_t i : s.cluster_autoscaler.pool_hosts) unresolved("cluster_autoscaler", i);
  bool any_standby = false;
  for (const LiveHost& h : hosts) any_standby = any_standby || h.standby;
  if (s.cluster_autoscaler.enabled) {
    // The pool's hosts that are off at the start must be the standby ones, and only they.
    for (std::size_t k = 0; k < s.cluster_autoscaler.pool_hosts.size(); ++k) {
      const std::size_t i = s.cluster_autoscaler.pool_hosts[k];
      const auto live = resolve(s, hosts, i);
      if (!live) continue;
      const bool off = static_cast<int>(k) >= s.cluster_autoscaler.config.initial_hosts;
      if (off != hosts[*live].standby)
        why.push_back("cluster_autoscaler: pool host " + s.hosts[i].name + " is " + (off ? "off" : "on") +
                      " at the start, so hosts.yaml's " + hosts[*live].spec.name + " must " + (off ? "" : "not ") +
                      "be marked standby: true");
    }
  } else if (any_standby) {
    why.push_back("hosts.yaml: standby hosts need a cluster_autoscaler: section to power them on");
  }
  return why;
}

int run_live_scenario(const LiveRunOptions& a) {
  Scenario scenario = load_scenario(a.scenario);
  if (a.duration > 0) scenario.duration = a.duration;
  // Strict: faults find their host by position ({index}), so a skipped entry would shift them onto
  // the wrong daemon. Any bad entry stops the run before it touches a host.
  const std::vector<LiveHost> hosts = load_hosts_file(a.hosts);
  if (const auto why = live_refusals(scenario, hosts); !why.empty()) {
    std::string message = a.scenario + ": drydock live cannot honour this scenario, and runs none of it:";
    for (const std::string& w : why) message += "\n  " + w;
    throw std::invalid_argument(message);
  }
  auto command = [&](const std::string& templ, std::size_t host, const std::string& mode) {
    return fill(templ, {{"index", std::to_string(host + 1)}, {"mode", mode}, {"host", hosts[host].spec.name},
                        {"count", std::to_string(hosts.size())}, {"hosts", a.hosts}});
  };

  LiveConfig cfg;
  cfg.cluster = a.cluster;
  cfg.agent.probe_period = a.probe_period > 0 ? a.probe_period : scenario.heartbeat.period;
  cfg.control.detector = scenario.detector;
  cfg.control.detector.fixed.period = cfg.agent.probe_period;
  cfg.control.seed = scenario.seed;
  cfg.sample_period = scenario.sample_period;
  cfg.diagnostics = [](const std::string& m) { std::fprintf(stderr, "live: %s\n", m.c_str()); };
  cfg.power = [&a, command](std::size_t host, bool on) {
    shell(command(on ? a.power_on_command : a.power_off_command, host, on ? "on" : "off"));
  };
  auto scheduler = PolicyRegistry::instance().make(scenario.policy, PolicyParams(scenario.policy_params));
  LiveRuntime rt(hosts, std::move(scheduler), cfg);

  // The standby hosts are off at the start, as the scenario's pool hosts are in the simulator.
  std::vector<std::size_t> standby;
  for (std::size_t i = 0; i < hosts.size(); ++i)
    if (hosts[i].standby) standby.push_back(i);
  for (std::size_t i : standby) shell(command(a.power_off_command, i, "off"));
  if (scenario.cluster_autoscaler.enabled) {
    std::vector<std::size_t> pool;
    for (std::size_t i : scenario.cluster_autoscaler.pool_hosts) pool.push_back(*resolve(scenario, hosts, i));
    rt.enable_cluster_autoscaler(scenario.cluster_autoscaler.config, pool);
  }

  // Changes: the driver applies them at their times, as in the simulator.
  std::vector<LiveChange> changes;
  for (const ChangeSpec& c : scenario.changes) {
    LiveChange change{c.at, c.service, c.replicas, {}};
    if (!c.image.empty() && !a.keep_images)  // every service runs the one testbed image: no new version
      std::fprintf(stderr, "live: update of %s to %s needs --keep-images; its image stays\n", c.service.c_str(), c.image.c_str());
    else
      change.image = c.image;
    changes.push_back(change);
  }
  rt.schedule(changes);

  // Faults: the scenario's fault plan, injected for real from this thread (a command may take seconds,
  // which the loop must not wait for); the ground truth is recorded as the simulator records it.
  auto record = [&](EventKind kind, std::size_t host, EventPayload payload) {
    rt.record(make_event(0, kind, {}, {}, hosts[host].spec.name, std::move(payload)));  // the runtime stamps the time
  };
  auto inject = [&](const FaultAction& f) {
    const std::size_t h = *resolve(scenario, hosts, f.host);
    const std::string recover = fill(a.recover_command, {{"count", std::to_string(hosts.size())}, {"hosts", a.hosts},
                                                         {"index", std::to_string(h + 1)}, {"host", hosts[h].spec.name}});
    switch (f.kind) {
      case FaultAction::Kind::kCrash:
        record(EventKind::kFault, h, InjectedFault::kHostCrash);
        shell(command(a.fault_command, h, "kill"));
        rt.host_failed(hosts[h].spec.name, false);
        break;
      case FaultAction::Kind::kRecover:
        record(EventKind::kFault, h, InjectedFault::kHostRecover);
        shell(recover);
        record(EventKind::kHostRecovered, h, EventCause::kReboot);
        break;
      case FaultAction::Kind::kHang:
        record(EventKind::kFault, h, InjectedFault::kHostHang);
        shell(command(a.fault_command, h, "hang"));
        rt.host_failed(hosts[h].spec.name, true);
        break;
      case FaultAction::Kind::kResume:
        shell(command(a.fault_command, h, "resume"));
        record(EventKind::kFault, h, InjectedFault::kHostResume);
        record(EventKind::kHostRecovered, h, EventCause::kResume);
        break;
      default:
        break;  // refused up front (live_refusals)
    }
  };

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
  for (const FaultAction& f : plan_faults(scenario)) {
    if (f.at > scenario.duration) break;
    const double wait = f.at - rt.now();
    if (wait > 0) std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    inject(f);
  }
  const double left = scenario.duration - rt.now();
  if (left > 0) std::this_thread::sleep_for(std::chrono::duration<double>(left));

  const std::string out = a.out.empty() ? "results/live-" + scenario.name : a.out;
  write_live_results(out, rt, scenario.name, scenario.policy, hosts);
  if (!a.keep_running) {
    for (const ServiceSpec& spec : scenario.services) rt.remove(spec.name);
    rt.wait_until([](const ControlPlane& cp) { return cp.replicas().empty(); }, 60);
  }
  rt.stop();
  // Standby hosts are left as they were found: on.
  for (std::size_t i : standby) shell(command(a.power_on_command, i, "on"));
  std::printf("live run of %s on %zu hosts: results in %s/\n", scenario.name.c_str(), hosts.size(), out.c_str());
  return 0;
}

}  // namespace drydock::live
