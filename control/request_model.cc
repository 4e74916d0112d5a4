#include "control/request_model.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace drydock {

QueueState mm1k(double lambda, const QueueModel& queue) {
  QueueState s;
  const int k = std::max(1, queue.queue_limit);
  const double mu = queue.service_rate;
  if (lambda <= 0 || mu <= 0) return s;
  const double rho = lambda / mu;
  // pi_n proportional to rho^n, computed relative to the largest term so that no power overflows.
  std::vector<double> pi(static_cast<std::size_t>(k) + 1);
  const double log_rho = std::log(rho);
  const double top = rho >= 1 ? k * log_rho : 0;
  double total = 0;
  for (int n = 0; n <= k; ++n) total += pi[n] = std::exp(n * log_rho - top);
  for (double& p : pi) p /= total;
  s.blocking = pi[k];
  s.utilization = 1 - pi[0];
  double in_system = 0;
  for (int n = 0; n <= k; ++n) in_system += n * pi[n];
  const double admitted = lambda * (1 - s.blocking);
  s.mean_response = admitted > 0 ? in_system / admitted : 0;

  // An admitted arrival that finds n requests waits for n + 1 service times: Erlang(n + 1, mu).
  // P(response <= t) = sum_n q_n P(Erlang(n + 1) <= t), q_n = pi_n / (1 - pi_K), n < K.
  auto cdf = [&](double t) {
    const double x = mu * t;
    double poisson_sum = 0, c = 0;  // poisson_sum = P(Poisson(x) <= n) after step n
    // The terms e^-x x^n / n! by recurrence (cheap); in logs when e^-x would underflow.
    const bool logs = x > 700;
    double term = std::exp(-x);
    for (int n = 0; n < k; ++n) {
      if (n > 0) term = logs ? std::exp(-x + n * std::log(x) - std::lgamma(n + 1.0)) : term * x / n;
      poisson_sum += term;
      c += pi[n] * (1 - std::min(1.0, poisson_sum));
    }
    return c / (1 - s.blocking);
  };
  auto quantile = [&](double q) {
    double lo = 0, hi = (k + 1) / mu;
    while (cdf(hi) < q) hi *= 2;
    for (int i = 0; i < 100; ++i) {
      const double mid = (lo + hi) / 2;
      (cdf(mid) < q ? lo : hi) = mid;
    }
    return hi;
  };
  s.p50 = quantile(0.5);
  s.p99 = quantile(0.99);
  return s;
}

ServiceLoad evaluate_load(double offered, int serving, int stuck, Balancer balancer, const QueueModel& queue) {
  ServiceLoad out;
  out.offered = offered;
  const int n = serving + stuck;
  if (n == 0 || serving == 0) {
    out.dropped = offered;
    return out;
  }
  double to_stuck = 0;
  switch (balancer) {
    case Balancer::kRoundRobin: to_stuck = offered * stuck / n; break;
    case Balancer::kLeastOutstanding: to_stuck = 0; break;
    case Balancer::kPowerOfTwo: {
      const double f = static_cast<double>(stuck) / n;
      to_stuck = offered * f * f;
      break;
    }
  }
  const double per_replica = (offered - to_stuck) / serving;
  const QueueState q = mm1k(per_replica, queue);
  out.utilization = q.utilization;
  out.served = per_replica * (1 - q.blocking) * serving;
  out.dropped = offered - out.served;
  out.has_latency = out.served > 0;
  // With no load the latency of a request is one service time.
  out.latency_mean = per_replica > 0 ? q.mean_response : 1 / queue.service_rate;
  out.latency_p50 = per_replica > 0 ? q.p50 : std::log(2.0) / queue.service_rate;
  out.latency_p99 = per_replica > 0 ? q.p99 : std::log(100.0) / queue.service_rate;
  out.has_latency = true;
  return out;
}

}  // namespace drydock
