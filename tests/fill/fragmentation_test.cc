// The FGD fragmentation measure on hand-made nodes; every expected number is worked out in the comments.
#include <gtest/gtest.h>

#include "gpu_test_cluster.h"

namespace drydock {
namespace {

using testing::node;
using testing::use;

TEST(TypicalShapes, SortedByCountThenLargerKeyWithRenormalisedWeights) {
  GpuCluster c({node("a", 8000, 2)});
  const auto t = testing::worked_shapes(c);
  ASSERT_EQ(t.shapes().size(), 3u);
  // 2 pods of (1000, 500, 1); then the two single pods, larger key first: (1000, 1000, 1) > (1000, 0, 0).
  EXPECT_EQ(t.shapes()[0].milli, 500);
  EXPECT_EQ(t.shapes()[1].milli, 1000);
  EXPECT_EQ(t.shapes()[2].milli, 0);
  EXPECT_DOUBLE_EQ(t.shapes()[0].weight, 0.5);
  EXPECT_DOUBLE_EQ(t.shapes()[1].weight, 0.25);
  EXPECT_DOUBLE_EQ(t.shapes()[2].weight, 0.25);
}

TEST(TypicalShapes, StopsOnceCoverageIsReachedAndRenormalises) {
  GpuCluster c({node("a", 8000, 2)});
  // 50 % after the first shape < 70 %, 75 % after the second: two shapes, weights (2/4)/(3/4), (1/4)/(3/4).
  const auto t = testing::shapes(c, {{{1000, 500, 1, ""}, 2}, {{1000, 1000, 1, ""}, 1}, {{1000, 0, 0, ""}, 1}}, 0.7);
  ASSERT_EQ(t.shapes().size(), 2u);
  EXPECT_EQ(t.pods_covered(), 3);
  EXPECT_NEAR(t.shapes()[0].weight, 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(t.shapes()[1].weight, 1.0 / 3.0, 1e-15);
}

TEST(TypicalShapes, ZeroCpuCountsAsKubernetesDefault) {
  GpuCluster c({node("a", 8000, 2)});
  const auto t = testing::shapes(c, {{{0, 0, 0, ""}, 1}, {{100, 0, 0, ""}, 1}});
  ASSERT_EQ(t.shapes().size(), 1u);  // one key: (100, 0, 0)
  EXPECT_EQ(t.shapes()[0].cpu_milli, 100);
  EXPECT_EQ(t.shapes()[0].pods, 2);
}

TEST(Fragmentation, TooSmallGpusAreFragmentForAShapeThatFitsAndCpuOnlyShapesAlwaysAre) {
  GpuCluster c({node("a", 4000, 2)});
  use(c, 0, 0, {0, 700});  // GPUs free [1000, 300], CPU free 4000, idle F = 1300
  const auto t = testing::worked_shapes(c);
  const auto b = node_fragmentation(c.cpu_free(0), c.gpu_free(0), c.model(0), t);
  // (1000,500,1) p .5: fits on GPU 0; GPU 1 (300) is too small: q2 += .5*300 = 150, q3 += .5*1000 = 500.
  // (1000,1000,1) p .25: fits on GPU 0: q2 += .25*300 = 75, q3 += .25*1000 = 250.
  // (1000,0,0) p .25: CPU-only, CPU fits: xl += .25*1300 = 325.
  EXPECT_DOUBLE_EQ(b.q2_lack_gpu, 225);
  EXPECT_DOUBLE_EQ(b.q3_satisfied, 750);
  EXPECT_DOUBLE_EQ(b.xl_satisfied, 325);
  EXPECT_DOUBLE_EQ(b.q1_lack_both + b.q4_lack_cpu + b.xr_lack_cpu + b.no_access, 0);
  EXPECT_DOUBLE_EQ(b.fragment(), 550);  // everything but q3
}

TEST(Fragmentation, ANodeOutOfCpuIsAllFragment) {
  GpuCluster c({node("a", 4000, 2)});
  use(c, 0, 3500, {0, 700});  // CPU free 500 < every shape's 1000
  const auto t = testing::worked_shapes(c);
  const auto b = node_fragmentation(c.cpu_free(0), c.gpu_free(0), c.model(0), t);
  // GPU shapes fit on GPUs but not CPU: q4 += (.5 + .25)*1300 = 975; CPU-only lacks CPU: xr += .25*1300.
  EXPECT_DOUBLE_EQ(b.q4_lack_cpu, 975);
  EXPECT_DOUBLE_EQ(b.xr_lack_cpu, 325);
  EXPECT_DOUBLE_EQ(b.fragment(), 1300);
}

TEST(Fragmentation, AShapeThatDoesNotAcceptTheModelSeesNoAccessAndMultiGpuShapesNeedEnoughGpus) {
  GpuCluster c({node("a", 8000, 2, "T4")});
  use(c, 0, 0, {0, 400});  // GPUs free [1000, 600], F = 1600
  const auto t = testing::shapes(c, {{{1000, 500, 1, "V100"}, 1}, {{1000, 500, 1, "T4|A10"}, 1}, {{1000, 1000, 2, ""}, 2}});
  // Sorted: (1000,1000,2) p .5; then (1000,500,1,"V100") > (1000,500,1,"T4|A10") p .25 each.
  // 2 whole GPUs: only one GPU has 1000 free: q2 += .5*1600 = 800 (CPU fits).
  // V100 only: no_access += .25*1600 = 400. T4 accepted, both GPUs fit 500: q3 += .25*1600 = 400.
  const auto b = node_fragmentation(c.cpu_free(0), c.gpu_free(0), c.model(0), t);
  EXPECT_DOUBLE_EQ(b.q2_lack_gpu, 800);
  EXPECT_DOUBLE_EQ(b.no_access, 400);
  EXPECT_DOUBLE_EQ(b.q3_satisfied, 400);
  EXPECT_DOUBLE_EQ(b.fragment(), 1200);
}

}  // namespace
}  // namespace drydock
