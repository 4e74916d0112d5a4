// The autoscalers as controllers of the control plane. Their inputs are observations only: the HPA
// reads the load samples the runtime reported (obs::LoadSample), the cluster autoscaler the control
// plane's own view (unschedulable replicas, host health, allocations). Their outputs are actions and
// events only: a new replica count that this step reconciles, hosts powered on or off
// (act::PowerOnHost / PowerOffHost), a busy host drained through StopReplica actions.
#include <cmath>

#include "control/control_plane.h"

namespace drydock {

void ControlPlane::apply_autoscaler(ServiceId service, const HpaConfig& config, Time now) {
  // Syncs fall on multiples of the period from time 0 (the first one period in: the HPA needs replicas
  // running before it has a metric), wherever `now` is.
  const Time first = (std::floor(now / config.sync_period) + 1) * config.sync_period;
  hpas_.insert_or_assign(service, Autoscaled{Hpa(config), first, std::nullopt});
}

void ControlPlane::enable_cluster_autoscaler(const ClusterAutoscalerConfig& config, std::vector<HostId> pool) {
  cluster_autoscaler_ = std::make_unique<ClusterAutoscaler>(config, std::move(pool));
}

Time ControlPlane::next_autoscaler_wakeup() const {
  Time t = cluster_autoscaler_ ? cluster_autoscaler_->next_scan() : kNever;
  for (const auto& [service, a] : hpas_) t = std::min(t, a.next_sync);
  return t;
}

void ControlPlane::run_autoscalers(Time now, std::vector<Action>& out) {
  for (auto& [service, a] : hpas_) {
    if (a.next_sync > now) continue;
    a.next_sync += a.hpa.config().sync_period;
    if (!a.sample || services_[service.value].removed) continue;  // no metric, no action
    const int current = services_[service.value].spec.replicas;
    const int desired = a.hpa.recommend(now, current, a.sample->ready, a.sample->utilization);
    a.sample.reset();
    if (desired != current) scale(service, desired, now);
  }

  if (!cluster_autoscaler_ || now < cluster_autoscaler_->next_scan()) return;
  const AutoscalerDecision d = cluster_autoscaler_->scan(*this, now);
  for (HostId h : d.add) {
    set_host_retired(h, false, now);  // schedulable from its first heartbeat once it has booted
    emit(now, EventKind::kHostAdded, {}, {}, h, d.add_reason);
    out.push_back(act::PowerOnHost{h});
  }
  for (std::size_t i = 0; i < d.remove.size(); ++i) {
    const HostId h = d.remove[i];
    set_host_retired(h, true, now);  // before it goes silent: no suspicion, nothing placed there
    emit(now, EventKind::kHostRemoved, {}, {}, h, d.remove_reason[i]);
    out.push_back(act::PowerOffHost{h});
  }
  for (HostId h : d.drain) drain_host(h, now);  // its stops go out with this step
}

}  // namespace drydock
