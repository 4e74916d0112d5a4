// The FGD paper's published results, reproduced: the mean over seeds 42..51 of every column of the
// default openb trace, for each of the six policies, against ../shared/gpu/fgd-published-default-means.csv
// (FGD-PROTOCOL.md section 4). Skips cleanly when ../shared is absent. About 15 s: 60 fill experiments.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "fill/fill_columns.h"
#include "fill/openb_input.h"

namespace drydock::fill {
namespace {

namespace fs = std::filesystem;

std::string shared_dir() {
  const fs::path p = fs::path(DRYDOCK_REPO_DIR) / ".." / "shared";
  std::error_code ec;
  return fs::is_directory(p / "gpu", ec) && fs::is_directory(p / "traces" / "openb", ec) ? fs::canonical(p).string() : "";
}

const std::map<std::string, std::string> kPaperNames = {
    {"random", "01-Random"},       {"dot-product", "02-DotProd"},  {"gpu-clustering", "03-GpuClustering"},
    {"gpu-packing", "04-GpuPacking"}, {"gpu-best-fit", "05-BestFit"}, {"fgd", "06-FGD"}};

using Table = std::map<std::string, std::vector<double>>;  // policy -> columns 0..130

struct Reproduction {
  Table published[3];  // gpu_alloc_pct, frag_pct, frag_ratio_pct
  Table ours[3];
};

Reproduction* g_repro = nullptr;

class Fidelity : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = shared_dir();
    if (dir.empty()) return;
    auto* r = new Reproduction;
    std::ifstream in(dir + "/gpu/fgd-published-default-means.csv");
    std::string line;
    std::getline(in, line);
    const std::map<std::string, int> tables = {{"gpu_alloc_pct", 0}, {"frag_pct", 1}, {"frag_ratio_pct", 2}};
    while (std::getline(in, line)) {
      std::stringstream s(line);
      std::string table, policy, v;
      std::getline(s, table, ',');
      std::getline(s, policy, ',');
      std::vector<double> values;
      while (std::getline(s, v, ',')) values.push_back(std::stod(v));
      r->published[tables.at(table)][policy] = values;
    }
    const auto input = read_openb_input(dir + "/traces/openb/openb_node_list_gpu_node.csv",
                                        dir + "/traces/openb/openb_pod_list_default.csv");
    for (const auto& [policy, paper] : kPaperNames) {
      for (auto& t : r->ours) t[paper].assign(131, 0.0);
      for (int seed = 42; seed <= 51; ++seed) {
        FillSetup setup;
        setup.nodes = input.nodes;
        setup.pods = input.pods;
        setup.policy = policy;
        setup.seed = seed;
        const auto result = run_fill(setup);
        const auto cols = reduce_columns(result.events, result.capacity_milli, 130);
        for (int c = 0; c <= 130; ++c) {
          r->ours[0][paper][c] += cols[c].gpu_alloc_pct / 10;
          r->ours[1][paper][c] += cols[c].frag_pct / 10;
          r->ours[2][paper][c] += cols[c].frag_ratio_pct / 10;
        }
      }
    }
    g_repro = r;
  }
  void SetUp() override {
    if (!g_repro) GTEST_SKIP() << "../shared/gpu or ../shared/traces/openb not present";
  }
};

void expect_fgd_lead();
void expect_exact_for_deterministic_policies();

double max_gap(const std::vector<double>& a, const std::vector<double>& b, int* at) {
  double worst = 0;
  for (std::size_t c = 0; c < a.size() && c < b.size(); ++c)
    if (std::abs(a[c] - b[c]) > worst) {
      worst = std::abs(a[c] - b[c]);
      *at = static_cast<int>(c);
    }
  return worst;
}

// One test (CTest runs each test in its own process, and the 60 experiments should run once).
TEST_F(Fidelity, PublishedDefaultTraceMeansAreReproduced) {
  SCOPED_TRACE("the goal: allocation means within 0.5 pp at every column for every policy");
  for (const auto& [policy, paper] : kPaperNames) {
    ASSERT_EQ(g_repro->published[0][paper].size(), 131u) << paper;
    for (int c = 0; c <= 130; ++c)
      EXPECT_NEAR(g_repro->ours[0][paper][c], g_repro->published[0][paper][c], 0.5) << paper << " at " << c << " %";
  }
  expect_fgd_lead();
  expect_exact_for_deterministic_policies();
}

void expect_fgd_lead() {
  SCOPED_TRACE("FGD leads every other policy at 100 % arrived by the published margin");
  const auto& ours = g_repro->ours[0];
  const auto& pub = g_repro->published[0];
  for (const auto& [policy, paper] : kPaperNames) {
    if (paper == "06-FGD") continue;
    EXPECT_GT(ours.at("06-FGD")[100], ours.at(paper)[100]) << paper;
    const double lead = ours.at("06-FGD")[100] - ours.at(paper)[100];
    const double published_lead = pub.at("06-FGD")[100] - pub.at(paper)[100];
    EXPECT_NEAR(lead, published_lead, 0.5) << paper;
  }
}

// Stronger than the goal, and what a faithful port of the authors' generator buys: the five
// deterministic policies' seed means equal the published ones to their printed 3 decimals, so every
// per-seed row agrees. Random breaks ties through the order of parallel filtering, so its mean only
// agrees statistically (within 0.1 pp here). The fragmentation ratio is printed unrounded upstream
// from a log line of limited precision: it agrees to 0.005.
void expect_exact_for_deterministic_policies() {
  SCOPED_TRACE("the deterministic policies match to the printed decimals");
  for (const auto& [policy, paper] : kPaperNames) {
    if (policy == "random") continue;
    int at = -1;
    EXPECT_LE(max_gap(g_repro->ours[0][paper], g_repro->published[0][paper], &at), 0.0006) << paper << " alloc at " << at;
    EXPECT_LE(max_gap(g_repro->ours[1][paper], g_repro->published[1][paper], &at), 0.0006) << paper << " frag at " << at;
    EXPECT_LE(max_gap(g_repro->ours[2][paper], g_repro->published[2][paper], &at), 0.005) << paper << " ratio at " << at;
  }
  int at = -1;
  EXPECT_LE(max_gap(g_repro->ours[0]["01-Random"], g_repro->published[0]["01-Random"], &at), 0.1) << "random at " << at;
}

TEST(FillArrivals, SeedFortyTwoDrawsTheAuthorsSequence) {
  const std::string dir = shared_dir();
  if (dir.empty()) GTEST_SKIP() << "../shared not present";
  const auto input = read_openb_input(dir + "/traces/openb/openb_node_list_gpu_node.csv",
                                      dir + "/traces/openb/openb_pod_list_default.csv");
  FillSetup setup;
  setup.nodes = input.nodes;
  setup.pods = input.pods;
  setup.policy = "gpu-packing";
  setup.seed = 42;
  const auto r = run_fill(setup);
  EXPECT_EQ(r.node_names.size(), 1213u);
  EXPECT_EQ(r.capacity_milli, 6212000);
  EXPECT_EQ(r.pods.size(), 8152u);
  EXPECT_EQ(r.plan.clones, 2714);
  EXPECT_EQ(r.plan.order.size(), 10866u);
  EXPECT_EQ(r.plan.requested, 8075080);
  const char* first[] = {"openb-pod-0255", "openb-pod-1685", "openb-pod-6784", "openb-pod-4463", "openb-pod-0602"};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(r.pods[r.plan.order[i]].name, first[i]);
  // 35 of 91 shapes cover 95.26 % of the pods; the empty cluster's fragment is 866,233 milli (13.94 %).
  EXPECT_EQ(r.typical_shapes, 35u);
  EXPECT_EQ(r.distinct_shapes, 91u);
  EXPECT_NEAR(r.typical_coverage_pct, 95.26, 0.005);
  EXPECT_NEAR(r.initial_fragment_milli, 866233, 0.5);
}

}  // namespace
}  // namespace drydock::fill
