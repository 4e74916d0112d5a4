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

bool empty(const Resources& r) { return r.cpu <= 0 && r.memory_mib <= 0 && r.gpu <= 0; }

// Largest requests first (first-fit decreasing), ties in the order given: reproducible.
void largest_first(std::vector<const ServiceSpec*>& specs) {
  std::stable_sort(specs.begin(), specs.end(), [](const ServiceSpec* a, const ServiceSpec* b) {
    return a->request.cpu != b->request.cpu ? a->request.cpu > b->request.cpu : a->request.memory_mib > b->request.memory_mib;
  });
}

}  // namespace

ClusterAutoscaler::ClusterAutoscaler(ClusterAutoscalerConfig config, std::vector<HostId> pool) : config_(config) {
  for (HostId h : pool) pool_.push_back({h});
  for (std::size_t i = 0; i < pool_.size() && static_cast<int>(i) < config_.initial_hosts; ++i) pool_[i].state = PoolState::kUp;
}

ClusterAutoscaler::PoolState ClusterAutoscaler::state(HostId host) const {
  for (const PoolHost& p : pool_)
    if (p.id == host) return p.state;
  return PoolState::kOff;
}

AutoscalerDecision ClusterAutoscaler::scan(const ControlPlane& control, Time now) {
  next_scan_ = now + config_.scan_interval;
  AutoscalerDecision d;
  const ClusterState& cluster = control.cluster();

  // A booting host is up once the control plane hears from it; a draining one is removed once empty.
  bool draining = false;
  for (PoolHost& p : pool_) {
    if (p.state == PoolState::kBooting && control.host_health(p.id) == HostHealth::kAlive) p.state = PoolState::kUp;
    if (p.state == PoolState::kDraining && empty(cluster.allocated(p.id))) {
      d.remove.push_back(p.id);
      d.remove_reason.push_back("drained");
      p.state = PoolState::kOff;
      p.unneeded_since = kNever;
    }
    draining = draining || p.state == PoolState::kDraining;
  }

  scale_up(control, d);
  if (!d.add.empty()) return d;  // no scale down while replicas wait for room

  int on = 0;
  for (const PoolHost& p : pool_) on += p.state != PoolState::kOff;
  for (PoolHost& p : pool_) {
    if (p.state != PoolState::kUp) continue;
    if (!unneeded(control, p)) {
      p.unneeded_since = kNever;
      continue;
    }
    if (p.unneeded_since == kNever) p.unneeded_since = now;
    if (now - p.unneeded_since < config_.unneeded_time || on <= config_.min_hosts) continue;
    --on;
    if (empty(cluster.allocated(p.id))) {
      d.remove.push_back(p.id);  // empty hosts go together
      d.remove_reason.push_back("unneeded " + std::to_string(static_cast<long long>(config_.unneeded_time)) + " s, empty");
      p.state = PoolState::kOff;
      p.unneeded_since = kNever;
    } else if (!draining) {
      d.drain.push_back(p.id);  // a busy host one at a time, as cluster-autoscaler does
      p.state = PoolState::kDraining;
      draining = true;
    } else {
      ++on;  // stays for now: another host is draining
    }
  }
  return d;
}

void ClusterAutoscaler::scale_up(const ControlPlane& control, AutoscalerDecision& d) {
  const ClusterState& cluster = control.cluster();
  std::vector<const ServiceSpec*> waiting;
  for (const auto& [id, r] : control.replicas())
    if (r.state == ReplicaState::kPending && r.unschedulable_reported) waiting.push_back(&control.service(r.service).spec);
  if (waiting.empty()) return;
  largest_first(waiting);

  // Bins: the room of hosts already booting (they will take some of the waiting replicas), then fresh
  // pool hosts as needed. A replica no pool host could ever hold is left waiting.
  struct Bin {
    HostId host;
    Resources free;
  };
  std::vector<Bin> bins;
  for (const PoolHost& p : pool_)
    if (p.state == PoolState::kBooting) bins.push_back({p.id, cluster.capacity(p.id)});
  std::size_t next_off = 0;
  for (const ServiceSpec* spec : waiting) {
    bool placed = false;
    for (Bin& b : bins) {
      if (!labels_allow(cluster.host(b.host).labels, *spec) || !b.free.fits(spec->request)) continue;
      b.free -= spec->request;
      placed = true;
      break;
    }
    while (!placed && next_off < pool_.size()) {
      PoolHost& p = pool_[next_off++];
      const HostSpec& host = cluster.host(p.id);
      if (p.state != PoolState::kOff || !labels_allow(host.labels, *spec) || !host.capacity.fits(spec->request)) continue;
      bins.push_back({p.id, host.capacity - spec->request});
      d.add.push_back(p.id);
      p.state = PoolState::kBooting;
      p.unneeded_since = kNever;
      placed = true;
    }
  }
  if (!d.add.empty()) d.add_reason = std::to_string(waiting.size()) + " unschedulable";
}

bool ClusterAutoscaler::unneeded(const ControlPlane& control, const PoolHost& host) const {
  const ClusterState& cluster = control.cluster();
  const Resources cap = cluster.capacity(host.id), used = cluster.allocated(host.id);
  const double utilisation = std::max(cap.cpu > 0 ? used.cpu / cap.cpu : 0.0,
                                      cap.memory_mib > 0 ? used.memory_mib / cap.memory_mib : 0.0);
  if (utilisation >= config_.utilization_threshold) return false;
  if (empty(used)) return true;
  // Would its replicas fit on the other schedulable hosts (first-fit decreasing on their free room)?
  std::vector<const ServiceSpec*> moving;
  for (const auto& [id, r] : control.replicas())
    if (r.host == host.id && r.holds) moving.push_back(&control.service(r.service).spec);
  largest_first(moving);
  std::vector<Resources> room;
  std::vector<HostId> others;
  for (std::size_t i = 0; i < cluster.host_count(); ++i) {
    const HostId h(static_cast<HostId::repr>(i));
    if (h == host.id || !cluster.schedulable(h)) continue;
    room.push_back(cluster.free(h));
    others.push_back(h);
  }
  for (const ServiceSpec* spec : moving) {
    bool fits = false;
    for (std::size_t k = 0; k < room.size() && !fits; ++k) {
      if (!labels_allow(cluster.host(others[k]).labels, *spec) || !room[k].fits(spec->request)) continue;
      room[k] -= spec->request;
      fits = true;
    }
    if (!fits) return false;
  }
  return true;
}

}  // namespace drydock
