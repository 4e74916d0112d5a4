// `--set` on a scenario: the edited YAML parses as a scenario with the new value, and a path that does
// not exist is refused with the key in the message.
#include <gtest/gtest.h>

#include <map>
#include <string>

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

TEST(PolicyParamOverrides, SetInOrderAndRefuseMalformed) {
  std::map<std::string, std::string> params = {{"cpu_weight", "1"}, {"memory_weight", "1"}};
  apply_policy_params(params, {"cpu_weight=2", "index=false", "cpu_weight=3", "preferences=zone;rack"});
  EXPECT_EQ(params.at("cpu_weight"), "3");  // the later one wins
  EXPECT_EQ(params.at("memory_weight"), "1");
  EXPECT_EQ(params.at("index"), "false");
  EXPECT_EQ(params.at("preferences"), "zone;rack");  // '=' and ';' after the first '=' belong to the value
  EXPECT_THROW(apply_policy_params(params, {"cpu_weight"}), std::invalid_argument);
  try {
    apply_policy_params(params, {"=2"});
    FAIL() << "an empty key was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("--param =2"), std::string::npos) << e.what();
  }
}

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
