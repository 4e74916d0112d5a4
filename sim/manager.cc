#include "sim/manager.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "control/driver.h"
#include "control/overloaded.h"
#include "sim/cluster_autoscaling.h"
#include "sim/heartbeat_clock.h"
#include "sim/host_agent.h"
#include "sim/invariants.h"
#include "sim/load.h"

namespace drydock::sim {
namespace s4u = simgrid::s4u;

namespace {

// The simulator as a runtime of the one driver (control/driver.h): messages reach the manager through
// the world's inbox, actions become container starts and stops and hosts switched on or off, the
// ground truth is the world's container table, and waiting is sleeping in virtual time.
class SimRuntime final : public Runtime {
 public:
  SimRuntime(World& world, const ControlPlane& control, const SimOptions& options, const Driver* driver)
      : world_(world), control_(control), options_(options), driver_(driver), load_(*world.scenario) {
    mutex_ = s4u::Mutex::create();
    wake_ = s4u::ConditionVariable::create();
    world_.inbox.set_waker(wake_);
    lock_ = std::unique_lock(*mutex_);
  }
  void set_driver(const Driver* driver) { driver_ = driver; }

  Time now() const override { return s4u::Engine::get_clock(); }

  void poll(Time now, const Deliver& deliver) override {
    world_.beats->advance(now);  // heartbeats are computed, not sent by actors (sim/heartbeat_clock.h)
    while (world_.inbox.has_due(now)) {
      auto [at, observation] = world_.inbox.pop();
      deliver(observation, at);
    }
    world_.inbox.forget_prompts_until(now);
    // Request traffic: the load each autoscaled service's HPA will read at its sync (a metrics pipeline).
    for (const obs::LoadSample& sample : load_.measure(world_, now)) deliver(sample, now);
  }

  void execute(const Action& action, Time now) override {
    (void)now;
    std::visit(Overloaded{
                   [&](const act::StartReplica& s) { start_container(world_, s.replica, s.service, s.host); },
                   [&](const act::StopReplica& s) {
                     if (s.service.valid()) stop_container(world_, s.replica, s.service, s.host);
                   },
                   [&](const act::PowerOnHost& p) {
                     boot_host(world_, p.host, world_.scenario->cluster_autoscaler.config.boot_delay);
                   },
                   [&](const act::PowerOffHost& p) { power_off_host(world_, p.host); },
               },
               action);
  }

  GroundTruth ground_truth() const override {
    GroundTruth truth;
    truth.host_up = world_.host_on;
    for (const auto& [id, c] : world_.containers)
      if (c.running) truth.running.push_back({c.host, c.service});
    return truth;
  }

  void wait_until(Time t) override { wake_->wait_until(lock_, t); }

  Time next_input() const override {
    return std::min({world_.inbox.next_prompt(), world_.beats->next_prompt_delivery(), load_.next_due()});
  }

  // A heartbeat of a host the control plane sees alive, due before the next instant, can only push that
  // host's detector deadline back (no event, no action): deliver it now, with its own time, and the
  // manager does not wake for a deadline it was about to move. Exact: every deadline is at or after
  // `until`, and nothing else happens before it. At 12,500 hosts this saves a wakeup per beat.
  Time before_wait(Time others, Time until, const Deliver& deliver) override {
    while (const std::optional<HostId> beat = world_.inbox.next_lazy_heartbeat(until)) {
      const HostId host = *beat;
      if (host.value < control_.cluster().host_count() && control_.host_health(host) != HostHealth::kAlive) break;
      auto [when, observation] = world_.inbox.pop();
      deliver(observation, when);
      until = std::min(others, control_.next_wakeup());
    }
    return until;
  }

  void on_events(const std::vector<Event>& events, Time now) override {
    for (const Event& e : events)
      if (e.kind == EventKind::kHostDeclaredDown || (e.kind == EventKind::kRemoved && e.detail == "start timed out"))
        world_.last_loss = e.time;  // replicas lost by a verdict, true or false (sim/invariants.h)
    const bool health_changed = std::any_of(events.begin(), events.end(), [](const Event& e) {
      return e.kind == EventKind::kHostReady || e.kind == EventKind::kHostSuspected ||
             e.kind == EventKind::kHostDeclaredDown;
    });
    if (!health_changed) return;
    for (std::size_t h = 0; h < world_.prompt_heartbeat.size(); ++h) {
      const HostId host(static_cast<HostId::repr>(h));
      world_.beats->set_prompt(host, control_.host_health(host) != HostHealth::kAlive, now);
    }
  }

  // Instants are checked against the invariants (sim/invariants.h: every one on small models); a
  // violation stops the run.
  bool after_instant(Time now, bool last) override {
    const DriverStats& stats = driver_->stats();
    cadence_.worked(stats.observations + stats.actions - work_seen_);
    work_seen_ = stats.observations + stats.actions;
    if (last || cadence_.due(control_.cluster().host_count() + control_.replicas().size() + world_.containers.size())) {
      try {
        check_invariants(world_, control_, now);
        cadence_.checked();
      } catch (const InvariantViolation& e) {
        world_.violation = e.what();
        return false;
      }
    }
    if (options_.progress && std::chrono::steady_clock::now() - last_progress_ > std::chrono::seconds(1)) {
      last_progress_ = std::chrono::steady_clock::now();
      std::fprintf(stderr, "\r[sim] t=%.0f/%.0f s, %zu events", now, world_.scenario->duration, world_.log.size());
    }
    return true;
  }

  void sample_more(Time now, std::vector<Sample>& out) override { load_.sample(world_, now, out); }

  double stopwatch() const override {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }

  std::uint64_t invariant_checks() const { return cadence_.checks(); }

 private:
  World& world_;
  const ControlPlane& control_;
  const SimOptions& options_;
  const Driver* driver_;
  LoadDriver load_;
  InvariantCadence cadence_;
  std::uint64_t work_seen_ = 0;
  std::chrono::steady_clock::time_point last_progress_ = std::chrono::steady_clock::now();
  s4u::MutexPtr mutex_;
  s4u::ConditionVariablePtr wake_;
  std::unique_lock<s4u::Mutex> lock_;
};

}  // namespace

void run_manager(World& world, ControlPlane& control, const SimOptions& options, SimPerf& perf) {
  const Scenario& scenario = *world.scenario;
  SimRuntime runtime(world, control, options, nullptr);

  // Services are created once the hosts' first heartbeats are in: the cluster exists before the
  // user's `service create`, as in a real deployment.
  s4u::this_actor::sleep_for(world.message_latency());
  std::map<std::string, ServiceId> service_ids;
  for (const ServiceSpec& spec : scenario.services) {
    const ServiceId id = control.apply_service(spec, s4u::Engine::get_clock());
    service_ids[spec.name] = id;
    auto dyn = scenario.dynamics.find(spec.name);
    if (dyn != scenario.dynamics.end() && dyn->second.load.active() && dyn->second.autoscale)
      control.apply_autoscaler(id, dyn->second.hpa, s4u::Engine::get_clock());
  }

  DriverConfig config;
  config.end = scenario.duration;
  config.sample_period = scenario.sample_period;
  Driver driver(control, runtime, config, world.log, world.samples);
  runtime.set_driver(&driver);
  std::vector<TimedChange> changes;
  for (const ChangeSpec& c : scenario.changes)
    changes.push_back({c.at, [&world, &control, &service_ids, c](Time now) {
                         const ServiceId id = service_ids.at(c.service);  // names validated at load
                         if (c.replicas >= 0) control.scale(id, c.replicas, now);
                         if (!c.image.empty()) {  // a new version: the control plane rolls it out
                           ServiceSpec spec = control.service(id).spec;
                           spec.image = c.image;
                           if (c.image_bytes > 0) spec.image_bytes = c.image_bytes;
                           world.specs[id.value].push_back(spec);  // new starts pull and run it
                           control.apply_service(spec, now);
                         }
                       }});
  driver.schedule(std::move(changes));
  driver.run();

  perf.step_seconds += driver.stats().step_seconds;
  perf.decisions += driver.stats().decisions;
  perf.sim_events += driver.stats().observations + driver.stats().actions;
  perf.invariant_checks = runtime.invariant_checks();
  if (options.progress)
    std::fprintf(stderr, "\r[sim] t=%.0f/%.0f s, %zu events\n", scenario.duration, scenario.duration, world.log.size());
  // The run is over: stop every actor (agents heartbeat forever) so that the engine returns.
  s4u::Actor::kill_all();
}

}  // namespace drydock::sim
