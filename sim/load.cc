#include "sim/load.h"

namespace drydock::sim {

LoadDriver::LoadDriver(const Scenario& scenario) {
  for (std::size_t i = 0; i < scenario.services.size(); ++i) {
    auto it = scenario.dynamics.find(scenario.services[i].name);
    if (it == scenario.dynamics.end() || !it->second.load.active()) continue;
    // The first sync one period in: the HPA needs replicas running before it has a metric.
    services_.push_back({i, &it->second, it->second.autoscale ? it->second.hpa.sync_period : kNever});
  }
}

Time LoadDriver::next_due() const {
  Time t = kNever;
  for (const Entry& e : services_) t = std::min(t, e.next_sync);
  return t;
}

ServiceLoad LoadDriver::evaluate(const World& world, const Entry& e, Time now) const {
  int serving = 0, stuck = 0;
  for (const auto& [id, c] : world.containers) {
    if (c.service.value != e.service || !c.running || !world.host_on[c.host.value]) continue;
    ++(world.hung[c.host.value] ? stuck : serving);
  }
  return evaluate_load(e.dyn->load.at_time(now), serving, stuck, e.dyn->balancer, e.dyn->queue);
}

std::vector<obs::LoadSample> LoadDriver::measure(const World& world, Time now) {
  std::vector<obs::LoadSample> out;
  for (Entry& e : services_) {
    if (e.next_sync > now) continue;
    e.next_sync += e.dyn->hpa.sync_period;
    const ServiceId id(static_cast<ServiceId::repr>(e.service));
    const ServiceLoad load = evaluate(world, e, now);
    int ready = 0;
    for (const auto& [rid, c] : world.containers)
      ready += c.service == id && c.running && world.host_on[c.host.value] && !world.hung[c.host.value];
    out.push_back(obs::LoadSample{id, load.offered, load.utilization, ready});
  }
  return out;
}

void LoadDriver::sample(const World& world, Time now, std::vector<Sample>& out) const {
  for (const Entry& e : services_) {
    const std::string& name = world.service_names[e.service];
    const ServiceLoad load = evaluate(world, e, now);
    auto add = [&](const char* metric, double value) { out.push_back({now, "service", name, metric, value}); };
    add("request_rate", load.offered);
    add("served_rate", load.served);
    add("dropped_rate", load.dropped);
    add("utilization", load.utilization);
    if (load.has_latency) {
      add("latency_p50", load.latency_p50);
      add("latency_p99", load.latency_p99);
    }
    if (e.dyn->slo_p99 > 0) {
      // Violated when the p99 is over the objective, or when more than 0.1 % of requests are lost.
      const bool violated = !load.has_latency || load.latency_p99 > e.dyn->slo_p99 || load.dropped > 1e-3 * load.offered;
      add("slo_violated", violated ? 1 : 0);
    }
  }
}

}  // namespace drydock::sim
