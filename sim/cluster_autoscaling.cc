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
  world.joined[host.value] = true;
  // The control plane waits for its first heartbeat.
  world.beats->set_prompt(host, true, simgrid::s4u::Engine::get_clock());
  world.record(EventKind::kHostJoined, {}, {}, host, "cluster autoscaler");
  start_host_agent(world, host, false);
}

void power_off_host(World& world, HostId host) {
  if (!world.host_on[host.value]) return;
  world.images[host.value].clear();  // a fresh machine next time: no image cache
  // The autoscaler removes only hosts that hold nothing; a container still there (a stop in flight)
  // ends with the machine, as on a real scale down.
  switch_off_host(world, host, "host removed");
}

}  // namespace drydock::sim
