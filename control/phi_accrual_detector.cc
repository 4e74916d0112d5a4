#include "control/phi_accrual_detector.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace drydock {

void PhiAccrualDetector::add(History& h, double interval) const {
  const std::size_t cap = static_cast<std::size_t>(std::max(1, config_.max_samples));
  if (h.intervals.size() < cap) {
    h.intervals.push_back(interval);
  } else {
    const double old = h.intervals[h.head];
    h.sum -= old;
    h.sum_sq -= old * old;
    h.intervals[h.head] = interval;
    h.head = (h.head + 1) % cap;
  }
  h.sum += interval;
  h.sum_sq += interval * interval;
}

void PhiAccrualDetector::heartbeat(HostId host, Time now) {
  if (host.value >= hosts_.size()) hosts_.resize(host.value + 1);
  History& h = hosts_[host.value];
  if (!h.seen) {
    // Akka seeds the history with two intervals around the estimate: mean = estimate, std dev = mean/4.
    const double mean = config_.first_heartbeat_estimate, sd = mean / 4;
    add(h, mean - sd);
    add(h, mean + sd);
    h.seen = true;
    h.last = now;
    return;
  }
  if (now <= h.last) return;  // a duplicate or out-of-order beat says nothing new
  // As Akka: the first beat after the host was judged unavailable is not a sample, since the long gap
  // (a crash and a reboot) would inflate the mean and slow every later detection.
  if (phi_of(h, now) < config_.threshold) add(h, now - h.last);
  h.last = now;
}

double PhiAccrualDetector::phi_of(const History& h, Time now) const {
  const double n = static_cast<double>(h.intervals.size());
  const double mean = h.sum / n;
  const double variance = std::max(0.0, h.sum_sq / n - mean * mean);
  const double sd = std::max(std::sqrt(variance), config_.min_std_deviation);
  const double expected = mean + config_.acceptable_pause;
  const double diff = now - h.last;
  // Akka's logistic approximation of the normal CDF; the two branches keep precision on either side.
  const double y = (diff - expected) / sd;
  const double e = std::exp(-y * (1.5976 + 0.070566 * y * y));
  if (diff > expected) return -std::log10(e / (1.0 + e));
  return -std::log10(1.0 - 1.0 / (1.0 + e));
}

double PhiAccrualDetector::phi(HostId host, Time now) const {
  const History* h = find(host);
  return h ? phi_of(*h, now) : 0.0;
}

double PhiAccrualDetector::mean_interval(HostId host) const {
  const History* h = find(host);
  return h ? h->sum / static_cast<double>(h->intervals.size()) : 0.0;
}

double PhiAccrualDetector::std_deviation(HostId host) const {
  const History* h = find(host);
  if (!h) return 0.0;
  const double n = static_cast<double>(h->intervals.size()), mean = h->sum / n;
  return std::sqrt(std::max(0.0, h->sum_sq / n - mean * mean));
}

HostHealth PhiAccrualDetector::health(HostId host, Time now) const {
  const History* h = find(host);
  if (!h) return HostHealth::kUnknown;
  return health_of_phi(phi_of(*h, now), config_.suspect_threshold, config_.threshold);
}

Time PhiAccrualDetector::next_change(HostId host, Time now) const {
  const History* h = find(host);
  if (!h) return kNever;
  return next_phi_crossing(now, config_.suspect_threshold, config_.threshold,
                           [&](Time t) { return phi_of(*h, t); });
}

std::string PhiAccrualDetector::describe() const {
  char buf[192];
  std::snprintf(buf, sizeof buf, "phi-accrual threshold=%g suspect=%g min_std=%gs pause=%gs first=%gs samples=%d",
                config_.threshold, config_.suspect_threshold, config_.min_std_deviation, config_.acceptable_pause,
                config_.first_heartbeat_estimate, config_.max_samples);
  return buf;
}

}  // namespace drydock
