// KubeSchedulerConfiguration -> drydock policy: the default profile written out is kube-default, a
// MostAllocated profile is most-allocated with its weights, variations land on kube-default's
// parameters, and what has no equivalent is refused, every part by name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "workloads/kubernetes/scheduler_config.h"

namespace drydock::kube {
namespace {

using Params = std::map<std::string, std::string>;
const std::string kDir = "tests/kubernetes/configs/";

SchedulerMapping map_text(const std::string& yaml) {
  const auto path = std::filesystem::temp_directory_path() / ("drydock-ksc-" + std::to_string(getpid()) + ".yaml");
  std::ofstream(path) << yaml;
  return map_scheduler_config(path.string());
}

const std::string kHead = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";

TEST(SchedulerConfig, TheDefaultProfileIsKubeDefault) {
  const SchedulerMapping m = map_scheduler_config(kDir + "kube-default.yaml");
  EXPECT_EQ(m.policy, "kube-default");
  EXPECT_EQ(m.params, Params{});
  // An empty configuration is the default profile too.
  EXPECT_EQ(map_text(kHead).policy, "kube-default");
  EXPECT_EQ(map_text(kHead).params, Params{});
}

TEST(SchedulerConfig, MostAllocatedAloneIsMostAllocatedWithItsWeights) {
  const SchedulerMapping m = map_scheduler_config(kDir + "most-allocated.yaml");
  EXPECT_EQ(m.policy, "most-allocated");
  EXPECT_EQ(m.params, (Params{{"cpu_weight", "3"}, {"sample", "kubernetes"}}));
}

TEST(SchedulerConfig, VariationsOfTheDefaultProfileAreKubeDefaultParameters) {
  const SchedulerMapping m = map_text(kHead +
                                      "percentageOfNodesToScore: 30\nprofiles:\n- plugins:\n    score:\n      disabled:\n"
                                      "      - name: NodeResourcesBalancedAllocation\n      enabled:\n"
                                      "      - name: PodTopologySpread\n        weight: 5\n  pluginConfig:\n"
                                      "  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n"
                                      "        type: RequestedToCapacityRatio\n        resources:\n        - name: cpu\n"
                                      "          weight: 2\n        - name: nvidia.com/gpu\n          weight: 4\n"
                                      "        requestedToCapacityRatio:\n          shape:\n          - utilization: 0\n"
                                      "            score: 10\n          - utilization: 100\n            score: 0\n");
  EXPECT_EQ(m.policy, "kube-default");
  EXPECT_EQ(m.params, (Params{{"balanced_weight", "0"},
                              {"spread_weight", "5"},
                              {"fit", "requested-to-capacity-ratio"},
                              {"cpu_weight", "2"},
                              {"memory_weight", "0"},
                              {"gpu_weight", "4"},
                              {"shape", "0:10,100:0"},
                              {"percentage", "30"}}));
}

TEST(SchedulerConfig, WhatHasNoEquivalentIsRefusedByName) {
  std::string message;
  try {
    map_scheduler_config(kDir + "unsupported.yaml");
  } catch (const std::invalid_argument& e) {
    message = e.what();
  }
  for (const char* part : {"unsupported.yaml:4: extenders", "profiles[0].plugins.filter.disabled[0]: disabling filter NodePorts",
                           "profiles[0].plugins.score.enabled[0]: plugin CapacityScheduling",
                           "profiles[1]: a second profile (gpu-scheduler)"})
    EXPECT_NE(message.find(part), std::string::npos) << part << "\n" << message;
  EXPECT_THROW(map_text("apiVersion: v1\nkind: ConfigMap\n"), std::invalid_argument);
}

}  // namespace
}  // namespace drydock::kube
