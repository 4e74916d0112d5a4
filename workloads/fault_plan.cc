#include "workloads/fault_plan.h"

#include <algorithm>
#include <cmath>

#include "model/rng.h"

namespace drydock {

Time weibull_time(double u, Time mean, double shape) {
  const double scale = mean / std::tgamma(1.0 + 1.0 / shape);
  return scale * std::pow(-std::log1p(-u), 1.0 / shape);
}

std::vector<FaultAction> plan_faults(const Scenario& s) {
  using A = FaultAction::Kind;
  using K = FaultSpec::Kind;
  std::vector<FaultAction> plan;
  auto index_of = [&](const std::string& name) {
    for (std::size_t i = 0; i < s.hosts.size(); ++i)
      if (s.hosts[i].name == name) return i;
    return s.hosts.size();
  };
  // One stream per fault spec and per host, so adding a host or a fault does not reshuffle the others.
  Rng base(s.seed ^ 0xFA17FA17ULL);
  for (std::size_t f = 0; f < s.faults.size(); ++f) {
    const FaultSpec& spec = s.faults[f];
    Rng stream = base.fork(f);
    std::vector<std::size_t> hosts;
    for (const auto& name : spec.hosts.empty() && !spec.host.empty() ? std::vector<std::string>{spec.host} : spec.hosts)
      if (const std::size_t i = index_of(name); i < s.hosts.size()) hosts.push_back(i);
    const Time end = std::min(spec.until, s.duration);
    switch (spec.kind) {
      case K::kHostCrash:
        for (std::size_t h : hosts) {
          plan.push_back({spec.at, A::kCrash, h});
          if (spec.duration > 0) plan.push_back({spec.at + spec.duration, A::kRecover, h});
        }
        break;
      case K::kHostRecover:
        for (std::size_t h : hosts) plan.push_back({spec.at, A::kRecover, h});
        break;
      case K::kHostHang:
        for (std::size_t h : hosts) {
          plan.push_back({spec.at, A::kHang, h});
          plan.push_back({spec.at + spec.duration, A::kResume, h});
        }
        break;
      case K::kHeartbeatDelay:
        for (std::size_t h : hosts) plan.push_back({spec.at, A::kDelayHeartbeats, h, 0, spec.duration});
        break;
      case K::kPartition:
        for (std::size_t h : hosts) {
          plan.push_back({spec.at, A::kPartition, h});
          if (spec.duration > 0) plan.push_back({spec.at + spec.duration, A::kHeal, h});
        }
        break;
      case K::kRandomFailures:
        // Alternating renewal process per host: up for a Weibull(mtbf, shape) time, down for an
        // exponential(mttr) time.
        for (std::size_t h : hosts) {
          Rng r = stream.fork(h);
          Time t = spec.at;
          for (;;) {
            t += weibull_time(r.uniform(), spec.mtbf, spec.shape);
            if (t > end) break;
            plan.push_back({t, A::kCrash, h});
            t += r.exponential(spec.mttr);
            plan.push_back({t, A::kRecover, h});
          }
        }
        break;
      case K::kContainerCrashes: {
        std::size_t service = 0;
        for (std::size_t i = 0; i < s.services.size(); ++i)
          if (s.services[i].name == spec.service) service = i;
        // A Poisson process of crashes over the whole service: exponential gaps with mean mtbf.
        for (Time t = spec.at + stream.exponential(spec.mtbf); t <= end; t += stream.exponential(spec.mtbf))
          plan.push_back({t, A::kContainerCrash, 0, service});
        break;
      }
    }
  }
  std::stable_sort(plan.begin(), plan.end(), [](const FaultAction& a, const FaultAction& b) { return a.at < b.at; });
  return plan;
}

}  // namespace drydock
