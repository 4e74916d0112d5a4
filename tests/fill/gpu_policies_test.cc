// The six GPU policies' integer scores, the tie rule, the GPU choice and the device-level fit, on
// hand-made nodes. Each expected number is worked out in the comment beside it (FGD-PROTOCOL.md 3).
#include <gtest/gtest.h>

#include <numeric>
#include <set>

#include "gpu_test_cluster.h"
#include "schedulers/gpu/gpu_policy.h"
#include "schedulers/scheduler.h"

namespace drydock {
namespace {

using testing::node;
using testing::use;

std::vector<int> scores_of(std::string_view policy, GpuCluster& c, const GpuPod& pod, bool normalise = false) {
  auto p = make_gpu_policy(policy);
  const TypicalShapes typical = testing::worked_shapes(c);
  p->prepare(c, typical);
  std::vector<int> feasible(c.size());
  std::iota(feasible.begin(), feasible.end(), 0);
  std::vector<int> scores(c.size());
  GoRand rng(1);
  p->score(c, pod, feasible, scores, rng);
  if (normalise) p->normalise(scores);
  return scores;
}

GpuPod share(const GpuCluster& c, std::int64_t cpu, int milli) { return c.pod(cpu, 0, GpuRequest{1, milli, {}}); }
GpuPod whole(const GpuCluster& c, std::int64_t cpu, int count) { return c.pod(cpu, 0, GpuRequest{count, 1000, {}}); }

TEST(DeviceFit, AShareNeverSpansTwoGpus) {
  GpuCluster c({node("a", 8000, 2)});
  use(c, 0, 0, {700, 700});  // free [300, 300]: 600 in total
  EXPECT_FALSE(c.feasible(0, share(c, 100, 460)));
  EXPECT_TRUE(c.feasible(0, share(c, 100, 300)));
  GoRand rng(1);
  const TypicalShapes t = testing::worked_shapes(c);
  const auto p = choose_devices(c, 0, share(c, 100, 300), GpuChoice::kBest, t, rng);
  ASSERT_EQ(p.device_count, 1);
  c.allocate(0, share(c, 100, 300), p.gpus());
  EXPECT_EQ(c.gpu_free(0)[0] + c.gpu_free(0)[1], 300);  // one GPU emptied, the other untouched
  EXPECT_EQ(std::max(c.gpu_free(0)[0], c.gpu_free(0)[1]), 300);
}

TEST(DeviceFit, MultiGpuPodsNeedThatManyWholeFreeGpusAndTakeTheLowestIndexed) {
  GpuCluster c({node("a", 8000, 4)});
  use(c, 0, 0, {0, 100, 0, 0});  // free [1000, 900, 1000, 1000]: 3.9 GPUs free, 3 whole
  EXPECT_TRUE(c.feasible(0, whole(c, 100, 3)));
  EXPECT_FALSE(c.feasible(0, whole(c, 100, 4)));
  GoRand rng(1);
  const TypicalShapes t = testing::worked_shapes(c);
  const auto p = choose_devices(c, 0, whole(c, 100, 2), GpuChoice::kFgd, t, rng);  // whatever the choice
  ASSERT_EQ(p.device_count, 2);
  EXPECT_EQ(p.devices[0], 0);
  EXPECT_EQ(p.devices[1], 2);
}

TEST(DeviceFit, ModelListsAreHonoured) {
  GpuCluster c({node("a", 8000, 1, "T4"), node("b", 8000, 1, "V100M32")});
  const GpuPod v100 = c.pod(100, 0, GpuRequest{1, 500, {"V100M32", "A100"}});
  EXPECT_FALSE(c.feasible(0, v100));
  EXPECT_TRUE(c.feasible(1, v100));
  const GpuPod unknown = c.pod(100, 0, GpuRequest{1, 500, {"H100"}});
  EXPECT_FALSE(c.feasible(0, unknown));
  EXPECT_FALSE(c.feasible(1, unknown));
}

TEST(GpuChoice, BestTakesTheFittingGpuWithLeastFreeLowestIndexOnTies) {
  GpuCluster c({node("a", 8000, 3), node("b", 8000, 2)});
  use(c, 0, 0, {500, 300, 550});  // free [500, 700, 450]
  use(c, 1, 0, {500, 500});       // free [500, 500]
  GoRand rng(1);
  const TypicalShapes t = testing::worked_shapes(c);
  EXPECT_EQ(choose_devices(c, 0, share(c, 100, 400), GpuChoice::kBest, t, rng).devices[0], 2);  // 450 is the tightest
  EXPECT_EQ(choose_devices(c, 0, share(c, 100, 460), GpuChoice::kBest, t, rng).devices[0], 0);  // 450 too small
  EXPECT_EQ(choose_devices(c, 1, share(c, 100, 400), GpuChoice::kBest, t, rng).devices[0], 0);  // tie: lowest
}

TEST(GpuChoice, RandomIsUniformOverTheFittingGpusOnly) {
  GpuCluster c({node("a", 8000, 3)});
  use(c, 0, 0, {0, 700, 0});  // free [1000, 300, 1000]
  const TypicalShapes t = testing::worked_shapes(c);
  GoRand rng(3);
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 400; ++i) ++counts[choose_devices(c, 0, share(c, 100, 500), GpuChoice::kRandom, t, rng).devices[0]];
  EXPECT_EQ(counts[1], 0);
  EXPECT_GT(counts[0], 150);
  EXPECT_GT(counts[2], 150);
}

TEST(GpuChoice, FgdTakesTheGpuThatLeavesLessFragmentNotTheTightest) {
  GpuCluster c({node("a", 4000, 2)});
  use(c, 0, 0, {500, 300});  // free [500, 700], F = 1200
  const TypicalShapes t = testing::worked_shapes(c);
  // Before: (500,1) fits both: q3 .5*1200; (1000,1) fits none: q2 .25*1200 = 300; xl .25*1200 = 300. Frag 600.
  // A 200 share on GPU 0 -> [300, 700]: (500,1): GPU 1 fits, 300 too small: q2 .5*300 = 150;
  //   (1000,1): q2 .25*1000 = 250; xl 250. Frag 650: delta -50, int(100 sigmoid(-0.05)) = int(48.75) = 48.
  // On GPU 1 -> [500, 500]: (500,1) fits both: q3; (1000,1): q2 250; xl 250. Frag 500: delta +100,
  //   int(100 sigmoid(0.1)) = int(52.498) = 52.
  const double before = node_fragment(c.cpu_free(0), c.gpu_free(0), c.model(0), t);
  EXPECT_DOUBLE_EQ(before, 600);
  const FgdScore s = fgd_score(c, 0, share(c, 1000, 200), t, before);
  EXPECT_EQ(s.score, 52);
  EXPECT_EQ(s.device, 1);
  GoRand rng(1);
  EXPECT_EQ(choose_devices(c, 0, share(c, 1000, 200), GpuChoice::kFgd, t, rng).devices[0], 1);
  EXPECT_EQ(choose_devices(c, 0, share(c, 1000, 200), GpuChoice::kBest, t, rng).devices[0], 0);
}

TEST(FgdScore, ZeroDeltaScoresExactlyFiftyAndAGainScoresAbove) {
  GpuCluster c({node("a", 4000, 2), node("b", 4000, 2)});
  use(c, 0, 0, {0, 700});  // [1000, 300]
  use(c, 1, 0, {400, 0});  // [600, 1000]
  const TypicalShapes t = testing::worked_shapes(c);
  // Node a: before 550 (see fragmentation_test). A 500 share fits only GPU 0 -> [500, 300], CPU 3000:
  //   (500,1): q2 .5*300 = 150; (1000,1): q2 .25*800 = 200; xl .25*800 = 200 -> 550. Delta 0 -> 50.
  // Node b: before: (500,1) q3; (1000,1): 600 too small: q2 .25*600 = 150; xl .25*1600 = 400 -> 550.
  //   On GPU 0 -> [100, 1000]: q2 .5*100 + .25*100 = 75; xl .25*1100 = 275 -> 350: delta 200 ->
  //   int(100 sigmoid(0.2)) = int(54.983) = 54. On GPU 1 -> [600, 500]: (1000,1) q2 .25*1100; xl 275 -> 550: 50.
  const auto scores = scores_of("fgd", c, share(c, 1000, 500));
  EXPECT_EQ(scores[0], 50);
  EXPECT_EQ(scores[1], 54);
}

TEST(DotProduct, IntegerTruncationOfOneMinusHalfTheDotProduct) {
  GpuCluster c({node("a", 64000, 2), node("b", 128000, 8)});
  // a: u = (64000/128000, 2000/8000) = (.5, .25); v = (8000/128000, 500/8000) = (.0625, .0625):
  //    d = .03125 + .015625 = .046875; 100 (1 - d/2) = 97.65625 -> 97.
  // b: u = (1, 1): d = .125; 100 (1 - .0625) = 93.75 -> 93.
  const auto s = scores_of("dot-product", c, share(c, 8000, 500));
  EXPECT_EQ(s[0], 97);
  EXPECT_EQ(s[1], 93);
}

TEST(TieRule, TruncationMakesTiesAndTheLowestIndexWins) {
  // Pod (16000 CPU, 1 whole GPU): v = (.125, .125).
  // Node 0: 72000 CPU, 4 GPUs: u = (.5625, .5): d = .0703125 + .0625 = .1328125 -> 93.359375 -> 93.
  // Node 1: 64000 CPU, 4 GPUs: u = (.5, .5): d = .125 -> 93.75 -> 93. Node 1 is better in floats; the
  // integer scores tie and node 0 wins.
  GpuCluster c({node("n0", 72000, 4), node("n1", 64000, 4)});
  const auto s = scores_of("dot-product", c, whole(c, 16000, 1));
  EXPECT_EQ(s[0], 93);
  EXPECT_EQ(s[1], 93);
  auto policy = make_gpu_policy("dot-product");
  const TypicalShapes t = testing::worked_shapes(c);
  GpuPlacer placer(c, *policy, t);
  GoRand rng(1);
  EXPECT_EQ(placer.place(whole(c, 16000, 1), rng).node, 0);
}

TEST(GpuClustering, SameKindFirstThenMixedThenEmptySmallerNodesFirst) {
  GpuCluster c({node("idle2", 8000, 2), node("shares", 8000, 2), node("mixed", 8000, 8)});
  use(c, 1, 0, {460, 0});  // a sharing pod: classes {share}, free 1540
  use(c, 2, 0, {500});     // a sharing pod ...
  c.allocate(2, whole(c, 0, 1), std::vector<int>{1});  // ... and a 1-GPU pod: classes {share, 1-GPU}, free 6500
  // b = floor(25 (8000 - free) / 8000): idle2 25*6000/8000 = 18; shares 25*6460/8000 = 20; mixed 25*1500/8000 = 4.
  const auto s = scores_of("gpu-clustering", c, share(c, 100, 300));
  EXPECT_EQ(s[0], 25 + 18);  // no GPU pods yet
  EXPECT_EQ(s[1], 75 + 20);  // exactly the pod's class
  EXPECT_EQ(s[2], 50 + 4);   // the pod's class among others
  const auto one = scores_of("gpu-clustering", c, whole(c, 100, 1));
  EXPECT_EQ(one[1], 20);      // only other classes
  EXPECT_EQ(one[2], 50 + 4);
  const auto cpu_only = scores_of("gpu-clustering", c, c.pod(100, 0, {}));
  EXPECT_EQ(cpu_only, (std::vector<int>{0, 0, 0}));
}

TEST(GpuPacking, SharedGpuBeforeFreeGpuOfUsedNodeBeforeIdleNode) {
  GpuCluster c({node("g8", 8000, 8), node("g4", 8000, 4), node("g2", 8000, 2), node("g1", 8000, 1),
                node("used2", 8000, 2), node("used4", 8000, 4)});
  use(c, 4, 0, {460, 0});          // free [540, 1000]
  use(c, 5, 0, {460, 750, 0, 0});  // free [540, 250, 1000, 1000]
  const auto s = scores_of("gpu-packing", c, share(c, 100, 300));
  // Idle nodes: max(33 - G, G): 25, 29, 31, 32.
  EXPECT_EQ(s[0], 25);
  EXPECT_EQ(s[1], 29);
  EXPECT_EQ(s[2], 31);
  EXPECT_EQ(s[3], 32);
  // used2, ascending [540, 1000]: takes 540 (partly used): 100 - floor(floor(540*100/1000)/10) = 100 - 5 = 95.
  EXPECT_EQ(s[4], 95);
  // used4, ascending [250, 540, 1000, 1000]: 250 < 300 skipped, takes 540: 95.
  EXPECT_EQ(s[5], 95);
  // A 200 share on used4 takes 250: 100 - floor(25/10) = 98.
  EXPECT_EQ(scores_of("gpu-packing", c, share(c, 100, 200))[5], 98);
  // A 600 share on used2 takes the free GPU: max(50 - 1, 33) = 49. A 2-GPU pod on used4: max(50 - 2, 33) = 48.
  EXPECT_EQ(scores_of("gpu-packing", c, share(c, 100, 600))[4], 49);
  EXPECT_EQ(scores_of("gpu-packing", c, whole(c, 100, 2))[5], 48);
  EXPECT_EQ(scores_of("gpu-packing", c, c.pod(100, 0, {}))[4], 0);  // CPU-only pods: the tie rule decides
}

TEST(GpuBestFit, TruncatedLeftoverScoresThenIntegerMinMaxNormalisation) {
  GpuCluster c({node("a", 32000, 2), node("b", 64000, 8), node("c", 8000, 1)});
  const GpuPod pod = whole(c, 4000, 1);
  // a: s = (28000/128000) .5 + (1000/8000) .5 = .109375 + .0625 = .171875 -> 82.8125 -> 82.
  // b: s = (60000/128000) .5 + (7000/8000) .5 = .234375 + .4375 = .671875 -> 32.8125 -> 32.
  // c: s = (4000/128000) .5 + 0 = .015625 -> 98.4375 -> 98.
  EXPECT_EQ(scores_of("gpu-best-fit", c, pod), (std::vector<int>{82, 32, 98}));
  // Normalised (s - 32) * 100 / (98 - 32): a 5000 / 66 = 75, b 0, c 100.
  EXPECT_EQ(scores_of("gpu-best-fit", c, pod, true), (std::vector<int>{75, 0, 100}));
  GpuCluster same({node("a", 32000, 2), node("b", 32000, 2)});
  EXPECT_EQ(scores_of("gpu-best-fit", same, whole(same, 4000, 1), true), (std::vector<int>{0, 0}));
}

TEST(GpuRandom, OneFeasibleNodeScoresHundred) {
  GpuCluster c({node("a", 8000, 2), node("b", 8000, 2), node("c", 8000, 2)});
  const auto s = scores_of("random", c, share(c, 100, 300));
  EXPECT_EQ(std::count(s.begin(), s.end(), 100), 1);
  EXPECT_EQ(std::count(s.begin(), s.end(), 0), 2);
}

TEST(GpuPolicies, RegisteredByNameWithTheirGpuChoiceAsParameter) {
  for (const char* name : {"fgd", "gpu-packing", "gpu-clustering", "dot-product", "gpu-best-fit", "random"}) {
    const PolicyInfo* info = PolicyRegistry::instance().find(name);
    ASSERT_NE(info, nullptr) << name;
    ASSERT_TRUE(info->make_gpu) << name;
    EXPECT_EQ(info->make_gpu(PolicyParams())->gpu_choice(), paper_gpu_choice(name)) << name;
    EXPECT_EQ(info->make_gpu(PolicyParams(std::map<std::string, std::string>{{"gpu-choice", "random"}}))->gpu_choice(), GpuChoice::kRandom) << name;
    EXPECT_THROW(info->make_gpu(PolicyParams(std::map<std::string, std::string>{{"gpu-choice", "widest"}})), std::invalid_argument) << name;
  }
  EXPECT_EQ(paper_gpu_choice("fgd"), GpuChoice::kFgd);
  EXPECT_EQ(paper_gpu_choice("random"), GpuChoice::kRandom);
  EXPECT_EQ(paper_gpu_choice("gpu-packing"), GpuChoice::kBest);
  // The device-only policies say where they run instead of failing obscurely in a scenario.
  EXPECT_THROW(PolicyRegistry::instance().make("fgd"), std::invalid_argument);
}

}  // namespace
}  // namespace drydock
