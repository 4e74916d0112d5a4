#include "control/control_plane.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_set>

#include "control/overloaded.h"

namespace drydock {
namespace {

enum TimerKind { kDetectorCheck = 0, kStartTimeout = 1, kRestartDelay = 2, kParkedRetry = 3 };

// How many copies of `request` fit in `free`, at most `cap` (a request of zero fits without end).
std::size_t copies_that_fit(const Resources& request, const Resources& free, std::size_t cap) {
  constexpr double kEps = 1e-9;  // as Resources::fits
  double n = static_cast<double>(cap);
  for (std::size_t d = 0; d < kDims; ++d) {
    const double want = request[static_cast<Dim>(d)];
    if (want > 0) n = std::min(n, std::floor((free[static_cast<Dim>(d)] + kEps) / want));
  }
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}


}  // namespace

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
      detector_(detector ? std::move(detector) : std::make_unique<FixedTimeoutDetector>(config.detector)),
      rng_(config.seed) {}

// ---------------------------------------------------------------------------------------------------
// Inventory and desired state

HostId ControlPlane::register_host(const HostSpec& spec, Time now) {
  const HostId id = cluster_.add_host(spec);
  health_.push_back(HostHealth::kUnknown);  // schedulable from its first heartbeat
  detector_due_.push_back(kNever);
  steady_.push_back(0);
  grown_flag_.push_back(0);
  retired_.push_back(0);
  return id;
}

void ControlPlane::set_host_retired(HostId host, bool retired, Time now) {
  retired_[host.value] = retired;
  if (!retired) return;
  cluster_.set_schedulable(host, false);
  health_[host.value] = HostHealth::kUnknown;  // as before its first heartbeat
  detector_due_[host.value] = kNever;          // its pending deadline becomes stale
  steady_[host.value] = 0;
  prune_timers();
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
  // Every observation names the host it came from; one we never registered is noise (live mode hears
  // from the network) and must not index past the per-host tables.
  const HostId from = std::visit([](const auto& o) { return o.host; }, observation);
  if (!from.valid() || from.value >= cluster_.host_count()) return;
  std::visit(
      Overloaded{
          [&](const obs::Heartbeat& o) { on_heartbeat(o.host, now, o.steady); },
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
      },
      observation);
  prune_timers();
}

void ControlPlane::drain_host(HostId host, Time now) {
  set_host_retired(host, true, now);
  for (auto& [id, r] : replicas_) {
    if (r.host != host || (r.state != ReplicaState::kStarting && r.state != ReplicaState::kRunning)) continue;
    stopping(r, now);  // frees its slot: reconcile() makes the replacement
    orphan_stops_.push_back(act::StopReplica{id, r.service, host});
    emit(now, EventKind::kRemoved, r.service, id, host, "drain");
    dirty_.insert(r.service);
  }
}

void ControlPlane::on_heartbeat(HostId host, Time now, bool steady) {
  if (retired_[host.value]) return;  // a last beat still on its way from a host being powered off
  detector_->heartbeat(host, now);
  const HostHealth h = detector_->health(host, now);
  if (h != health_[host.value]) set_health(host, h, now);
  steady_[host.value] = steady;
  if (steady) {
    // The beats that follow are withheld while regular, and the detector cannot change its verdict
    // between them: the deadline this beat would set is superseded by the next, and the run's last
    // beat, when it comes, arms the one that counts. Until then there is nothing to wake for.
    detector_due_[host.value] = kNever;
    return;
  }
  arm_detector(host, now);
}

void ControlPlane::arm_detector(HostId host, Time now) {
  // One live deadline per host: the latest heartbeat supersedes earlier ones, whose timers become stale
  // and are skipped (timer_live). The detector promises only that health "may" change at next_change(),
  // so a deadline that passes with no change is re-armed, never dropped.
  const Time next = detector_->next_change(host, now);
  Time& due = detector_due_[host.value];
  if (next == due) return;
  due = next > now ? next : kNever;  // a detector that cannot name a future time is not re-polled in a loop
  if (due != kNever) timers_.push({due, host.value, kDetectorCheck});
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

void ControlPlane::on_exit(ReplicaRecord& r, bool failed, Time now) {
  release_if_held(r);
  ServiceStatus& service = services_[r.service.value];
  const auto condition = service.spec.restart.condition;
  bool restart = condition == RestartPolicy::Condition::kAny ||
                 (condition == RestartPolicy::Condition::kOnFailure && failed);
  const RestartPolicy& policy = service.spec.restart;
  if (restart && policy.max_attempts > 0) {
    // Restarts of this slot so far (within the window, when there is one); at the limit, give up.
    int attempts = 0;
    if (auto h = restarts_.find(r.id); h != restarts_.end())
      for (Time at : h->second) attempts += policy.window <= 0 || at > now - policy.window;
    restart = attempts < policy.max_attempts;
  }
  dirty_.insert(r.service);
  if (!restart) {
    ++service.completed;  // done: it counts towards the desired number and is not replaced
    emit(now, EventKind::kCompleted, r.service, r.id, r.host, failed ? "failed" : "succeeded");
    const ReplicaId id = r.id;
    by_service_[r.service.value].erase(id);
    restarts_.erase(id);
    replicas_.erase(id);
    return;
  }
  r.state = ReplicaState::kExited;
  r.since = now;
  timers_.push({now + service.spec.restart.delay, r.id.value, kRestartDelay});
}

void ControlPlane::stop_orphan(ReplicaId id, HostId host) {
  // A replica we gave up is no longer in replicas_, but its service is remembered; an id we never
  // issued has none.
  const ServiceId service = id.value < service_of_.size() ? service_of_[id.value] : ServiceId{};
  orphan_stops_.push_back(act::StopReplica{id, service, host});
}

void ControlPlane::set_health(HostId host, HostHealth health, Time now) {
  const HostHealth before = health_[host.value];
  health_[host.value] = health;
  switch (health) {
    case HostHealth::kAlive:
      cluster_.set_schedulable(host, true);
      grew(host);
      emit(now, EventKind::kHostReady, {}, {}, host, std::string("was ") + std::string(to_string(before)));
      break;
    case HostHealth::kSuspected:
      // Stop placing work there until it is heard from again: a suspected host may be gone.
      cluster_.set_schedulable(host, false);
      emit(now, EventKind::kHostSuspected, {}, {}, host, detector_->describe());
      break;
    case HostHealth::kDown: {
      cluster_.set_schedulable(host, false);
      emit(now, EventKind::kHostDeclaredDown, {}, {}, host, detector_->describe());
      std::vector<ReplicaId> lost, stopping;
      for (const auto& [id, r] : replicas_) {
        if (r.host != host) continue;
        if (r.state == ReplicaState::kStarting || r.state == ReplicaState::kRunning) lost.push_back(id);
        if (r.state == ReplicaState::kStopping) stopping.push_back(id);  // already logged as removed
      }
      for (ReplicaId id : lost) drop(id, now, "host declared down");
      for (ReplicaId id : stopping) drop(id, now, nullptr);
      break;
    }
    case HostHealth::kUnknown:
      break;
  }
}

// ---------------------------------------------------------------------------------------------------
// The loop

std::vector<Action> ControlPlane::step(Time now) {
  fire_timers(now);
  std::vector<Action> out;
  out.swap(orphan_stops_);
  // Reconcile in service id order (std::set) so that replica ids are handed out reproducibly.
  const std::set<ServiceId> dirty = std::move(dirty_);
  dirty_.clear();
  for (ServiceId s : dirty) reconcile(s, now, out);
  // Scale down drops the replicas it gives up, and drop() marks their service dirty again; that
  // service has just been reconciled, so no second round is due (next_wakeup() would say "now").
  for (ServiceId s : dirty) dirty_.erase(s);
  schedule_pending(now, out);
  prune_timers();
  return out;
}

Time ControlPlane::next_wakeup() const {
  const bool work_now =
      !dirty_.empty() || !orphan_stops_.empty() || !pending_.empty() || (!grown_.empty() && !parked_.empty());
  if (work_now) return -kNever;  // before any `now`: step at once
  return timers_.empty() ? kNever : timers_.top().at;
}

std::vector<Event> ControlPlane::take_events() {
  std::vector<Event> out;
  out.swap(events_);
  return out;
}

bool ControlPlane::timer_live(const Timer& t) const {
  switch (t.kind) {
    case kDetectorCheck:
      return detector_due_[t.key] == t.at;
    case kStartTimeout: {
      auto it = replicas_.find(ReplicaId(t.key));
      return it != replicas_.end() && it->second.state == ReplicaState::kStarting;
    }
    case kRestartDelay: {
      auto it = replicas_.find(ReplicaId(t.key));
      return it != replicas_.end() && it->second.state == ReplicaState::kExited;
    }
    case kParkedRetry: {
      auto it = parked_.find(ServiceId(static_cast<ServiceId::repr>(t.key)));
      return it != parked_.end() && it->second.since + config_.unschedulable_retry == t.at;
    }
  }
  return false;
}

void ControlPlane::prune_timers() {
  while (!timers_.empty() && !timer_live(timers_.top())) timers_.pop();
}

void ControlPlane::fire_timers(Time now) {
  while (!timers_.empty() && timers_.top().at <= now) {
    const Timer t = timers_.top();
    timers_.pop();
    switch (t.kind) {
      case kDetectorCheck: {
        if (!timer_live(t)) break;  // an older deadline, superseded by a later heartbeat
        const HostId host(static_cast<HostId::repr>(t.key));
        detector_due_[host.value] = kNever;
        const HostHealth h = detector_->health(host, t.at);
        if (h != health_[host.value]) set_health(host, h, t.at);
        arm_detector(host, t.at);
        break;
      }
      case kStartTimeout: {
        auto it = replicas_.find(ReplicaId(t.key));
        if (it == replicas_.end() || it->second.state != ReplicaState::kStarting) break;
        if (it->second.since + config_.start_timeout > t.at) break;  // a later start of the same replica
        const HostId host = it->second.host;
        stop_orphan(it->first, host);  // in case it starts after all
        drop(it->first, t.at, "start timed out");
        break;
      }
      case kRestartDelay: {
        auto it = replicas_.find(ReplicaId(t.key));
        if (it == replicas_.end() || it->second.state != ReplicaState::kExited) break;
        // The replacement inherits the slot's restart history, with this restart in it.
        std::vector<Time> history;
        if (auto h = restarts_.find(it->first); h != restarts_.end()) history = std::move(h->second);
        history.push_back(t.at);
        inherit_[it->second.service.value].push_back(std::move(history));
        drop(it->first, t.at, nullptr);  // its slot is free: reconcile() makes the replacement
        break;
      }
      case kParkedRetry:
        if (timer_live(t)) unpark(ServiceId(static_cast<ServiceId::repr>(t.key)));
        break;
    }
  }
}

void ControlPlane::reconcile(ServiceId service, Time now, std::vector<Action>& out) {
  ServiceStatus& status = services_[service.value];
  if (status.rollout.active && !status.removed) return reconcile_rollout(service, now, out);
  auto& ids = by_service_[service.value];
  const int want = status.removed ? 0 : std::max(0, status.spec.replicas - status.completed);
  // Every replica but the ones stopping holds a slot, counting towards the desired number: an exited
  // replica waiting out its restart delay still holds its slot, so that the replacement is made only
  // after the delay (Swarm's behaviour). Counted, not walked: a service of thousands of batch tasks is
  // reconciled at the end of each.
  int have = static_cast<int>(ids.size()) - stopping_of_[service.value];

  for (; have < want; ++have) create_replica(service, now);
  inherit_[service.value].clear();  // restarts whose slot was scaled away
  if (have <= want) return;

  // Scale down. Cheapest victims first: replicas waiting to restart, then unplaced ones, then the
  // placed ones on the hosts that hold the most replicas of this service (Swarm's choice), starting
  // replicas before running ones and newer before older.
  int excess = have - want;
  std::vector<ReplicaId> victims_exited, victims_pending;
  std::map<HostId, std::vector<ReplicaId>> placed;  // ordered: reproducible ties
  for (ReplicaId id : ids) {
    const ReplicaRecord& r = replicas_.at(id);
    if (r.state == ReplicaState::kExited) victims_exited.push_back(id);
    else if (r.state == ReplicaState::kPending) victims_pending.push_back(id);
    else if (r.state == ReplicaState::kStarting || r.state == ReplicaState::kRunning) placed[r.host].push_back(id);
  }
  for (auto it = victims_exited.rbegin(); excess > 0 && it != victims_exited.rend(); ++it, --excess)
    drop(*it, now, "scale down");
  for (auto it = victims_pending.rbegin(); excess > 0 && it != victims_pending.rend(); ++it, --excess)
    drop(*it, now, "scale down");
  if (excess == 0) return;

  for (auto& [host, list] : placed)
    std::stable_sort(list.begin(), list.end(), [&](ReplicaId a, ReplicaId b) {
      const bool sa = replicas_.at(a).state == ReplicaState::kStarting;
      const bool sb = replicas_.at(b).state == ReplicaState::kStarting;
      return sa != sb ? sa : a > b;  // back of the list = next victim: running and oldest last
    });
  // Max-heap of (replicas on host, host); the lower host id wins ties by the (count, -id) order.
  std::priority_queue<std::pair<std::size_t, std::int64_t>> heap;
  for (const auto& [host, list] : placed) heap.push({list.size(), -static_cast<std::int64_t>(host.value)});
  while (excess > 0 && !heap.empty()) {
    auto [count, neg_host] = heap.top();
    heap.pop();
    auto& list = placed[HostId(static_cast<HostId::repr>(-neg_host))];
    const ReplicaId victim = list.front();
    list.erase(list.begin());
    ReplicaRecord& r = replicas_.at(victim);
    stopping(r, now);
    out.push_back(act::StopReplica{victim, service, r.host});
    emit(now, EventKind::kRemoved, service, victim, r.host, "scale down");
    --excess;
    if (count > 1) heap.push({count - 1, neg_host});
  }
}

void ControlPlane::grew(HostId host) {
  if (grown_flag_[host.value]) return;
  grown_flag_[host.value] = 1;
  grown_.push_back(host);
}

void ControlPlane::park(const ReplicaRecord& r, Time now) {
  Parked& p = parked_[r.service];
  const bool fresh = p.replicas.empty();
  p.replicas.insert(r.id);
  // The group's retry timer runs from when it was first parked: partial retries (unpark_fitting) do
  // not postpone the full one.
  if (!fresh) return;
  p.since = now;
  timers_.push({now + config_.unschedulable_retry, r.service.value, kParkedRetry});
}

void ControlPlane::unpark(ServiceId service) {
  auto it = parked_.find(service);
  if (it == parked_.end()) return;
  pending_.insert(it->second.replicas.begin(), it->second.replicas.end());
  parked_.erase(it);
}

void ControlPlane::unpark_fitting() {
  if (grown_.empty()) return;
  // Only hosts that grew can take a replica no host could take before (the others are as they were),
  // so a parked service gets back at most as many replicas as its request fits on them: a release that
  // makes room for one replica retries one, not the service's thousand.
  std::vector<Resources> room;
  for (HostId h : grown_) {
    grown_flag_[h.value] = 0;
    if (cluster_.schedulable(h)) room.push_back(cluster_.free(h));
  }
  grown_.clear();
  if (room.empty()) return;
  for (auto it = parked_.begin(); it != parked_.end();) {
    const Resources& request = services_[it->first.value].spec.request;
    // The room is handed out as it is promised, services in id order: a release that makes room for
    // one replica retries one replica, not one of every parked service (they would all fail but one).
    std::size_t fit = 0;
    for (Resources& free : room) {
      const std::size_t copies = copies_that_fit(request, free, it->second.replicas.size() - fit);
      free -= request * static_cast<double>(copies);
      fit += copies;
    }
    auto& replicas = it->second.replicas;
    if (fit == replicas.size()) {
      pending_.insert(replicas.begin(), replicas.end());
      it = parked_.erase(it);
      continue;
    }
    for (; fit > 0; --fit) pending_.insert(replicas.extract(replicas.begin()));
    ++it;
  }
}

ReplicaId ControlPlane::create_replica(ServiceId service, Time now) {
  const ReplicaId id(next_replica_++);
  service_of_.push_back(service);
  if (!inherit_[service.value].empty()) {
    restarts_[id] = std::move(inherit_[service.value].front());
    inherit_[service.value].pop_front();
  }
  ReplicaRecord r;
  r.id = id;
  r.service = service;
  r.state = ReplicaState::kPending;
  r.since = now;
  r.submitted = now;
  r.version = services_[service.value].version;
  replicas_.emplace(id, r);
  by_service_[service.value].insert(id);
  pending_.insert(id);
  emit(now, EventKind::kSubmitted, service, id, {});
  return id;
}

void ControlPlane::schedule_pending(Time now, std::vector<Action>& out) {
  unpark_fitting();
  if (pending_.empty()) return;
  std::vector<PlacementRequest> batch;
  batch.reserve(pending_.size());
  for (ReplicaId id : pending_) {
    const ReplicaRecord& r = replicas_.at(id);
    batch.push_back({id, r.service, &services_[r.service.value].spec, !r.unschedulable_reported});
  }
  const std::vector<PlacementDecision> decisions = scheduler_->place(cluster_, batch, rng_);
  decisions_ += batch.size();
  for (const PlacementDecision& d : decisions) {
    ReplicaRecord& r = replicas_.at(d.replica);
    if (!d.placed()) {
      if (!r.unschedulable_reported) emit(now, EventKind::kUnschedulable, r.service, r.id, {}, d.reason);
      r.unschedulable_reported = true;
      park(r, now);
      continue;
    }
    r.state = ReplicaState::kStarting;
    r.host = d.host;
    r.since = now;
    r.held = services_[r.service.value].spec.request;  // the scheduler allocated it (see Scheduler)
    r.holds = true;
    emit(now, EventKind::kPlaced, r.service, r.id, r.host);
    out.push_back(act::StartReplica{r.id, r.service, r.host});
    timers_.push({now + config_.start_timeout, r.id.value, kStartTimeout});
  }
  // Everything tried is placed or parked: the queue is empty until something new arrives.
  pending_.clear();
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
