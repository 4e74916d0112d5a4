#include "sim/platform.h"

namespace drydock::sim {
namespace s4u = simgrid::s4u;

namespace {

// A host with its own full-duplex link to the switch.
s4u::Host* add_host(s4u::NetZone* zone, const std::string& name, double bandwidth, double latency) {
  s4u::Host* host = zone->create_host(name, 1e9);
  s4u::Link* link = zone->create_split_duplex_link(name + "-link", bandwidth)->set_latency(latency);
  zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr,
                  {s4u::LinkInRoute(link, s4u::LinkInRoute::Direction::UP)}, true);  // symmetrical: DOWN back
  return host;
}

}  // namespace

Platform build_platform(const Scenario& scenario) {
  s4u::NetZone* zone = s4u::create_star_zone("cluster");
  Platform p;
  p.manager = add_host(zone, "manager", scenario.network.bandwidth, scenario.network.latency);
  p.registry = add_host(zone, "registry", scenario.registry_bandwidth, scenario.network.latency);
  p.workers.reserve(scenario.hosts.size());
  for (const auto& h : scenario.hosts)
    p.workers.push_back(add_host(zone, h.name, scenario.network.bandwidth, scenario.network.latency));
  zone->seal();
  return p;
}

}  // namespace drydock::sim
