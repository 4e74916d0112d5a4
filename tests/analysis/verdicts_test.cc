// Honest verdicts (issue 18): a difference too small to matter is "no practical difference", a
// difference that is the same on every seed is reported as exact, Holm's correction takes back
// verdicts that only chance across many tests would give, and the ranking is a Pareto view with ties.
#include <gtest/gtest.h>

#include <random>

#include "analysis/comparison.h"
#include "analysis/comparison_format.h"
#include "analysis/practical_effect.h"
#include "analysis/run_set.h"
#include "analysis/verdict_text.h"
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

const RankingEntry& entry(const GroupComparison& g, const std::string& policy) {
  for (const auto& r : g.ranking)
    if (r.policy == policy) return r;
  throw std::runtime_error("no ranking entry for " + policy);
}

// 10 seeds. "base"; "frugal" uses 0.0002 kWh less energy on every seed (+/- a little noise: clearly
// significant, practically nothing) and exactly one host fewer on every seed (deterministic);
// "twin" equals base everywhere; "worse" is base with one host more and 3 s slower.
GroupComparison make_comparison() {
  const std::string root = fresh_dir("verdicts");
  std::mt19937_64 rng(11);
  std::normal_distribution<double> workload(0.5, 0.1), jitter(0, 0.00001), slow(3, 0.2);
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const double energy = workload(rng), time = 10 + 5 * workload(rng);
    auto write = [&](const std::string& policy, double kwh, double hosts, double t) {
      write_synthetic_run(root + "/" + policy + "/seed-" + std::to_string(seed), policy, seed,
                          {{"energy_kwh", kwh}, {"hosts_in_use_end", hosts}, {"all_running_at", t}});
    };
    write("base", energy, 6, time);
    write("frugal", energy - 0.0002 + jitter(rng), 5, time);
    write("twin", energy, 6, time);
    write("worse", energy, 7, time + slow(rng));
  }
  const auto groups = compare_runs(load_run_set({root}), "base");
  EXPECT_EQ(groups.size(), 1u);
  return groups.front();
}

TEST(Verdicts, NegligibleDifferenceIsNoPracticalDifference) {
  const GroupComparison g = make_comparison();
  const PolicyMetric& p = find(g, "energy_kwh", "frugal");
  ASSERT_TRUE(p.vs);
  EXPECT_LT(p.vs->p_value, 1e-6) << "the 0.0002 kWh is real, statistically";
  EXPECT_NEAR(p.vs->diff.mean, -0.0002, 1e-5);
  EXPECT_NEAR(p.vs->min_effect, 0.005, 0.001) << "1% of about 0.5 kWh is above the 0.001 kWh floor";
  EXPECT_EQ(p.vs->verdict, Verdict::kNoPracticalDifference);
  EXPECT_STREQ(to_string(p.vs->verdict), "no practical difference");
}

TEST(Verdicts, DeterministicMetricGetsAnExactDifference) {
  const GroupComparison g = make_comparison();
  const PolicyMetric& p = find(g, "hosts_in_use_end", "frugal");
  ASSERT_TRUE(p.vs);
  EXPECT_TRUE(p.vs->deterministic);
  EXPECT_DOUBLE_EQ(p.vs->diff.mean, -1.0);
  EXPECT_EQ(p.vs->p_value, 0.0);
  EXPECT_EQ(p.vs->verdict, Verdict::kBetter);
  // Shown as an exact figure, not as a zero-width interval.
  const std::string text = comparison_text_narrow({g});
  EXPECT_NE(text.find("-1 exact"), std::string::npos) << text;
  EXPECT_EQ(text.find("[-1, -1]"), std::string::npos) << text;
}

TEST(Verdicts, HolmCorrectionTakesBackChanceVerdicts) {
  // Four tests with raw p 0.01, 0.02, 0.03, 0.04: each "significant" alone. Holm: 0.04, 0.06, 0.06,
  // 0.06: only the first survives.
  std::vector<PairedDifference> tests(4);
  const double raw[] = {0.03, 0.01, 0.04, 0.02};
  std::vector<PairedDifference*> family;
  for (int i = 0; i < 4; ++i) {
    tests[i].pairs = 10;
    tests[i].p_value = raw[i];
    tests[i].verdict = Verdict::kBetter;
    family.push_back(&tests[i]);
  }
  PairedDifference exact;  // a deterministic difference is not part of the family
  exact.pairs = 10;
  exact.deterministic = true;
  exact.p_value = 0;
  exact.verdict = Verdict::kWorse;
  family.push_back(&exact);
  holm_correct(family);
  EXPECT_DOUBLE_EQ(tests[1].p_adjusted, 0.04);
  EXPECT_EQ(tests[1].verdict, Verdict::kBetter);
  for (int i : {0, 2, 3}) {
    EXPECT_DOUBLE_EQ(tests[i].p_adjusted, 0.06) << i;
    EXPECT_EQ(tests[i].verdict, Verdict::kNoSignificantDifference) << i;
  }
  EXPECT_EQ(exact.verdict, Verdict::kWorse);
  EXPECT_EQ(exact.p_adjusted, 0.0);
}

TEST(Verdicts, ComparisonCorrectsAcrossMetricsAndPolicies) {
  const GroupComparison g = make_comparison();
  // Non-deterministic tests with a direction: energy for frugal and all_running_at for worse (the
  // others are exact or all-zero differences).
  EXPECT_EQ(g.tests, 2);
  const PolicyMetric& slow = find(g, "all_running_at", "worse");
  ASSERT_TRUE(slow.vs);
  EXPECT_GE(slow.vs->p_adjusted, slow.vs->p_value);
  EXPECT_EQ(slow.vs->verdict, Verdict::kWorse);
}

TEST(Verdicts, ParetoPlacesWithTiesShownAsTies) {
  const GroupComparison g = make_comparison();
  // frugal: one host fewer, nothing worse: it beats base, twin and worse outright.
  EXPECT_EQ(entry(g, "frugal").place, 1);
  EXPECT_TRUE(entry(g, "frugal").dominated_by.empty());
  EXPECT_EQ(entry(g, "base").place, 2);
  EXPECT_EQ(entry(g, "twin").place, 2);
  EXPECT_EQ(entry(g, "base").same_as, std::vector<std::string>{"twin"});
  EXPECT_EQ(entry(g, "worse").place, 4);  // beaten by frugal, base and twin
  EXPECT_NE(pareto_sentence(g).find("frugal is at least as good"), std::string::npos) << pareto_sentence(g);
}

TEST(Verdicts, ParagraphSaysWhatAPolicyGainsAndCosts) {
  const GroupComparison g = make_comparison();
  const std::string frugal = tradeoff_paragraph(g, "frugal");
  EXPECT_NE(frugal.find("gains on hosts_in_use_end 5 hosts vs 6 hosts"), std::string::npos) << frugal;
  EXPECT_NE(frugal.find("costs nothing"), std::string::npos) << frugal;
  const std::string worse = tradeoff_paragraph(g, "worse");
  EXPECT_NE(worse.find("gains nothing"), std::string::npos) << worse;
  EXPECT_NE(worse.find("costs on all_running_at"), std::string::npos) << worse;
}

TEST(Verdicts, CountsPrintAsIntegers) {
  EXPECT_EQ(readable_number(12480), "12,480");
  EXPECT_EQ(readable_number(-1541845), "-1,541,845");
  EXPECT_EQ(format_number(12480), "12,480");
  EXPECT_EQ(format_number(0.0004), "0.0004");
}

TEST(Verdicts, NarrowTableFitsOneHundredColumns) {
  const std::string text = comparison_text_narrow({make_comparison()});
  std::size_t start = 0, widest = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    widest = std::max(widest, end - start);
  EXPECT_LE(widest, 100u) << text;
}

}  // namespace
}  // namespace drydock
