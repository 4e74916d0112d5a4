#include "control/exponential_phi_detector.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "control/phi_accrual_detector.h"  // health_of_phi, next_phi_crossing

namespace drydock {

void ExponentialPhiDetector::add(Window& w, double interval) const {
  const std::size_t cap = static_cast<std::size_t>(std::max(1, config_.max_samples));
  if (w.intervals.size() < cap) {
    w.intervals.push_back(interval);
  } else {
    w.sum -= w.intervals[w.head];
    w.intervals[w.head] = interval;
    w.head = (w.head + 1) % cap;
  }
  w.sum += interval;
}

void ExponentialPhiDetector::heartbeat(HostId host, Time now) {
  if (host.value >= hosts_.size()) hosts_.resize(host.value + 1);
  Window& w = hosts_[host.value];
  if (!w.seen) {
    add(w, config_.initial_interval);
    w.seen = true;
    w.last = now;
    return;
  }
  if (now <= w.last) return;
  if (now - w.last <= config_.max_interval) add(w, now - w.last);
  w.last = now;
}

double ExponentialPhiDetector::phi_of(const Window& w, Time now) {
  const double mean = w.sum / static_cast<double>(w.intervals.size());
  return (now - w.last) / (mean * std::log(10.0));
}

double ExponentialPhiDetector::phi(HostId host, Time now) const {
  const Window* w = find(host);
  return w ? phi_of(*w, now) : 0.0;
}

HostHealth ExponentialPhiDetector::health(HostId host, Time now) const {
  const Window* w = find(host);
  if (!w) return HostHealth::kUnknown;
  return health_of_phi(phi_of(*w, now), config_.suspect_threshold, config_.threshold);
}

Time ExponentialPhiDetector::next_change(HostId host, Time now) const {
  const Window* w = find(host);
  if (!w) return kNever;
  return next_phi_crossing(now, config_.suspect_threshold, config_.threshold,
                           [&](Time t) { return phi_of(*w, t); });
}

std::string ExponentialPhiDetector::describe() const {
  char buf[160];
  std::snprintf(buf, sizeof buf, "phi-exponential threshold=%g suspect=%g initial=%gs max_interval=%gs samples=%d",
                config_.threshold, config_.suspect_threshold, config_.initial_interval, config_.max_interval,
                config_.max_samples);
  return buf;
}

}  // namespace drydock
