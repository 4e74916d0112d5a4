#include "test_cluster.h"

namespace drydock::test {

HostId TestCluster::host(double cpu, double memory_mib, Labels labels, double gpu) {
  HostSpec h;
  h.name = "h" + std::to_string(state.host_count());
  h.capacity = {cpu, memory_mib, gpu};
  h.labels = std::move(labels);
  const HostId id = state.add_host(h);
  state.set_schedulable(id, true);
  return id;
}

ServiceId TestCluster::service(ServiceSpec spec) {
  specs.push_back(std::move(spec));
  return ServiceId(static_cast<ServiceId::repr>(specs.size() - 1));
}

std::vector<PlacementRequest> TestCluster::requests(ServiceId s, int count) {
  std::vector<PlacementRequest> out;
  for (int i = 0; i < count; ++i) out.push_back({ReplicaId(next_replica++), s, &specs[s.value]});
  return out;
}

std::vector<PlacementDecision> TestCluster::place(Scheduler& policy, const std::vector<PlacementRequest>& batch,
                                                  std::uint64_t seed) {
  Rng rng(seed);
  return policy.place(state, batch, rng);
}

std::vector<std::uint32_t> TestCluster::per_host(ServiceId s) const {
  std::vector<std::uint32_t> out(state.host_count(), 0);
  for (std::size_t h = 0; h < out.size(); ++h) out[h] = state.service_count(s, HostId(static_cast<HostId::repr>(h)));
  return out;
}

ServiceSpec svc(const std::string& name, double cpu, double memory_mib, int replicas) {
  ServiceSpec s;
  s.name = name;
  s.request = {cpu, memory_mib, 0};
  s.replicas = replicas;
  return s;
}

std::unique_ptr<Scheduler> policy(const std::string& name, std::map<std::string, std::string> params) {
  return PolicyRegistry::instance().make(name, PolicyParams(std::move(params)));
}

}  // namespace drydock::test
