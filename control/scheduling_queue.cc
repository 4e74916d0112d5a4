// The scheduling queue: pending replicas are tried in one batch per step, in id order; those no host
// can take are parked per service until a host that could hold them grows (a release, a host coming
// up) or their retry timer fires, so that a full cluster is not re-searched on every step.
#include <algorithm>
#include <cmath>

#include "control/control_plane.h"

namespace drydock {
namespace {


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

}  // namespace drydock
