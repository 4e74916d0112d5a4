#include "workloads/scenario.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drydock {
namespace {

const char* kMinimal = R"(name: tiny
cluster:
  hosts:
    - {name: w, count: 2, cpu: 4, memory: 8GiB, labels: {zone: a}}
services:
  - {name: web, replicas: 3, cpu: 1, memory: 1GiB}
)";

// Expects parse_scenario to fail with a message containing every fragment.
void expect_error(const std::string& yaml, std::initializer_list<const char*> fragments) {
  try {
    parse_scenario(yaml, "bad.yaml");
    FAIL() << "no error for:\n" << yaml;
  } catch (const ScenarioError& e) {
    const std::string msg = e.what();
    for (const char* f : fragments) EXPECT_NE(msg.find(f), std::string::npos) << "'" << f << "' not in: " << msg;
  }
}

TEST(Scenario, LoadsTheStandardScenario) {
  const Scenario s = load_scenario("workloads/scenarios/seed-100-replicas.yaml");
  EXPECT_EQ(s.name, "seed-100-replicas");
  ASSERT_EQ(s.hosts.size(), 10u);
  EXPECT_EQ(s.hosts[0].name, "worker-1");
  EXPECT_DOUBLE_EQ(s.hosts[0].capacity.cpu, 8);
  EXPECT_DOUBLE_EQ(s.hosts[0].capacity.memory_mib, 32 * 1024);
  ASSERT_EQ(s.services.size(), 1u);
  EXPECT_EQ(s.services[0].replicas, 100);
  EXPECT_DOUBLE_EQ(s.services[0].request.cpu, 0.5);
  EXPECT_DOUBLE_EQ(s.services[0].request.memory_mib, 512);
  EXPECT_EQ(s.services[0].image_bytes, 300000000u);
  EXPECT_DOUBLE_EQ(s.network.bandwidth, 125e6);
  EXPECT_DOUBLE_EQ(s.network.latency, 1e-4);
  ASSERT_EQ(s.faults.size(), 2u);
  EXPECT_DOUBLE_EQ(s.faults[0].at, 300);
  EXPECT_EQ(s.faults[0].host, "worker-3");
  EXPECT_EQ(s.faults[1].kind, FaultSpec::Kind::kHostRecover);
}

TEST(Scenario, DefaultsAreSwarms) {
  const Scenario s = parse_scenario(kMinimal, "tiny.yaml");
  EXPECT_EQ(s.policy, "spread");
  EXPECT_DOUBLE_EQ(s.heartbeat.period, 5.0);
  EXPECT_DOUBLE_EQ(s.heartbeat.jitter, 0.5);
  EXPECT_DOUBLE_EQ(s.detector.fixed.down_after, 15.0);
  EXPECT_EQ(s.hosts[1].labels.at("zone"), "a");
  EXPECT_EQ(s.services[0].restart.condition, RestartPolicy::Condition::kAny);
  EXPECT_DOUBLE_EQ(s.services[0].restart.delay, 5.0);
}

TEST(Scenario, BadYamlNamesFileAndLine) {
  expect_error("name: x\ncluster: [unclosed\n", {"bad.yaml:", "invalid YAML"});
}

TEST(Scenario, UnknownFieldNamesFieldAndLine) {
  std::string yaml = kMinimal;
  yaml += "  - {name: db, replicas: 1, cpus: 1}\n";
  expect_error(yaml, {"bad.yaml:7:", "services[1].cpus", "unknown field"});
}

TEST(Scenario, NegativeReplicas) {
  expect_error(R"(cluster:
  hosts: [{name: w, cpu: 4, memory: 8GiB}]
services:
  - {name: web, replicas: -3, cpu: 1}
)",
               {"bad.yaml:4:", "services[0].replicas", "must not be negative"});
}

TEST(Scenario, ServiceThatFitsNowhere) {
  expect_error(R"(cluster:
  hosts: [{name: w, count: 3, cpu: 4, memory: 8GiB}]
services:
  - name: huge
    replicas: 1
    cpu: 2
    memory: 64GiB
)",
               {"bad.yaml:7:", "services[0].memory", "fits on no host"});
}

TEST(Scenario, ConstraintThatMatchesNoHost) {
  expect_error(R"(cluster:
  hosts: [{name: w, cpu: 4, memory: 8GiB, labels: {zone: a}}]
services:
  - {name: web, replicas: 1, cpu: 1, constraints: ["node.labels.zone==b"]}
)",
               {"services[0].constraints", "fits on no host"});
}

TEST(Scenario, PlacementRulesInTheSpec) {
  const Scenario s = load_scenario("workloads/scenarios/placement-rules.yaml");
  ASSERT_EQ(s.hosts.size(), 8u);
  EXPECT_EQ(s.hosts[6].labels.at("taint.dedicated"), "ml:NoSchedule");
  EXPECT_EQ(s.hosts[0].labels.count("taint.dedicated"), 0u);
  ASSERT_EQ(s.services.size(), 4u);
  EXPECT_EQ(s.services[0].ports, std::vector<int>{8080});
  EXPECT_EQ(s.services[1].anti_affinity, std::vector<std::string>{"db"});
  EXPECT_EQ(s.services[2].anti_affinity, std::vector<std::string>{"db"});
  ASSERT_EQ(s.services[3].tolerations.size(), 1u);
  EXPECT_EQ(s.services[3].tolerations[0].key, "dedicated");
  EXPECT_EQ(s.services[3].tolerations[0].value, "ml");
  const Scenario t = parse_scenario(R"(cluster:
  hosts: [{name: w, cpu: 4, memory: 8GiB, taints: ["maintenance:PreferNoSchedule", "gpu"]}]
services:
  - {name: web, replicas: 1, cpu: 1, tolerations: [gpu]}
)",
                                    "t.yaml");
  EXPECT_EQ(t.hosts[0].labels.at("taint.maintenance"), ":PreferNoSchedule");
  EXPECT_EQ(t.hosts[0].labels.at("taint.gpu"), ":NoSchedule");
  EXPECT_EQ(t.services[0].tolerations[0].key, "gpu");
  EXPECT_EQ(t.services[0].tolerations[0].value, "");
}

TEST(Scenario, PlacementRuleErrorsNameFileAndLine) {
  const std::string hosts = "cluster:\n  hosts: [{name: w, cpu: 4, memory: 8GiB}]\nservices:\n";
  expect_error(hosts + "  - {name: web, replicas: 1, ports: [80, 70000]}\n",
               {"bad.yaml:4:", "services[0].ports[1]", "1..65535"});
  expect_error(hosts + "  - {name: web, replicas: 1, ports: [80, 80]}\n", {"services[0].ports[1]", "listed twice"});
  expect_error(hosts + "  - {name: web, replicas: 1, ports: 80}\n", {"services[0].ports", "expected a list"});
  expect_error(hosts + "  - {name: web, replicas: 1, anti_affinity: [dbb]}\n  - {name: db, replicas: 1}\n",
               {"bad.yaml:4:", "services[0].anti_affinity[0]", "unknown service 'dbb'"});
  expect_error(hosts + "  - {name: web, replicas: 1, tolerations: [\"=x\"]}\n",
               {"services[0].tolerations[0]", "KEY or KEY=VALUE"});
  expect_error(hosts + "  - {name: web, replicas: 1, toleration: [gpu]}\n", {"services[0].toleration", "unknown field"});
  expect_error("cluster:\n  hosts: [{name: w, cpu: 4, memory: 8GiB, taints: [\"a=b:Sometimes\"]}]\n"
               "services:\n  - {name: web, replicas: 1}\n",
               {"bad.yaml:2:", "cluster.hosts[0].taints[0]", "NoSchedule, PreferNoSchedule or NoExecute"});
  expect_error("cluster:\n  hosts: [{name: w, cpu: 4, memory: 8GiB, taint: [a]}]\nservices:\n  - {name: web, replicas: 1}\n",
               {"cluster.hosts[0].taint", "unknown field"});
}

TEST(Scenario, FaultOnUnknownHost) {
  std::string yaml = kMinimal;
  yaml += "faults:\n  - {at: 10s, kind: host_crash, host: w-9}\n";
  expect_error(yaml, {"bad.yaml:8:", "faults[0].host", "no host named 'w-9'"});
}

TEST(Scenario, BadUnit) {
  expect_error(R"(cluster:
  hosts: [{name: w, cpu: 4, memory: 8 parsecs}]
services: [{name: web, replicas: 1}]
)",
               {"bad.yaml:2:", "cluster.hosts[0].memory", "unknown size unit"});
}

// cluster.daemon.start_interval: the default is the fitted one; 0 is allowed (the flat model); a
// negative one or an unknown field under daemon is an error naming the field.
TEST(Scenario, DaemonStartInterval) {
  EXPECT_DOUBLE_EQ(parse_scenario(kMinimal, "tiny.yaml").start_interval, kDefaultStartInterval);
  const std::string with = std::string(kMinimal).replace(std::string(kMinimal).find("  hosts:"), 0,
                                                          "  daemon: {start_interval: 250ms}\n");
  EXPECT_DOUBLE_EQ(parse_scenario(with, "tiny.yaml").start_interval, 0.25);
  std::string flat = with;
  flat.replace(flat.find("250ms"), 5, "0s");
  EXPECT_DOUBLE_EQ(parse_scenario(flat, "tiny.yaml").start_interval, 0);
  std::string negative = with;
  negative.replace(negative.find("250ms"), 5, "-1s");
  expect_error(negative, {"bad.yaml:3:", "cluster.daemon.start_interval", "must not be negative"});
  std::string unknown = with;
  unknown.replace(unknown.find("start_interval"), 14, "start_rate");
  expect_error(unknown, {"cluster.daemon.start_rate", "unknown field"});
}

TEST(Scenario, MissingFile) {
  EXPECT_THROW(load_scenario("/nonexistent/scenario.yaml"), ScenarioError);
}

}  // namespace
}  // namespace drydock
