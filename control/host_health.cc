// Host health and the control plane's timers: heartbeats feed the failure detector, whose verdicts
// (alive, suspected, down) make a host schedulable or not and give up the replicas of a host declared
// down; hosts retired or drained on purpose; and the one timer queue (detector deadlines, start
// timeouts, restart delays, parked retries) that next_wakeup() reports.
#include "control/control_plane.h"

namespace drydock {

void ControlPlane::set_host_retired(HostId host, bool retired, Time now) {
  retired_[host.value] = retired;
  if (!retired) return;
  cluster_.set_schedulable(host, false);
  health_[host.value] = HostHealth::kUnknown;  // as before its first heartbeat
  detector_due_[host.value] = kNever;          // its pending deadline becomes stale
  steady_[host.value] = 0;
  prune_timers();
}


void ControlPlane::drain_host(HostId host, Time now) {
  set_host_retired(host, true, now);
  for (auto& [id, r] : replicas_) {
    if (r.host != host || (r.state != ReplicaState::kStarting && r.state != ReplicaState::kRunning)) continue;
    stopping(r, now);  // frees its slot: reconcile() makes the replacement
    orphan_stops_.push_back(act::StopReplica{id, r.service, host});
    emit(now, EventKind::kRemoved, r.service, id, host, EventCause::kDrain);
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
      for (ReplicaId id : lost) drop(id, now, EventCause::kHostDeclaredDown);
      for (ReplicaId id : stopping) drop(id, now, EventCause::kNone);
      break;
    }
    case HostHealth::kUnknown:
      break;
  }
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
        drop(it->first, t.at, EventCause::kStartTimedOut);
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
        drop(it->first, t.at, EventCause::kNone);  // its slot is free: reconcile() makes the replacement
        break;
      }
      case kParkedRetry:
        if (timer_live(t)) unpark(ServiceId(static_cast<ServiceId::repr>(t.key)));
        break;
    }
  }
}

}  // namespace drydock
