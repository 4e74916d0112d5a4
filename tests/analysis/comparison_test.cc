// Two synthetic result sets with a known difference, written to disk as results directories and read
// back the way `drydock report` reads them: the comparison must find the difference, call identical
// policies "no significant difference", and rank by the metric's direction.
#include <gtest/gtest.h>

#include <random>

#include "analysis/comparison.h"
#include "analysis/comparison_format.h"
#include "analysis/run_set.h"
#include "tests/analysis/synthetic_results.h"

namespace drydock {
namespace {

using testing::fresh_dir;
using testing::write_synthetic_run;

const PolicyMetric& find(const GroupComparison& g, const std::string& metric, const std::string& policy) {
  for (const auto& m : g.metrics)
    if (m.def.name == metric)
      for (const auto& p : m.policies)
        if (p.policy == policy) return p;
  throw std::runtime_error("no " + metric + " for " + policy);
}

// 12 seeds. Per seed a workload effect shared by all policies (as a seed fixes the workload);
// "slow" recovers 2.0 s later than "fast" on every seed, +/- noise; "fast-copy" is "fast" exactly;
// "noisy" is "fast" plus zero-mean noise. Fragmentation (higher = worse) is the other way round.
std::string make_runs() {
  const std::string root = fresh_dir("comparison");
  std::mt19937_64 rng(7);
  std::normal_distribution<double> workload(20.0, 6.0), noise(0.0, 0.3);
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const double w = workload(rng);
    const double fast = w, slow = w + 2.0 + noise(rng), noisy = w + noise(rng);
    auto write = [&](const std::string& policy, double recovery, double frag) {
      write_synthetic_run(root + "/" + policy + "/seed-" + std::to_string(seed), policy, seed,
                          {{"all_running_at", recovery}, {"fragmentation_end", frag}, {"hosts_in_use_end", 5}});
    };
    write("fast", fast, 0.30);
    write("slow", slow, 0.10 + 0.01 * noise(rng));
    write("fast-copy", fast, 0.30);
    write("noisy", noisy, 0.30);
  }
  return root;
}

TEST(Comparison, FindsTheKnownDifferenceAndOnlyIt) {
  const RunSet set = load_run_set({make_runs()});
  ASSERT_EQ(set.runs.size(), 48u);
  const auto groups = compare_runs(set, "fast");
  ASSERT_EQ(groups.size(), 1u);
  const GroupComparison& g = groups.front();
  EXPECT_EQ(g.seeds.size(), 12u);

  const PolicyMetric& slow = find(g, "all_running_at", "slow");
  ASSERT_TRUE(slow.vs);
  EXPECT_EQ(slow.vs->pairs, 12);
  EXPECT_EQ(slow.vs->verdict, Verdict::kWorse);  // lower is better, and slow is higher
  EXPECT_LT(slow.vs->diff.ci_low, 2.0);
  EXPECT_GT(slow.vs->diff.ci_high, 2.0);

  EXPECT_EQ(find(g, "all_running_at", "fast-copy").vs->verdict, Verdict::kNoSignificantDifference);
  EXPECT_EQ(find(g, "all_running_at", "noisy").vs->verdict, Verdict::kNoSignificantDifference);
  EXPECT_FALSE(find(g, "all_running_at", "fast").vs);  // the baseline is not compared with itself

  // Fragmentation: slow is lower, and lower is better.
  EXPECT_EQ(find(g, "fragmentation_end", "slow").vs->verdict, Verdict::kBetter);
  // Everyone uses 5 hosts: equal ranks, no difference.
  EXPECT_EQ(find(g, "hosts_in_use_end", "slow").vs->verdict, Verdict::kNoSignificantDifference);
  EXPECT_DOUBLE_EQ(find(g, "hosts_in_use_end", "slow").rank, find(g, "hosts_in_use_end", "fast").rank);

  // Ranks per metric follow the direction: slow is last on recovery, first on fragmentation.
  EXPECT_DOUBLE_EQ(find(g, "all_running_at", "slow").rank, 4.0);
  EXPECT_DOUBLE_EQ(find(g, "fragmentation_end", "slow").rank, 1.0);
}

TEST(Comparison, PairsOnlyTheSeedsBothPoliciesRan) {
  const std::string root = fresh_dir("pairs");
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    write_synthetic_run(root + "/a/seed-" + std::to_string(seed), "a", seed, {{"churn", 10.0 * seed}});
    if (seed != 3) write_synthetic_run(root + "/b/seed-" + std::to_string(seed), "b", seed, {{"churn", 10.0 * seed + 1}});
  }
  const auto groups = compare_runs(load_run_set({root}), "a");
  const PolicyMetric& b = find(groups.front(), "churn", "b");
  EXPECT_EQ(b.stats.n, 4);
  EXPECT_EQ(b.vs->pairs, 4);
  EXPECT_DOUBLE_EQ(b.vs->diff.mean, 1.0);
  EXPECT_EQ(b.vs->verdict, Verdict::kWorse);
}

TEST(Comparison, UnknownBaselineIsAnError) {
  const std::string root = fresh_dir("baseline");
  write_synthetic_run(root + "/a/seed-1", "a", 1, {{"churn", 1}});
  EXPECT_THROW(compare_runs(load_run_set({root}), "nope"), std::invalid_argument);
}

TEST(ComparisonFormat, TablesAndCsvShowTheSameNumbers) {
  const RunSet set = load_run_set({make_runs()});
  const auto groups = compare_runs(set, "fast");
  const std::string md = comparison_markdown(groups);
  const PolicyMetric& slow = find(groups.front(), "all_running_at", "slow");
  EXPECT_NE(md.find(format_number(slow.stats.mean)), std::string::npos);
  EXPECT_NE(md.find("worse"), std::string::npos);
  EXPECT_NE(md.find("no significant difference"), std::string::npos);
  const std::string text = comparison_text(groups, true);
  EXPECT_NE(text.find("all_running_at"), std::string::npos);
}

}  // namespace
}  // namespace drydock
