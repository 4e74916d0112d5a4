// Load curves and the request model: M/M/1/K figures against closed forms, and what each balancer does
// with replicas that are stuck on a hung host.
#include <gtest/gtest.h>

#include <cmath>

#include "model/load_curve.h"
#include "control/request_model.h"

namespace drydock {
namespace {

TEST(LoadCurve, Shapes) {
  LoadCurve c;
  EXPECT_EQ(c.at_time(5), 0.0);
  c.kind = LoadCurve::Kind::kConstant;
  c.rate = 50;
  EXPECT_EQ(c.at_time(1e6), 50.0);

  LoadCurve d;
  d.kind = LoadCurve::Kind::kDiurnal;
  d.base = 100;
  d.peak = 1000;
  d.period = 86400;
  d.peak_at = 14 * 3600;
  EXPECT_NEAR(d.at_time(14 * 3600), 1000, 1e-9);
  EXPECT_NEAR(d.at_time(2 * 3600), 100, 1e-9);  // half a period later
  EXPECT_NEAR(d.at_time(8 * 3600), 550, 1e-9);  // halfway up

  LoadCurve s;
  s.kind = LoadCurve::Kind::kSpike;
  s.rate = 100;
  s.peak = 900;
  s.at = 60;
  s.duration = 30;
  EXPECT_EQ(s.at_time(59.9), 100.0);
  EXPECT_EQ(s.at_time(60), 900.0);
  EXPECT_EQ(s.at_time(90), 100.0);

  LoadCurve st;
  st.kind = LoadCurve::Kind::kStep;
  st.rate = 10;
  st.to = 20;
  st.at = 5;
  EXPECT_EQ(st.at_time(4), 10.0);
  EXPECT_EQ(st.at_time(5), 20.0);

  LoadCurve p;
  p.kind = LoadCurve::Kind::kPoints;
  p.points = {{0, 10}, {10, 30}, {20, -5}};
  EXPECT_EQ(p.at_time(-1), 10.0);
  EXPECT_EQ(p.at_time(5), 20.0);
  EXPECT_EQ(p.at_time(20), 0.0);  // never negative
  EXPECT_EQ(p.at_time(99), 0.0);
}

TEST(Mm1k, MatchesMm1WhenTheQueueIsLong) {
  // K large: M/M/1. Utilization rho, mean response 1/(mu - lambda), response ~ Exp(mu - lambda).
  QueueModel q{100, 1000};
  const QueueState s = mm1k(60, q);
  EXPECT_NEAR(s.utilization, 0.6, 1e-9);
  EXPECT_NEAR(s.blocking, 0, 1e-12);
  EXPECT_NEAR(s.mean_response, 1.0 / 40, 1e-9);
  EXPECT_NEAR(s.p50, std::log(2.0) / 40, 1e-6);
  EXPECT_NEAR(s.p99, std::log(100.0) / 40, 1e-6);
}

TEST(Mm1k, BlockingMatchesTheClosedForm) {
  QueueModel q{10, 5};
  const double rho = 1.5;
  const QueueState s = mm1k(15, q);
  const double p_k = (1 - rho) * std::pow(rho, 5) / (1 - std::pow(rho, 6));
  EXPECT_NEAR(s.blocking, p_k, 1e-12);
  // Overloaded: busy nearly always, and the latency is bounded by the queue (at most K service times).
  EXPECT_GT(s.utilization, 0.6);
  EXPECT_LT(s.p99, 5 * std::log(100.0) / 10 + 1);
  // Far past saturation nothing overflows.
  const QueueState huge = mm1k(1e6, QueueModel{1, 100});
  EXPECT_NEAR(huge.blocking, 1, 1e-3);
  EXPECT_NEAR(huge.utilization, 1, 1e-9);
  EXPECT_TRUE(std::isfinite(huge.p99));
}

TEST(RequestModel, BalancersAndStuckReplicas) {
  const QueueModel q{100, 100};
  // 8 serving, 2 stuck, 400 requests/s.
  const ServiceLoad rr = evaluate_load(400, 8, 2, Balancer::kRoundRobin, q);
  EXPECT_NEAR(rr.dropped, 80, 1e-6);  // the stuck replicas' 1/5 share
  EXPECT_NEAR(rr.utilization, 0.4, 1e-6);
  const ServiceLoad lo = evaluate_load(400, 8, 2, Balancer::kLeastOutstanding, q);
  EXPECT_NEAR(lo.dropped, 0, 1e-6);
  EXPECT_NEAR(lo.utilization, 0.5, 1e-6);
  const ServiceLoad p2 = evaluate_load(400, 8, 2, Balancer::kPowerOfTwo, q);
  EXPECT_NEAR(p2.dropped, 400 * 0.04, 1e-6);  // (2/10)^2
  EXPECT_GT(p2.latency_p99, rr.latency_p99);   // more load on the serving ones than round robin
  // No replica: everything is dropped and there is no latency to report.
  const ServiceLoad none = evaluate_load(100, 0, 3, Balancer::kRoundRobin, q);
  EXPECT_EQ(none.dropped, 100);
  EXPECT_FALSE(none.has_latency);
  EXPECT_EQ(to_string(Balancer::kPowerOfTwo), "power-of-two");
}

}  // namespace
}  // namespace drydock
