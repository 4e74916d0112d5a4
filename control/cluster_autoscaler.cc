#include "control/cluster_autoscaler.h"

#include <algorithm>

#include "control/control_plane.h"

namespace drydock {
namespace {

bool labels_allow(const Labels& labels, const ServiceSpec& spec) {
  for (const Constraint& c : spec.constraints) {
    auto it = labels.find(c.key);
    if ((it != labels.end() && it->second == c.value) != c.equal) return false;
  }
  return true;
}

}  // namespace

ClusterAutoscaler::ClusterAutoscaler(ClusterAutoscalerConfig config, std::vector<HostId> pool) : config_(config) {
  for (HostId h : pool) pool_.push_back({h});
}

ClusterAutoscaler::PoolState ClusterAutoscaler::state(HostId host) const {
  for (const PoolHost& p : pool_)
    if (p.id == host) return p.state;
  return PoolState::kOff;
}

int ClusterAutoscaler::hosts_on() const {
  return static_cast<int>(std::count_if(pool_.begin(), pool_.end(), [](const PoolHost& p) { return p.state != PoolState::kOff; }));
}

AutoscalerDecision ClusterAutoscaler::scan(const ControlPlane& control, Time now) {
  next_scan_ = now + config_.scan_interval;
  AutoscalerDecision d;
  const ClusterState& cluster = control.cluster();

  // A booting host is up once the control plane hears from it; an up host is idle while it holds nothing.
  for (PoolHost& p : pool_) {
    if (p.state == PoolState::kBooting && control.host_health(p.id) == HostHealth::kAlive) p.state = PoolState::kUp;
    if (p.state != PoolState::kUp) continue;
    const Resources held = cluster.allocated(p.id);
    const bool idle = held.cpu <= 0 && held.memory_mib <= 0 && held.gpu <= 0;
    if (!idle) p.idle_since = kNever;
    else if (p.idle_since == kNever) p.idle_since = now;
  }

  // Replicas the scheduler could not place, largest first (first-fit decreasing).
  std::vector<const ServiceSpec*> waiting;
  for (const auto& [id, r] : control.replicas())
    if (r.state == ReplicaState::kPending && r.unschedulable_reported) waiting.push_back(&control.service(r.service).spec);
  std::stable_sort(waiting.begin(), waiting.end(), [](const ServiceSpec* a, const ServiceSpec* b) {
    return a->request.cpu != b->request.cpu ? a->request.cpu > b->request.cpu : a->request.memory_mib > b->request.memory_mib;
  });

  if (!waiting.empty()) {
    // Bins: the free room of hosts already booting (they will take some of the waiting replicas),
    // then fresh pool hosts as needed. A replica no pool host could ever hold is left alone.
    struct Bin {
      std::size_t pool_index;
      Resources free;
      bool fresh;
    };
    std::vector<Bin> bins;
    for (std::size_t i = 0; i < pool_.size(); ++i)
      if (pool_[i].state == PoolState::kBooting) bins.push_back({i, cluster.capacity(pool_[i].id), false});
    std::size_t next_off = 0;
    for (const ServiceSpec* spec : waiting) {
      bool placed = false;
      for (Bin& b : bins) {
        if (!labels_allow(cluster.host(pool_[b.pool_index].id).labels, *spec) || !b.free.fits(spec->request)) continue;
        b.free -= spec->request;
        placed = true;
        break;
      }
      while (!placed) {
        while (next_off < pool_.size() && pool_[next_off].state != PoolState::kOff) ++next_off;
        if (next_off >= pool_.size()) break;
        const std::size_t i = next_off++;
        const HostSpec& host = cluster.host(pool_[i].id);
        if (!labels_allow(host.labels, *spec) || !host.capacity.fits(spec->request)) continue;
        bins.push_back({i, host.capacity - spec->request, true});
        d.add.push_back(pool_[i].id);
        placed = true;
      }
    }
    for (HostId h : d.add)
      for (PoolHost& p : pool_)
        if (p.id == h) p.state = PoolState::kBooting;
    if (!d.add.empty()) d.reason = std::to_string(waiting.size()) + " unschedulable";
    return d;  // no scale down while replicas wait
  }

  for (PoolHost& p : pool_) {
    if (p.state != PoolState::kUp || p.idle_since == kNever || now - p.idle_since < config_.unneeded_time) continue;
    d.remove.push_back(p.id);
    p.state = PoolState::kOff;
    p.idle_since = kNever;
  }
  if (!d.remove.empty()) d.reason = "idle " + std::to_string(static_cast<long long>(config_.unneeded_time)) + " s";
  return d;
}

}  // namespace drydock
