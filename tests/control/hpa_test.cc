// The HPA: Kubernetes' formula, tolerance, scale-down stabilization and rate limits.
#include <gtest/gtest.h>

#include "control/hpa.h"

namespace drydock {
namespace {

HpaConfig config(int min, int max, double target) {
  HpaConfig c;
  c.min_replicas = min;
  c.max_replicas = max;
  c.target_utilization = target;
  return c;
}

TEST(Hpa, DesiredIsCeilOfCurrentTimesRatio) {
  Hpa h(config(1, 100, 0.5));
  EXPECT_EQ(h.recommend(0, 4, 4, 0.9), 8);  // ceil(4 x 1.8) = 8 (limit: max(4+4, 2x4) = 8)
  Hpa g(config(1, 100, 0.5));
  EXPECT_EQ(g.recommend(0, 10, 10, 0.6), 12);
}

TEST(Hpa, WithinToleranceNothingChanges) {
  Hpa h(config(1, 100, 0.5));
  EXPECT_EQ(h.recommend(0, 10, 10, 0.54), 10);  // ratio 1.08
  EXPECT_EQ(h.recommend(15, 10, 10, 0.46), 10);  // ratio 0.92
  EXPECT_EQ(h.recommend(30, 10, 10, 0.56), 12);  // ratio 1.12: ceil(11.2)
}

TEST(Hpa, ScaleUpIsRateLimited) {
  Hpa h(config(1, 1000, 0.5));
  // Utilization 1.0 on 2 replicas wants 4; on 10 wants 20: both within max(4 pods, 100 %).
  EXPECT_EQ(h.recommend(0, 2, 2, 1.0), 4);
  Hpa g(config(1, 1000, 0.1));
  // Wants ceil(10 x 10) = 100, limited to 2 x 10 = 20 in one period.
  EXPECT_EQ(g.recommend(0, 10, 10, 1.0), 20);
  // Within the same 15 s period the limit still counts from 10.
  EXPECT_EQ(g.recommend(5, 20, 20, 1.0), 20);
  EXPECT_EQ(g.recommend(16, 20, 20, 1.0), 40);
}

TEST(Hpa, ScaleDownWaitsForTheStabilizationWindow) {
  Hpa h(config(1, 100, 0.5));
  EXPECT_EQ(h.recommend(0, 10, 10, 0.5), 10);
  // Load drops: the raw recommendation is 2, but a 10 was recommended within the last 300 s.
  int current = 10;
  for (Time t = 15; t < 300; t += 15) {
    current = h.recommend(t, current, current, 0.1);
    EXPECT_EQ(current, 10) << t;
  }
  current = h.recommend(315, current, current, 0.1);
  EXPECT_EQ(current, 2);
}

TEST(Hpa, ClampsAndIgnoresMissingMetrics) {
  Hpa h(config(3, 5, 0.5));
  EXPECT_EQ(h.recommend(0, 4, 4, 1.0), 5);
  Hpa g(config(3, 5, 0.5));
  EXPECT_EQ(g.recommend(0, 4, 0, 0.0), 4);  // no ready replica: no metric, no change
  Hpa z(config(3, 5, 0.5));
  EXPECT_EQ(z.recommend(0, 1, 1, 0.5), 3);  // below the minimum: raised to it
}

}  // namespace
}  // namespace drydock
