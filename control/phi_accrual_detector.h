// The phi accrual failure detector (Hayashibara et al., 2004) in Akka's normal-distribution form.
//
// Instead of a yes/no timeout it outputs a suspicion level phi = -log10(P(a heartbeat still arrives
// later than now)), where heartbeat intervals are modelled as normally distributed with the mean and
// standard deviation of the recent history. phi = 8 means a 1e-8 chance that the host is merely late.
// Akka's defaults: threshold 8, history of 1000 intervals, min std deviation 100 ms, acceptable pause
// 3 s (added to the mean, so a GC pause that long is tolerated), and a first-heartbeat estimate that
// seeds the history before real intervals exist. The normal CDF uses Akka's logistic approximation.
//
// Two thresholds map phi onto the control plane's three states: `suspect_threshold` (stop placing work
// there; ours, Akka has no such state) and `threshold` (declared down: its replicas are replaced; Akka's
// "unreachable").
#pragma once

#include <vector>

#include "control/failure_detector.h"

namespace drydock {

class PhiAccrualDetector final : public FailureDetector {
 public:
  explicit PhiAccrualDetector(PhiAccrualConfig config) : config_(config) {}
  std::string_view name() const override { return "phi-accrual"; }
  void heartbeat(HostId host, Time now) override;
  HostHealth health(HostId host, Time now) const override;
  Time next_change(HostId host, Time now) const override;
  std::string describe() const override;

  // The suspicion level of `host` at `now`; 0 for a host never heard from.
  double phi(HostId host, Time now) const;
  // Mean and standard deviation of the interval history (before the acceptable pause and the floor).
  double mean_interval(HostId host) const;
  double std_deviation(HostId host) const;

 private:
  struct History {
    Time last = 0;
    bool seen = false;
    std::vector<double> intervals;  // ring buffer of at most max_samples
    std::size_t head = 0;           // next slot to overwrite once full
    double sum = 0, sum_sq = 0;
  };
  void add(History& h, double interval) const;
  const History* find(HostId host) const { return host.value < hosts_.size() && hosts_[host.value].seen ? &hosts_[host.value] : nullptr; }
  double phi_of(const History& h, Time now) const;

  PhiAccrualConfig config_;
  std::vector<History> hosts_;
};

// The earliest time t in (now, now + horizon] with `crossed(t)`, for a predicate that is false at `now`
// and stays true once true; kNever if none. Found by bisection down to adjacent doubles, so that
// health() evaluated at the returned time sees the crossing exactly (see FixedTimeoutDetector::health).
template <class Pred>
Time first_time_when(Time now, Pred crossed, Time horizon = 1e9) {
  Time step = 1.0, hi = now + step;
  while (!crossed(hi)) {
    step *= 2;
    if (step > horizon) return kNever;
    hi = now + step;
  }
  Time lo = now;
  for (int i = 0; i < 200; ++i) {
    const Time mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    (crossed(mid) ? hi : lo) = mid;
  }
  return hi;
}

// What a phi value means against a detector's two thresholds (both phi detectors share it).
inline HostHealth health_of_phi(double phi, double suspect_threshold, double threshold) {
  if (phi >= threshold) return HostHealth::kDown;
  if (phi >= suspect_threshold) return HostHealth::kSuspected;
  return HostHealth::kAlive;
}

// When phi, growing as `phi_at(t)` without heartbeats, next crosses the threshold above its value at
// `now`; kNever once past both.
template <class PhiAt>
Time next_phi_crossing(Time now, double suspect_threshold, double threshold, PhiAt phi_at) {
  const double p = phi_at(now);
  const double target = p < suspect_threshold ? suspect_threshold : p < threshold ? threshold : -1;
  if (target < 0) return kNever;
  return first_time_when(now, [&](Time t) { return phi_at(t) >= target; });
}

}  // namespace drydock
