#include "sim/cluster_autoscaling.h"

#include "sim/heartbeat_clock.h"
#include "sim/host_agent.h"

namespace drydock::sim {
namespace s4u = simgrid::s4u;

ClusterAutoscalerDriver::ClusterAutoscalerDriver(const Scenario& scenario) {
  const ClusterAutoscalerSpec& spec = scenario.cluster_autoscaler;
  if (!spec.enabled) return;
  std::vector<HostId> pool;
  for (std::size_t i : spec.pool_hosts) pool.push_back(HostId(static_cast<HostId::repr>(i)));  // ids follow Scenario::hosts
  autoscaler_.emplace(spec.config, std::move(pool));
}

void ClusterAutoscalerDriver::tick(World& world, ControlPlane& control, Time now) {
  if (!autoscaler_ || now < autoscaler_->next_scan()) return;
  const AutoscalerDecision d = autoscaler_->scan(control, now);
  const Time boot = autoscaler_->config().boot_delay;
  for (HostId h : d.add) {
    control.set_host_retired(h, false, now);
    world.record(EventKind::kHostAdded, {}, {}, h, d.add_reason);
    s4u::Actor::create("boot", world.manager, [&world, h, boot] {
      s4u::this_actor::sleep_for(boot);
      power_on_host(world, h);
    });
  }
  for (HostId h : d.drain) control.drain_host(h, now);  // the stops go out with the next step
  for (std::size_t i = 0; i < d.remove.size(); ++i) {
    const HostId h = d.remove[i];
    control.set_host_retired(h, true, now);  // before it goes silent: no suspicion, nothing placed there
    world.record(EventKind::kHostRemoved, {}, {}, h, d.remove_reason[i]);
    power_off_host(world, h);
  }
}

void power_on_host(World& world, HostId host) {
  if (world.host_on[host.value]) return;
  world.hosts[host.value]->turn_on();
  world.host_on[host.value] = true;
  world.joined[host.value] = true;
  // The control plane waits for its first heartbeat.
  world.beats->set_prompt(host, true, simgrid::s4u::Engine::get_clock());
  world.record(EventKind::kHostJoined, {}, {}, host, EventCause::kClusterAutoscaler);
  start_host_agent(world, host, false);
}

void power_off_host(World& world, HostId host) {
  if (!world.host_on[host.value]) return;
  // The autoscaler removes only hosts that hold nothing; a container still there (a stop in flight)
  // ends with the machine, as on a real scale down.
  switch_off_host(world, host, EventCause::kHostRemoved);
  // A fresh machine next time: no image cache. The entries stay (not cleared): a start or pull actor
  // killed above may still be registered with their mutex and condition variable, which SimGrid
  // refuses to destroy while in use.
  for (auto& [name, image] : world.images[host.value]) {
    image.status = ImageState::Status::kAbsent;
    image.transfer = nullptr;
  }
}

}  // namespace drydock::sim
