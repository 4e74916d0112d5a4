#include "sim/manager.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <cstdio>

#include "control/overloaded.h"
#include "sim/cluster_autoscaling.h"
#include "sim/heartbeat_clock.h"
#include "sim/host_agent.h"
#include "sim/invariants.h"
#include "sim/load.h"

namespace drydock::sim {
namespace s4u = simgrid::s4u;

namespace {

void execute(World& world, const std::vector<Action>& actions) {
  for (const Action& a : actions)
    std::visit(Overloaded{
                   [&](const act::StartReplica& s) { start_container(world, s.replica, s.service, s.host); },
                   [&](const act::StopReplica& s) {
                     if (s.service.valid()) stop_container(world, s.replica, s.service, s.host);
                   },
               },
               a);
}

// One row per metric per sample time: cluster totals, and per service and per host when there are at
// most this many of them.
constexpr std::size_t kRowsPerSampleLimit = 200;

// One row per metric per sample time: cluster totals, per service, and per host for small clusters.
void sample(World& world, const ControlPlane& control, Time now) {
  const ClusterState& cluster = control.cluster();
  Resources capacity_up, allocated, used;
  std::size_t hosts_up = 0;
  std::vector<int> running_on(cluster.host_count(), 0);
  std::vector<int> running_of(world.service_names.size(), 0);
  for (const auto& [id, c] : world.containers) {
    if (!c.running) continue;
    ++running_on[c.host.value];
    ++running_of[c.service.value];
    used += world.scenario->services[c.service.value].request;
  }
  for (std::size_t i = 0; i < cluster.host_count(); ++i) {
    const HostId h(static_cast<HostId::repr>(i));
    if (!world.host_on[i]) continue;
    ++hosts_up;
    capacity_up += cluster.capacity(h);
    allocated += cluster.allocated(h);
  }
  auto add = [&](const char* scope, const std::string& name, const char* metric, double value) {
    world.samples.push_back({now, scope, name, metric, value});
  };
  auto frac = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  add("cluster", "all", "hosts_up", static_cast<double>(hosts_up));
  add("cluster", "all", "hosts_in_use", static_cast<double>(std::count_if(running_on.begin(), running_on.end(), [](int n) { return n > 0; })));
  add("cluster", "all", "cpu_allocated", frac(allocated.cpu, capacity_up.cpu));
  add("cluster", "all", "memory_allocated", frac(allocated.memory_mib, capacity_up.memory_mib));
  add("cluster", "all", "cpu_used", frac(used.cpu, capacity_up.cpu));
  add("cluster", "all", "memory_used", frac(used.memory_mib, capacity_up.memory_mib));
  int running_total = 0;
  for (int n : running_of) running_total += n;
  add("cluster", "all", "replicas_running", running_total);
  // Per-service and per-host rows only for clusters a person reads row by row: a trace replay has
  // thousands of jobs and machines, and a row per job per sample would be gigabytes (totals above).
  if (world.service_names.size() <= kRowsPerSampleLimit) {
    for (std::size_t s = 0; s < world.service_names.size(); ++s) {
      const ServiceId sid(static_cast<ServiceId::repr>(s));
      add("service", world.service_names[s], "desired", control.service(sid).spec.replicas);
      add("service", world.service_names[s], "running", running_of[s]);
    }
  }
  if (cluster.host_count() <= kRowsPerSampleLimit) {
    for (std::size_t i = 0; i < cluster.host_count(); ++i) {
      const HostId h(static_cast<HostId::repr>(i));
      const std::string& name = cluster.host(h).name;
      add("host", name, "up", world.host_on[i] ? 1 : 0);
      add("host", name, "cpu_allocated", frac(cluster.allocated(h).cpu, cluster.capacity(h).cpu));
      add("host", name, "memory_allocated", frac(cluster.allocated(h).memory_mib, cluster.capacity(h).memory_mib));
      add("host", name, "replicas_running", running_on[i]);
    }
  }
}

}  // namespace

void run_manager(World& world, ControlPlane& control, const SimOptions& options, SimPerf& perf) {
  const Scenario& scenario = *world.scenario;
  s4u::MutexPtr mutex = s4u::Mutex::create();
  s4u::ConditionVariablePtr wake = s4u::ConditionVariable::create();
  world.inbox.set_waker(wake);
  std::unique_lock lock(*mutex);

  // Services are created once the hosts' first heartbeats are in: the cluster exists before the
  // user's `service create`, as in a real deployment.
  s4u::this_actor::sleep_for(world.message_latency());
  std::map<std::string, ServiceId> service_ids;
  for (const ServiceSpec& spec : scenario.services)
    service_ids[spec.name] = control.apply_service(spec, s4u::Engine::get_clock());
  std::vector<ChangeSpec> changes = scenario.changes;
  std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  std::size_t next_change = 0;
  Time next_sample = 0;
  LoadDriver load(scenario);  // request traffic and HPAs, for services that have them
  InvariantCadence cadence;
  ClusterAutoscalerDriver autoscaler(scenario);  // pool hosts on and off, when the scenario has one
  auto last_progress = std::chrono::steady_clock::now();

  for (;;) {
    const Time now = s4u::Engine::get_clock();
    world.beats->advance(now);  // heartbeats are computed, not sent by actors (sim/heartbeat_clock.h)
    while (world.inbox.has_due(now)) {
      auto [at, observation] = world.inbox.pop();
      control.observe(observation, at);
      ++perf.sim_events;
      cadence.worked(1);
    }
    world.inbox.forget_prompts_until(now);
    for (; next_change < changes.size() && changes[next_change].at <= now; ++next_change) {
      const ChangeSpec& c = changes[next_change];
      const ServiceId id = service_ids.at(c.service);  // names validated at load
      if (c.replicas >= 0) control.scale(id, c.replicas, now);
      if (!c.image.empty()) {  // a new version: the control plane rolls it out
        ServiceSpec spec = control.service(id).spec;
        spec.image = c.image;
        if (c.image_bytes > 0) spec.image_bytes = c.image_bytes;
        world.specs[id.value].push_back(spec);  // new starts pull and run it
        control.apply_service(spec, now);
      }
    }

    load.tick(world, control, now);
    autoscaler.tick(world, control, now);

    // Step until the control plane has nothing more to do at this instant (a step can free capacity
    // that a second step uses); bounded, so a bug cannot spin forever.
    for (int round = 0; round < 8; ++round) {
      const auto t0 = std::chrono::steady_clock::now();
      const std::uint64_t before = control.decisions();
      std::vector<Action> actions = control.step(now);
      perf.step_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      perf.decisions += control.decisions() - before;
      perf.sim_events += actions.size();
      cadence.worked(actions.size());
      execute(world, actions);
      bool health_changed = false;
      for (Event& e : control.take_events()) {
        health_changed = health_changed || e.kind == EventKind::kHostReady || e.kind == EventKind::kHostSuspected ||
                         e.kind == EventKind::kHostDeclaredDown;
        if (e.kind == EventKind::kHostDeclaredDown || (e.kind == EventKind::kRemoved && e.detail == "start timed out"))
          world.last_loss = e.time;  // replicas lost by a verdict, true or false (sim/invariants.h)
        world.log.push_back(std::move(e));
      }
      if (health_changed)
        for (std::size_t h = 0; h < world.prompt_heartbeat.size(); ++h) {
          const HostId host(static_cast<HostId::repr>(h));
          world.beats->set_prompt(host, control.host_health(host) != HostHealth::kAlive, now);
        }
      if (control.next_wakeup() > now) break;
    }

    // Instants are checked against the invariants (sim/invariants.h: every one on small models); a
    // violation stops the run.
    const bool last = now >= scenario.duration;
    if (last || (!cadence.idle(world.log.size()) &&
                 cadence.due(control.cluster().host_count() + control.service_count() + control.replicas().size() +
                             world.containers.size()))) {
      try {
        check_invariants(world, control, now);
        cadence.checked(world.log.size(), now, 2 * world.message_latency() + 1e-9);
      } catch (const InvariantViolation& e) {
        world.violation = e.what();
        break;
      }
    }

    if (now >= next_sample) {
      sample(world, control, now);
      load.sample(world, now, world.samples);
      next_sample += scenario.sample_period;
    }
    if (options.progress && std::chrono::steady_clock::now() - last_progress > std::chrono::seconds(1)) {
      last_progress = std::chrono::steady_clock::now();
      std::fprintf(stderr, "\r[sim] t=%.0f/%.0f s, %zu events", now, scenario.duration, world.log.size());
    }
    if (last) break;

    // Everything but the control plane's own deadlines, which the loop below moves.
    Time others = std::min({world.inbox.next_prompt(), world.beats->next_prompt_delivery(), next_sample,
                            scenario.duration, load.next_due(), autoscaler.next_due()});
    if (next_change < changes.size()) others = std::min(others, changes[next_change].at);
    Time until = std::min(others, control.next_wakeup());
    // A heartbeat of a host the control plane sees alive, due before the next instant, can only push
    // that host's detector deadline back (no event, no action): deliver it now, with its own time, and
    // the manager does not wake for a deadline it was about to move. Exact: every deadline is at or
    // after `until`, and nothing else happens before it. At 12,500 hosts this saves a wakeup per beat.
    while (const std::optional<HostId> beat = world.inbox.next_lazy_heartbeat(until)) {
      const HostId host = *beat;
      if (host.value < control.cluster().host_count() && control.host_health(host) != HostHealth::kAlive) break;
      auto [when, observation] = world.inbox.pop();
      control.observe(observation, when);
      ++perf.sim_events;
      cadence.worked(1);
      until = std::min(others, control.next_wakeup());
    }
    // Never wait for a time already past: that would spin at `now` for ever.
    if (until <= now) until = std::nextafter(now, kNever);
    wake->wait_until(lock, until);
  }
  perf.invariant_checks = cadence.checks();
  if (options.progress) std::fprintf(stderr, "\r[sim] t=%.0f/%.0f s, %zu events\n", scenario.duration, scenario.duration, world.log.size());
  // The run is over: stop every actor (agents heartbeat forever) so that the engine returns.
  s4u::Actor::kill_all();
}

}  // namespace drydock::sim
