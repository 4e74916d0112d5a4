#include "control/sampler.h"

#include <algorithm>

namespace drydock {

void sample_cluster(const ControlPlane& control, const GroundTruth& truth, Time now, std::vector<Sample>& out) {
  const ClusterState& cluster = control.cluster();
  Resources capacity_up, allocated, used;
  std::size_t hosts_up = 0;
  std::vector<int> running_on(cluster.host_count(), 0);
  std::vector<int> running_of(control.service_count(), 0);
  for (const auto& [host, service] : truth.running) {
    ++running_on[host.value];
    ++running_of[service.value];
    used += control.service(service).spec.request;
  }
  for (std::size_t i = 0; i < cluster.host_count(); ++i) {
    const HostId h(static_cast<HostId::repr>(i));
    if (!truth.host_up[i]) continue;
    ++hosts_up;
    capacity_up += cluster.capacity(h);
    allocated += cluster.allocated(h);
  }
  auto add = [&](const char* scope, const std::string& name, const char* metric, double value) {
    out.push_back({now, scope, name, metric, value});
  };
  auto frac = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  add("cluster", "all", "hosts_up", static_cast<double>(hosts_up));
  add("cluster", "all", "hosts_in_use",
      static_cast<double>(std::count_if(running_on.begin(), running_on.end(), [](int n) { return n > 0; })));
  add("cluster", "all", "cpu_allocated", frac(allocated.cpu, capacity_up.cpu));
  add("cluster", "all", "memory_allocated", frac(allocated.memory_mib, capacity_up.memory_mib));
  add("cluster", "all", "cpu_used", frac(used.cpu, capacity_up.cpu));
  add("cluster", "all", "memory_used", frac(used.memory_mib, capacity_up.memory_mib));
  add("cluster", "all", "replicas_running", static_cast<double>(truth.running.size()));
  if (control.service_count() <= kRowsPerSampleLimit) {
    for (std::size_t s = 0; s < control.service_count(); ++s) {
      const ServiceStatus& status = control.service(ServiceId(static_cast<ServiceId::repr>(s)));
      if (status.removed) continue;
      add("service", status.spec.name, "desired", status.spec.replicas);
      add("service", status.spec.name, "running", running_of[s]);
    }
  }
  if (cluster.host_count() <= kRowsPerSampleLimit) {
    for (std::size_t i = 0; i < cluster.host_count(); ++i) {
      const HostId h(static_cast<HostId::repr>(i));
      const std::string& name = cluster.host(h).name;
      add("host", name, "up", truth.host_up[i] ? 1 : 0);
      add("host", name, "cpu_allocated", frac(cluster.allocated(h).cpu, cluster.capacity(h).cpu));
      add("host", name, "memory_allocated", frac(cluster.allocated(h).memory_mib, cluster.capacity(h).memory_mib));
      add("host", name, "replicas_running", running_on[i]);
    }
  }
}

}  // namespace drydock
