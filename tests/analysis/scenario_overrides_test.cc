// `--set` on a scenario: the edited YAML parses as a scenario with the new value, and a path that does
// not exist is refused with the key in the message.
#include <gtest/gtest.h>

#include "cli/scenario_overrides.h"
#include "workloads/scenario.h"

namespace drydock::cli {
namespace {

const char* kScenario = R"(name: t
seed: 1
duration: 100s
cluster:
  hosts:
    - {name: worker, count: 3, cpu: 8, memory: 32GiB}
services:
  - {name: web, image: {name: web, size: 10MB}, replicas: 4, cpu: 1, memory: 1GiB}
)";

TEST(ScenarioOverrides, SetsNestedListFields) {
  const std::string text = apply_scenario_settings(kScenario, {{"cluster.hosts[0].count", "7"}, {"duration", "60s"},
                                                               {"services[0].replicas", "9"}});
  const Scenario s = parse_scenario(text, "test");
  EXPECT_EQ(s.hosts.size(), 7u);
  EXPECT_DOUBLE_EQ(s.duration, 60);
  EXPECT_EQ(s.services.at(0).replicas, 9);
}

TEST(ScenarioOverrides, UnknownPathsAreRefused) {
  EXPECT_THROW(apply_scenario_settings(kScenario, {{"cluster.hosts[3].count", "1"}}), std::invalid_argument);
  EXPECT_THROW(apply_scenario_settings(kScenario, {{"cluster.nope.count", "1"}}), std::invalid_argument);
  EXPECT_THROW(apply_scenario_settings(kScenario, {{"duration.x", "1"}}), std::invalid_argument);
  try {
    apply_scenario_settings(kScenario, {{"cluster.hosts[3].count", "1"}});
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("cluster.hosts[3].count"), std::string::npos);
  }
  // A new key at the end of a valid path is left to the scenario parser, which names it.
  const std::string text = apply_scenario_settings(kScenario, {{"cluster.colour", "blue"}});
  EXPECT_THROW(parse_scenario(text, "test"), ScenarioError);
}

}  // namespace
}  // namespace drydock::cli
