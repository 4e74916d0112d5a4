#include "control/control_plane.h"

#include <algorithm>
#include <unordered_set>

#include "control/detector_factory.h"
#include "control/overloaded.h"

namespace drydock {

std::string_view to_string(ReplicaState s) {
  switch (s) {
    case ReplicaState::kPending: return "pending";
    case ReplicaState::kStarting: return "starting";
    case ReplicaState::kRunning: return "running";
    case ReplicaState::kStopping: return "stopping";
    case ReplicaState::kExited: return "exited";
  }
  return "?";
}

ControlPlane::ControlPlane(ControlConfig config, std::unique_ptr<Scheduler> scheduler,
                           std::unique_ptr<FailureDetector> detector)
    : config_(config),
      scheduler_(std::move(scheduler)),
      detector_(detector ? std::move(detector) : make_detector(config.detector)),
      rng_(config.seed),
      next_replica_(config.first_replica_id) {}

// ---------------------------------------------------------------------------------------------------
// Inventory and desired state

HostId ControlPlane::register_host(const HostSpec& spec, Time now) {
  const HostId id = cluster_.add_host(spec);
  health_.push_back(HostHealth::kUnknown);  // schedulable from its first heartbeat
  detector_due_.push_back(kNever);
  grown_flag_.push_back(0);
  retired_.push_back(0);
  return id;
}

std::optional<ServiceId> ControlPlane::find_service(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

ServiceId ControlPlane::apply_service(const ServiceSpec& spec, Time now) {
  if (auto existing = find_service(spec.name)) {
    ServiceStatus& status = services_[existing->value];
    const int before = status.spec.replicas;
    const std::string old_image = status.spec.image;
    status.spec = spec;
    if (spec.image != old_image) begin_rollout(*existing, old_image, now);
    if (before != spec.replicas)
      emit(now, EventKind::kScaled, *existing, {}, {}, std::to_string(before) + "->" + std::to_string(spec.replicas));
    dirty_.insert(*existing);
    // Its pending replicas are judged afresh against the new spec (a smaller request may fit now), and
    // a new verdict of unschedulable is reported again, with the new reason.
    unpark(*existing);
    for (ReplicaId id : pending_) {
      ReplicaRecord& r = replicas_.at(id);
      if (r.service == *existing) r.unschedulable_reported = false;
    }
    prune_timers();
    return *existing;
  }
  const ServiceId id(static_cast<ServiceId::repr>(services_.size()));
  services_.push_back({spec, 0, false});
  by_name_[spec.name] = id;
  by_service_.emplace_back();
  stopping_of_.push_back(0);
  inherit_.emplace_back();
  emit(now, EventKind::kScaled, id, {}, {}, "0->" + std::to_string(spec.replicas));
  dirty_.insert(id);
  return id;
}

void ControlPlane::scale(ServiceId service, int replicas, Time now) {
  ServiceSpec& spec = services_[service.value].spec;
  if (spec.replicas == replicas) return;
  emit(now, EventKind::kScaled, service, {}, {}, std::to_string(spec.replicas) + "->" + std::to_string(replicas));
  spec.replicas = replicas;
  dirty_.insert(service);
  prune_timers();
}

void ControlPlane::remove_service(ServiceId service, Time now) {
  scale(service, 0, now);
  services_[service.value].removed = true;
  by_name_.erase(services_[service.value].spec.name);
}

// ---------------------------------------------------------------------------------------------------
// Observations

void ControlPlane::observe(const Observation& observation, Time now) {
  if (const auto* load = std::get_if<obs::LoadSample>(&observation)) {
    if (auto it = hpas_.find(load->service); it != hpas_.end()) it->second.sample = *load;
    return;
  }
  // Every other observation names the host it came from; one we never registered is noise (live mode
  // hears from the network) and must not index past the per-host tables.
  const HostId from = std::visit(Overloaded{[](const obs::LoadSample&) { return HostId{}; },
                                            [](const auto& o) { return o.host; }},
                                 observation);
  if (!from.valid() || from.value >= cluster_.host_count()) return;
  std::visit(
      Overloaded{
          [&](const obs::Heartbeat& o) { on_heartbeat(o.host, now); },
          [&](const obs::ReplicaStarted& o) {
            auto it = replicas_.find(o.replica);
            if (it == replicas_.end() || it->second.host != o.host) return stop_orphan(o.replica, o.host);
            if (it->second.state == ReplicaState::kStarting) {
              it->second.state = ReplicaState::kRunning;
              it->second.since = now;
              if (services_[it->second.service.value].rollout.active) dirty_.insert(it->second.service);
            }
          },
          [&](const obs::ReplicaExited& o) {
            auto it = replicas_.find(o.replica);
            if (it == replicas_.end() || it->second.host != o.host) return;
            if (it->second.state == ReplicaState::kStopping) return drop(o.replica, now, nullptr);
            if (it->second.state == ReplicaState::kStarting || it->second.state == ReplicaState::kRunning)
              on_exit(it->second, o.failed, now);
          },
          [&](const obs::ReplicaStopped& o) {
            auto it = replicas_.find(o.replica);
            if (it != replicas_.end() && it->second.host == o.host) drop(o.replica, now, nullptr);
          },
          [&](const obs::HostReport& o) { on_report(o, now); },
          [&](const obs::LoadSample&) {},  // handled above
      },
      observation);
  prune_timers();
}

void ControlPlane::on_report(const obs::HostReport& report, Time now) {
  std::unordered_set<ReplicaId> listed(report.running.begin(), report.running.end());
  for (ReplicaId id : report.running) {
    auto it = replicas_.find(id);
    if (it == replicas_.end() || it->second.host != report.host) {
      stop_orphan(id, report.host);  // we gave it up (its host was declared down) or never made it
    } else if (it->second.state == ReplicaState::kStarting) {
      it->second.state = ReplicaState::kRunning;
      it->second.since = now;
      if (services_[it->second.service.value].rollout.active) dirty_.insert(it->second.service);
    } else if (it->second.state == ReplicaState::kStopping) {
      // Still running although we stopped it: the stop was lost (the host was cut off or frozen when
      // it was sent). The host is reachable again, since it reported: send the stop again.
      orphan_stops_.push_back(act::StopReplica{id, it->second.service, report.host});
    }
  }
  // A replica we believed running there that the host does not list has died unseen. One we were
  // stopping is stopped: the listing confirms it even if the ReplicaStopped message was lost.
  std::vector<ReplicaId> vanished, stopped;
  for (const auto& [id, r] : replicas_) {
    if (r.host != report.host || listed.count(id)) continue;
    if (r.state == ReplicaState::kRunning) vanished.push_back(id);
    if (r.state == ReplicaState::kStopping) stopped.push_back(id);
  }
  for (ReplicaId id : vanished) on_exit(replicas_.at(id), true, now);
  for (ReplicaId id : stopped) drop(id, now, nullptr);
}

void ControlPlane::stop_orphan(ReplicaId id, HostId host) {
  // A replica we gave up is no longer in replicas_, but its service is remembered; an id we never
  // issued has none.
  const ReplicaId::repr first = config_.first_replica_id;
  const ServiceId service =
      id.value >= first && id.value - first < service_of_.size() ? service_of_[id.value - first] : ServiceId{};
  orphan_stops_.push_back(act::StopReplica{id, service, host});
}

// ---------------------------------------------------------------------------------------------------
// The loop

Ready ControlPlane::step(Time now) {
  // The autoscalers first: they read the state the last step left (what the runtime then reported), as
  // controllers that sync on their own period do; their scale and drain are carried out by this step.
  std::vector<Action> out;
  run_autoscalers(now, out);
  fire_timers(now);
  out.insert(out.end(), orphan_stops_.begin(), orphan_stops_.end());
  orphan_stops_.clear();
  // Reconcile in service id order (std::set) so that replica ids are handed out reproducibly.
  const std::set<ServiceId> dirty = std::move(dirty_);
  dirty_.clear();
  for (ServiceId s : dirty) reconcile(s, now, out);
  // Scale down drops the replicas it gives up, and drop() marks their service dirty again; that
  // service has just been reconciled, so no second round is due (next_wakeup() would say "now").
  for (ServiceId s : dirty) dirty_.erase(s);
  schedule_pending(now, out);
  prune_timers();
  return {std::move(out), take_events()};
}

Time ControlPlane::next_wakeup() const {
  const bool work_now =
      !dirty_.empty() || !orphan_stops_.empty() || !pending_.empty() || (!grown_.empty() && !parked_.empty());
  if (work_now) return -kNever;  // before any `now`: step at once
  return std::min(timers_.empty() ? kNever : timers_.top().at, next_autoscaler_wakeup());
}

std::vector<Event> ControlPlane::take_events() {
  std::vector<Event> out;
  out.swap(events_);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

void ControlPlane::release_if_held(ReplicaRecord& r) {
  if (!r.holds) return;
  cluster_.release(r.host, r.service, r.held);
  grew(r.host);
  r.holds = false;
}

void ControlPlane::stopping(ReplicaRecord& r, Time now) {
  if (r.state != ReplicaState::kStopping) ++stopping_of_[r.service.value];
  r.state = ReplicaState::kStopping;
  r.since = now;
}

void ControlPlane::drop(ReplicaId id, Time now, const char* why) {
  auto it = replicas_.find(id);
  if (it == replicas_.end()) return;
  ReplicaRecord& r = it->second;
  release_if_held(r);
  if (why != nullptr) emit(now, EventKind::kRemoved, r.service, id, r.host, why);
  pending_.erase(id);
  if (auto p = parked_.find(r.service); p != parked_.end()) {
    p->second.replicas.erase(id);
    if (p->second.replicas.empty()) parked_.erase(p);
  }
  restarts_.erase(id);
  by_service_[r.service.value].erase(id);
  if (r.state == ReplicaState::kStopping) --stopping_of_[r.service.value];
  dirty_.insert(r.service);
  replicas_.erase(it);
}

const ReplicaRecord* ControlPlane::replica(ReplicaId r) const {
  auto it = replicas_.find(r);
  return it == replicas_.end() ? nullptr : &it->second;
}

std::string ControlPlane::replica_name(ReplicaId r) const {
  auto it = replicas_.find(r);
  const std::string service = it == replicas_.end() ? "?" : services_[it->second.service.value].spec.name;
  return service + "." + std::to_string(r.value);
}

void ControlPlane::emit(Time now, EventKind kind, ServiceId service, ReplicaId replica, HostId host,
                        std::string detail) {
  Event e;
  e.time = now;
  e.kind = kind;
  if (service.valid()) e.service = services_[service.value].spec.name;
  if (replica.valid()) e.replica = e.service + "." + std::to_string(replica.value);
  if (host.valid()) e.host = cluster_.host(host).name;
  e.detail = std::move(detail);
  events_.push_back(std::move(e));
}

}  // namespace drydock
