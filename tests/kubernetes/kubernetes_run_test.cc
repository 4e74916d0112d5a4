// Kubernetes objects end to end: a realistic dump (303 nodes, Deployments, StatefulSets, DaemonSets,
// Jobs, bare Pods, owned ReplicaSets and Pods) runs under every registered policy, with byte-identical
// events and the same metrics as the same cluster written as a drydock scenario; compare takes a dump.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/kubernetes/cluster_dump.h"
#include "tests/sim/drydock_cli.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;
using drydock::testing::run_drydock;
using drydock::testing::slurp;

std::vector<std::string> policy_names() {
  std::string out;
  EXPECT_EQ(run_drydock("policies", &out), 0);
  std::vector<std::string> names;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    // Policies that place on device-level GPUs run in `drydock fill` only, not on a scenario's hosts.
    if (!line.empty() && line[0] != ' ' && line.find("drydock fill]") == std::string::npos)
      names.push_back(line.substr(0, line.find(' ')));
  return names;
}

class KubernetesRun : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("drydock-k8s-run-" + std::to_string(getpid()));
    fs::remove_all(root_);
    dump_ = testing::make_cluster_dump("shop");
    testing::write_dump(dump_, (root_ / "shop").string());
    std::ofstream(root_ / "shop.yaml") << dump_.scenario_yaml;
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
  testing::ClusterDump dump_;
};

TEST_F(KubernetesRun, EveryPolicyDecidesAsOnTheSameClusterWrittenAsAScenario) {
  const auto policies = policy_names();
  ASSERT_GE(policies.size(), 10u);
  for (const std::string& policy : policies) {
    SCOPED_TRACE(policy);
    const fs::path a = root_ / ("dump-" + policy), b = root_ / ("scenario-" + policy);
    const std::string common = " --policy " + policy + " --duration 60 --quiet --out ";
    std::string out;
    ASSERT_EQ(run_drydock("run " + (root_ / "shop").string() + common + a.string(), &out), 0) << out;
    ASSERT_EQ(run_drydock("run " + (root_ / "shop.yaml").string() + common + b.string(), &out), 0) << out;
    const std::string events = slurp(a / "events.csv");
    EXPECT_GT(events.size(), 10000u);
    EXPECT_TRUE(events == slurp(b / "events.csv")) << "events.csv differ";
    auto sa = nlohmann::json::parse(slurp(a / "summary.json")), sb = nlohmann::json::parse(slurp(b / "summary.json"));
    EXPECT_EQ(sa["metrics"], sb["metrics"]);
    EXPECT_EQ(sa["metrics"]["replicas_desired_end"].get<int>() + 0, sb["metrics"]["replicas_desired_end"].get<int>());
    EXPECT_GT(sa["metrics"]["replicas_running_end"].get<int>(), 1000);
    fs::remove_all(a);
    fs::remove_all(b);
  }
}

TEST_F(KubernetesRun, CompareAndExplainTakeADump) {
  std::string out;
  ASSERT_EQ(run_drydock("compare " + (root_ / "shop").string() + " --policies kube-default,most-allocated --seeds 1 "
                        "--set duration=60 --out " + (root_ / "sweep").string(), &out), 0) << out;
  EXPECT_NE(out.find("most-allocated"), std::string::npos) << out;
  ASSERT_EQ(run_drydock("explain " + (root_ / "shop").string() + " --service kube-system/coredns --top 3", &out), 0) << out;
  EXPECT_NE(out.find("node-"), std::string::npos) << out;
}

TEST_F(KubernetesRun, UnsupportedFieldsFailTheRunUnlessLenient) {
  const auto extra = testing::make_unsupported_objects();
  std::ofstream(root_ / "shop" / "extra.yaml") << extra.yaml;
  std::string out;
  EXPECT_NE(run_drydock("run " + (root_ / "shop").string() + " --quiet --out " + (root_ / "x").string(), &out), 0);
  for (const std::string& e : extra.expected) EXPECT_NE(out.find(e), std::string::npos) << e << "\n" << out;
  ASSERT_EQ(run_drydock("run " + (root_ / "shop").string() + " --lenient --duration 30 --quiet --out " + (root_ / "x").string(), &out), 0) << out;
  EXPECT_NE(out.find("warning: "), std::string::npos);
}

}  // namespace
}  // namespace drydock
