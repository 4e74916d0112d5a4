// The Compose reader: units, the testbed stack read field by field, the stack beside a cluster reading
// as the hand-written scenario, and every field drydock cannot model named.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "workloads/compose/compose.h"
#include "workloads/run_input.h"

namespace drydock::compose {
namespace {

const std::string kStack = "live/stacks/testbed-stack.yml";

TEST(Compose, DockerUnitsAndGoDurations) {
  EXPECT_EQ(parse_docker_bytes("16M"), 16.0 * 1048576);
  EXPECT_EQ(parse_docker_bytes("1g"), 1073741824.0);
  EXPECT_EQ(parse_docker_bytes("512mb"), 512.0 * 1048576);
  EXPECT_EQ(parse_docker_bytes("1048576"), 1048576.0);
  EXPECT_THROW(parse_docker_bytes("lots"), std::invalid_argument);
  EXPECT_THROW(parse_docker_bytes("5x"), std::invalid_argument);
  EXPECT_EQ(parse_go_duration("5s"), 5);
  EXPECT_EQ(parse_go_duration("1m30s"), 90);
  EXPECT_DOUBLE_EQ(parse_go_duration("500ms"), 0.5);
  EXPECT_THROW(parse_go_duration("soon"), std::invalid_argument);
}

TEST(Compose, TheTestbedStackReadsFieldByField) {
  EXPECT_TRUE(is_compose_file(kStack));
  EXPECT_FALSE(is_compose_file("live/stacks/testbed-cluster.yaml"));
  const ComposeFile f = read_compose(kStack);
  EXPECT_TRUE(f.findings.empty());
  ASSERT_EQ(f.services.size(), 2u);
  const ServiceSpec& web = f.services[0].spec;
  EXPECT_EQ(web.name, "web");
  EXPECT_EQ(web.image, "drydock/busybox:latest");
  EXPECT_EQ(f.services[0].command, (std::vector<std::string>{"sleep", "100000"}));
  EXPECT_EQ(f.services[1].command, (std::vector<std::string>{"sleep", "100000"}));
  EXPECT_EQ(web.replicas, 6);
  EXPECT_DOUBLE_EQ(web.request.cpu, 0.05);  // the reservation, not the limit
  EXPECT_DOUBLE_EQ(web.request.memory_mib, 16);
  EXPECT_EQ(web.max_replicas_per_host, 3);
  EXPECT_EQ(web.update.max_surge.value, 2);  // start-first: parallelism new ones first
  EXPECT_EQ(web.update.max_unavailable.value, 0);
  const ServiceSpec& worker = f.services[1].spec;
  EXPECT_EQ(worker.update.max_surge.value, 0);  // stop-first (Swarm's default order)
  EXPECT_EQ(worker.update.max_unavailable.value, 1);
}

TEST(Compose, BesideAClusterItIsTheHandWrittenScenario) {
  std::ostringstream warnings;
  const Scenario s = load_run_input({"live/stacks/testbed-cluster.yaml", kStack}, warnings);
  const Scenario hand = load_scenario("tests/compose/testbed-stack-as-scenario.yaml");
  EXPECT_EQ(warnings.str(), "");
  ASSERT_EQ(s.services.size(), hand.services.size());
  for (std::size_t i = 0; i < s.services.size(); ++i) {
    const ServiceSpec &a = s.services[i], &b = hand.services[i];
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.image, b.image);
    EXPECT_EQ(a.replicas, b.replicas);
    EXPECT_EQ(a.request, b.request);
    EXPECT_EQ(a.max_replicas_per_host, b.max_replicas_per_host);
    EXPECT_EQ(a.restart.delay, b.restart.delay);
    EXPECT_EQ(a.update.max_surge.value, b.update.max_surge.value);
    EXPECT_EQ(a.update.max_unavailable.value, b.update.max_unavailable.value);
  }
}

TEST(Compose, WhatCannotBeModelledIsNamed) {
  const auto path = std::filesystem::temp_directory_path() / ("drydock-compose-" + std::to_string(getpid()) + ".yml");
  std::ofstream(path) << "services:\n  api:\n    image: api:1\n    privileged: true\n    deploy:\n      replicas: 2\n"
                         "      placement:\n        constraints: [node.role==manager, node.labels.zone!=b]\n"
                         "        preferences:\n          - spread: node.labels.rack\n"
                         "      update_config:\n        parallelism: 1\n        delay: 10s\n      mode: replicated-job\n";
  const ComposeFile f = read_compose(path.string());
  std::string all;
  for (const auto& x : f.findings) all += x + "\n";
  for (const char* part : {"service/api: privileged: not modelled", "deploy.placement.constraints[0]: not modelled",
                           "deploy.update_config.delay: not modelled", "deploy.mode: not modelled"})
    EXPECT_NE(all.find(part), std::string::npos) << part << "\n" << all;
  ASSERT_EQ(f.services[0].spec.constraints.size(), 1u);
  EXPECT_EQ(f.services[0].spec.constraints[0].key, "zone");
  EXPECT_EQ(f.services[0].spread, "rack");
  // The spread preference is modelled only as the spread policy's `preferences`: beside a scenario
  // without it, it is named too, and the run refuses unless lenient.
  std::ostringstream warnings;
  EXPECT_THROW(load_run_input({"live/stacks/testbed-cluster.yaml", path.string()}, warnings), ScenarioError);
  load_run_input({"live/stacks/testbed-cluster.yaml", path.string(), true}, warnings);
  EXPECT_NE(warnings.str().find("deploy.placement.preferences: not modelled"), std::string::npos) << warnings.str();
}

}  // namespace
}  // namespace drydock::compose
