// The soak's scenario generator (workloads/random_scenario.h): reproducible, always a valid scenario,
// covering what the format offers, and shrink steps that are smaller and still valid.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "workloads/random_scenario.h"
#include "workloads/scenario.h"

namespace drydock {
namespace {

TEST(RandomScenario, SameSeedSameScenario) {
  EXPECT_EQ(to_yaml(random_scenario(42)), to_yaml(random_scenario(42)));
  EXPECT_NE(to_yaml(random_scenario(42)), to_yaml(random_scenario(43)));
}

TEST(RandomScenario, EverySeedLoadsAndTheFeaturesAreAllCovered) {
  std::set<std::string> policies;
  std::set<std::string> seen;
  const std::vector<std::string> features = {
      "cluster_autoscaler", "host_crash", "host_recover", "labels: {zone:", "host_hang", "heartbeat_delay",
      "partition", "random_failures", "container_crashes", "run_time", "restart:", "max_attempts", "taints",
      "tolerations", "anti_affinity", "ports", "constraints", "max_replicas_per_host", "update_config", "gpu:",
      "autoscale", "load:", "replicas: 0", "image: {name: s0-v", "phi-accrual", "phi-exponential", "kubernetes"};
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    const RandomScenario s = random_scenario(seed);
    const std::string yaml = to_yaml(s);
    SCOPED_TRACE(yaml);
    EXPECT_NO_THROW(validate_scenario(parse_scenario(yaml, "seed-" + std::to_string(seed) + ".yaml")));
    policies.insert(s.policy);
    for (const std::string& f : features)
      if (yaml.find(f) != std::string::npos) seen.insert(f);
  }
  EXPECT_EQ(policies.size(), 17u) << "every placement policy";
  for (const std::string& f : features) EXPECT_TRUE(seen.count(f)) << f;
}

TEST(RandomScenario, ShrinkStepsAreSmallerAndStillLoad) {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const RandomScenario s = random_scenario(seed);
    for (const RandomScenario& step : shrink_steps(s)) {
      const std::string yaml = to_yaml(step);
      SCOPED_TRACE(yaml);
      EXPECT_TRUE(scenario_size(step) < scenario_size(s) || step.duration < s.duration ||
                  yaml.size() < to_yaml(s).size());
      EXPECT_NO_THROW(validate_scenario(parse_scenario(yaml, "shrunk.yaml")));
    }
  }
}

}  // namespace
}  // namespace drydock
