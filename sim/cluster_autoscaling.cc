#include "sim/cluster_autoscaling.h"

#include "sim/heartbeat_clock.h"
#include "sim/host_agent.h"

namespace drydock::sim {
namespace s4u = simgrid::s4u;

void boot_host(World& world, HostId host, Time boot_delay) {
  s4u::Actor::create("boot", world.manager, [&world, host, boot_delay] {
    s4u::this_actor::sleep_for(boot_delay);
    power_on_host(world, host);
  });
}

void power_on_host(World& world, HostId host) {
  if (world.host_on[host.value]) return;
  world.hosts[host.value]->turn_on();
  world.host_on[host.value] = true;
  world.crashed[host.value] = false;
  // A machine that was up before (it crashed, or was removed) registers afresh with the containers it
  // runs, none: the control plane learns that the replicas it still counts there are gone.
  const bool rejoining = world.joined[host.value];
  world.joined[host.value] = true;
  if (rejoining) world.rejoined_at[host.value] = simgrid::s4u::Engine::get_clock();
  // The control plane waits for its first heartbeat.
  world.beats->set_prompt(host, true, simgrid::s4u::Engine::get_clock());
  world.record(EventKind::kHostJoined, {}, {}, host, "cluster autoscaler");
  start_host_agent(world, host, rejoining);
}

void power_off_host(World& world, HostId host) {
  if (!world.host_on[host.value]) return;
  // The autoscaler removes only hosts that hold nothing; a container still there (a stop in flight)
  // ends with the machine, as on a real scale down.
  switch_off_host(world, host, "host removed");
  // A fresh machine next time: no image cache. The entries stay (not cleared): a start or pull actor
  // killed above may still be registered with their mutex and condition variable, which SimGrid
  // refuses to destroy while in use.
  for (auto& [name, image] : world.images[host.value]) image.status = ImageState::Status::kAbsent;
}

}  // namespace drydock::sim
