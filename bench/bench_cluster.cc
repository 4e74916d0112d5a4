#include "bench_cluster.h"

#include "model/rng.h"

namespace drydock::bench {

BenchCluster make_cluster(std::size_t hosts, std::uint64_t seed) {
  BenchCluster c;
  Rng rng(seed);
  const Resources shapes[3] = {{16, 64 * 1024.0, 0}, {32, 128 * 1024.0, 0}, {64, 256 * 1024.0, 0}};
  const char* zones[4] = {"a", "b", "c", "d"};
  for (std::size_t i = 0; i < hosts; ++i) {
    HostSpec h;
    h.name = "host-" + std::to_string(i);
    h.capacity = shapes[rng.below(3)];
    if (rng.below(10) == 0) h.capacity.gpu = 4;
    h.labels["zone"] = zones[rng.below(4)];
    const HostId id = c.state.add_host(h);
    c.state.set_schedulable(id, true);
  }
  // Requests from 0.25 core / 256 MiB to 4 cores / 16 GiB; a few GPU tasks.
  for (int s = 0; s < 40; ++s) {
    ServiceSpec spec;
    spec.name = "svc-" + std::to_string(s);
    spec.replicas = 1000;
    const double scale = static_cast<double>(1u << rng.below(5));  // 1, 2, 4, 8, 16
    spec.request = {0.25 * scale, 256.0 * scale * (0.5 + rng.uniform()), s % 13 == 12 ? 1.0 : 0.0};
    spec.tenant = "tenant-" + std::to_string(s % 4);
    c.services.push_back(spec);
  }
  // Pre-fill each host to its own target occupancy with replicas of the last 20 services.
  for (std::size_t i = 0; i < hosts; ++i) {
    const HostId h(static_cast<HostId::repr>(i));
    const double target = 0.2 + 0.65 * rng.uniform();
    for (int tries = 0; tries < 64; ++tries) {
      const std::size_t s = 20 + rng.below(20);
      const Resources& r = c.services[s].request;
      const Resources after = c.state.allocated(h) + r;
      const Resources cap = c.state.capacity(h);
      if (!cap.fits(after) || after.cpu > target * cap.cpu || after.memory_mib > target * cap.memory_mib) continue;
      c.state.allocate(h, ServiceId(static_cast<ServiceId::repr>(s)), r);
    }
  }
  return c;
}

std::vector<PlacementRequest> BenchCluster::requests(std::size_t count, std::size_t run,
                                                     std::uint64_t first_replica) const {
  std::vector<PlacementRequest> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t s = (i / run) % 20;
    out.push_back({ReplicaId(first_replica + i), ServiceId(static_cast<ServiceId::repr>(s)), &services[s]});
  }
  return out;
}

}  // namespace drydock::bench
