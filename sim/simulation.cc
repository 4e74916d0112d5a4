#include "sim/simulation.h"

#include <algorithm>
#include <chrono>
#include <string>

#include "control/control_plane.h"
#include "schedulers/scheduler.h"
#include "sim/host_agent.h"
#include "sim/manager.h"
#include "sim/platform.h"

namespace drydock::sim {
namespace s4u = simgrid::s4u;

SimResult simulate(const Scenario& scenario, const SimOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  // SimGrid wants argc/argv; the log threshold keeps its own chatter off the user's terminal.
  static int argc = 2;
  static char arg0[] = "drydock";
  static char arg1[] = "--log=root.thresh:critical";
  static char* argv[] = {arg0, arg1, nullptr};
  s4u::Engine engine(&argc, argv);
  const Platform platform = build_platform(scenario);

  ControlConfig config;
  config.detector.period = scenario.heartbeat.period;
  config.detector.suspect_after = scenario.suspect_after;
  config.detector.down_after = scenario.down_after;
  config.seed = scenario.seed;
  ControlPlane control(config, PolicyRegistry::instance().make(scenario.policy, PolicyParams(scenario.policy_params)));

  World world;
  world.scenario = &scenario;
  world.hosts = platform.workers;
  world.registry = platform.registry;
  world.manager = platform.manager;
  world.host_on.assign(scenario.hosts.size(), true);
  world.prompt_heartbeat.assign(scenario.hosts.size(), true);
  world.images.resize(scenario.hosts.size());
  Rng seeder(scenario.seed ^ 0xD2D0C0ULL);
  for (std::size_t i = 0; i < scenario.hosts.size(); ++i) world.host_rng.push_back(seeder.fork(i));
  for (const auto& s : scenario.services) world.service_names.push_back(s.name);

  for (const auto& h : scenario.hosts) {
    const HostId id = control.register_host(h, 0);
    world.record(EventKind::kHostJoined, {}, {}, id);
  }
  for (std::size_t i = 0; i < scenario.hosts.size(); ++i) start_host_agent(world, HostId(static_cast<HostId::repr>(i)), false);

  SimResult result;
  s4u::Actor::create("manager", platform.manager, [&] { run_manager(world, control, options, result.perf); });
  // Faults are injected by an actor of their own, on the manager's host, at their scheduled times.
  s4u::Actor::create("faults", platform.manager, [&] {
    std::vector<FaultSpec> faults = scenario.faults;
    std::stable_sort(faults.begin(), faults.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    for (const FaultSpec& f : faults) {
      s4u::this_actor::sleep_until(f.at);
      HostId host;
      for (std::size_t i = 0; i < scenario.hosts.size(); ++i)
        if (scenario.hosts[i].name == f.host) host = HostId(static_cast<HostId::repr>(i));
      const bool crash = f.kind == FaultSpec::Kind::kHostCrash;
      world.record(EventKind::kFault, {}, {}, host, crash ? "host_crash" : "host_recover");
      if (crash) crash_host(world, host);
      else recover_host(world, host);
    }
  });
  engine.run();

  // Events were appended as they happened; the control plane's are stamped with the time it decided.
  std::stable_sort(world.log.begin(), world.log.end(), [](const Event& a, const Event& b) { return a.time < b.time; });
  result.events = std::move(world.log);
  result.samples = std::move(world.samples);
  result.perf.sim_events += world.heartbeats + result.events.size();
  result.perf.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  RunInfo& info = result.info;
  info.scenario = scenario.name;
  info.runtime = "sim";
  info.policy = scenario.policy;
  info.seed = scenario.seed;
  info.duration = scenario.duration;
  for (const auto& h : scenario.hosts) info.hosts[h.name] = h.capacity;
  for (const auto& s : scenario.services) info.services[s.name] = s.request;
  info.detector = control.detector().describe();
  return result;
}

}  // namespace drydock::sim
