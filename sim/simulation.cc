#include "sim/simulation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <string>

#include "control/control_plane.h"
#include "schedulers/scheduler.h"
#include "sim/container_timeline.h"
#include "sim/faults.h"
#include "sim/heartbeat_clock.h"
#include "sim/host_agent.h"
#include "sim/invariants.h"
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
  config.detector = scenario.detector;
  config.detector.fixed.period = scenario.heartbeat.period;  // even if changed after loading
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
  world.start_queues.assign(scenario.hosts.size(), StartQueue(scenario.start_interval));
  world.hung.assign(scenario.hosts.size(), false);
  world.frozen_total.assign(scenario.hosts.size(), 0);
  world.hung_since.assign(scenario.hosts.size(), 0);
  world.resume_at.assign(scenario.hosts.size(), kNever);
  world.partitioned.assign(scenario.hosts.size(), false);
  HeartbeatClock beats(world, scenario.hosts.size());
  world.beats = &beats;
  // The longest interval between two beats of a running host, with a microsecond to spare for rounding
  // (beat times are sums of doubles; their error stays far below that over any run).
  const Time max_interval = scenario.heartbeat.period + std::abs(scenario.heartbeat.jitter) + 1e-6;
  beats.set_withhold_steady(options.withhold_steady_heartbeats &&
                            control.detector().exact_with_withheld_beats(max_interval));
  world.agent_epoch.assign(scenario.hosts.size(), 0);
  world.rejoined_at.assign(scenario.hosts.size(), -kNever);
  Rng seeder(scenario.seed ^ 0xD2D0C0ULL);
  for (std::size_t i = 0; i < scenario.hosts.size(); ++i) world.host_rng.push_back(seeder.fork(i));
  for (const auto& s : scenario.services) {
    world.service_names.push_back(s.name);
    world.specs.push_back({s});
    auto it = scenario.run_times.find(s.name);
    world.run_times.push_back(it == scenario.run_times.end() ? nullptr : &it->second);
  }
  world.starts.assign(scenario.services.size(), 0);
  world.joined.assign(scenario.hosts.size(), false);
  world.crashed.assign(scenario.hosts.size(), false);

  std::map<std::string, HostId> host_ids;
  for (std::size_t i = 0; i < scenario.hosts.size(); ++i) {
    const HostId id = control.register_host(scenario.hosts[i], 0);
    host_ids[scenario.hosts[i].name] = id;
    if (i < scenario.host_off_at_start.size() && scenario.host_off_at_start[i]) {
      // Exists in the platform (fixed once built) but joins later, through a host_recover fault.
      world.host_on[i] = false;
      platform.workers[i]->turn_off();
      continue;
    }
    world.joined[i] = true;
    world.record(EventKind::kHostJoined, {}, {}, id);
    start_host_agent(world, id, false);
  }

  if (scenario.cluster_autoscaler.enabled) {
    std::vector<HostId> pool;  // ids follow Scenario::hosts
    for (std::size_t i : scenario.cluster_autoscaler.pool_hosts) pool.push_back(HostId(static_cast<HostId::repr>(i)));
    control.enable_cluster_autoscaler(scenario.cluster_autoscaler.config, std::move(pool));
  }

  ContainerTimeline timeline;
  world.timeline = &timeline;
  timeline.start(world, platform.manager);

  SimResult result;
  s4u::Actor::create("manager", platform.manager, [&] { run_manager(world, control, options, result.perf); });
  // Faults are injected by an actor of their own, on the manager's host, at their scheduled times.
  s4u::Actor::create("faults", platform.manager, [&] { run_fault_plan(world, plan_faults(scenario)); });
  engine.run();
  if (!world.violation.empty()) result.invariant_violation = scenario.file + ": " + world.violation;

  // Events were appended as they happened; the control plane's are stamped with the time it decided.
  std::stable_sort(world.log.begin(), world.log.end(), [](const Event& a, const Event& b) { return a.time < b.time; });
  result.events = std::move(world.log);
  result.samples = std::move(world.samples);
  result.perf.sim_events += world.heartbeats + result.events.size();
  result.perf.heartbeats_withheld = beats.withheld();
  result.perf.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  RunInfo& info = result.info;
  info.scenario = scenario.name;
  info.runtime = "sim";
  info.policy = scenario.policy;
  info.policy_params = scenario.policy_params;
  info.seed = scenario.seed;
  info.duration = scenario.duration;
  for (const auto& h : scenario.hosts) info.hosts[h.name] = h.capacity;
  for (const auto& s : scenario.services) info.services[s.name] = s.request;
  info.detector = control.detector().describe();
  return result;
}

}  // namespace drydock::sim
