// The import of Kubernetes objects: quantities, a realistic dump read into exactly the scenario a user
// would write for the same cluster, every field drydock cannot model named, --lenient, --with, errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tests/kubernetes/cluster_dump.h"
#include "workloads/kubernetes/quantity.h"
#include "workloads/run_input.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;
using testing::ClusterDump;
using testing::make_cluster_dump;

fs::path fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("drydock-k8s-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

TEST(KubernetesQuantity, ParsesKubectlForms) {
  using kube::parse_quantity;
  EXPECT_DOUBLE_EQ(parse_quantity("500m"), 0.5);
  EXPECT_EQ(parse_quantity("100m"), 0.1);
  EXPECT_EQ(parse_quantity("3920m"), 3.92);
  EXPECT_EQ(parse_quantity("4"), 4);
  EXPECT_EQ(parse_quantity("1.5"), 1.5);
  EXPECT_EQ(parse_quantity("16283300Ki"), 16283300.0 * 1024);
  EXPECT_EQ(parse_quantity("128Mi"), 128.0 * 1048576);
  EXPECT_EQ(parse_quantity("2Gi"), 2.0 * 1073741824);
  EXPECT_EQ(parse_quantity("500M"), 500e6);
  EXPECT_EQ(parse_quantity("1e3"), 1000);
  EXPECT_EQ(parse_quantity("129e6"), 129e6);
  EXPECT_EQ(parse_quantity("1E"), 1e18);  // exa, not an exponent
  for (const char* bad : {"", "m", "12x", "1.2.3", "5 Gi", "Gi", "1e", "e3"})
    EXPECT_THROW(parse_quantity(bad), std::invalid_argument) << bad;
}

// The scenario's services and hosts, compared field by field (tolerations as sets: their order
// means nothing to a scheduler).
void expect_same(const Scenario& a, const Scenario& b) {
  ASSERT_EQ(a.hosts.size(), b.hosts.size());
  for (std::size_t i = 0; i < a.hosts.size(); ++i) {
    EXPECT_EQ(a.hosts[i].name, b.hosts[i].name);
    EXPECT_EQ(a.hosts[i].capacity, b.hosts[i].capacity) << a.hosts[i].name;
    EXPECT_EQ(a.hosts[i].labels, b.hosts[i].labels) << a.hosts[i].name;
  }
  ASSERT_EQ(a.services.size(), b.services.size());
  for (std::size_t i = 0; i < a.services.size(); ++i) {
    const ServiceSpec &x = a.services[i], &y = b.services[i];
    SCOPED_TRACE(x.name);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.image, y.image);
    EXPECT_EQ(x.replicas, y.replicas);
    EXPECT_EQ(x.request, y.request);
    EXPECT_EQ(x.restart.condition, y.restart.condition);
    EXPECT_EQ(x.restart.delay, y.restart.delay);
    ASSERT_EQ(x.constraints.size(), y.constraints.size());
    for (std::size_t k = 0; k < x.constraints.size(); ++k) {
      EXPECT_EQ(x.constraints[k].key, y.constraints[k].key);
      EXPECT_EQ(x.constraints[k].value, y.constraints[k].value);
      EXPECT_EQ(x.constraints[k].equal, y.constraints[k].equal);
    }
    std::set<std::pair<std::string, std::string>> tx, ty;
    for (const auto& t : x.tolerations) tx.insert({t.key, t.value});
    for (const auto& t : y.tolerations) ty.insert({t.key, t.value});
    EXPECT_EQ(tx, ty);
    EXPECT_EQ(x.anti_affinity, y.anti_affinity);
    EXPECT_EQ(x.ports, y.ports);
    EXPECT_EQ(x.max_replicas_per_host, y.max_replicas_per_host);
    EXPECT_EQ(x.update.max_surge.value, y.update.max_surge.value);
    EXPECT_EQ(x.update.max_surge.percent, y.update.max_surge.percent);
    EXPECT_EQ(x.update.max_unavailable.value, y.update.max_unavailable.value);
    EXPECT_EQ(x.update.max_unavailable.percent, y.update.max_unavailable.percent);
    EXPECT_EQ(x.run_time, y.run_time);
  }
}

TEST(KubernetesImport, RealisticDumpReadsAsTheScenarioOfTheSameCluster) {
  const fs::path dir = fresh_dir("dump") / "shop";
  const ClusterDump dump = make_cluster_dump("shop");
  testing::write_dump(dump, dir.string());
  std::ostringstream warnings;
  const Scenario imported = load_run_input({dir.string()}, warnings);
  EXPECT_EQ(warnings.str(), "");
  const Scenario written = parse_scenario(dump.scenario_yaml, "written.yaml");
  EXPECT_EQ(imported.name, "shop");
  EXPECT_EQ(imported.policy, "kube-default");
  EXPECT_EQ(imported.hosts.size(), 303u);
  expect_same(imported, written);
  int replicas = 0;
  for (const auto& s : imported.services) replicas += s.replicas;
  EXPECT_EQ(replicas, dump.replicas);
  EXPECT_GT(replicas, 1000);
  // One List file holding everything reads the same as the folder.
  const fs::path one = dir.parent_path() / "all.yaml";
  write(one, dump.nodes_yaml + "---\n" + dump.workloads_yaml + dump.pods_yaml);
  expect_same(load_run_input({one.string()}, warnings), written);
}

TEST(KubernetesImport, EveryFieldDrydockCannotModelIsNamed) {
  const fs::path dir = fresh_dir("unsupported");
  const ClusterDump dump = make_cluster_dump("shop", {.nodes = 20, .deployments = 4});
  const auto extra = testing::make_unsupported_objects();
  write(dir / "nodes.yaml", dump.nodes_yaml);
  write(dir / "extra.yaml", extra.yaml);
  std::ostringstream warnings;
  std::string message;
  try {
    load_run_input({dir.string()}, warnings);
  } catch (const ScenarioError& e) {
    message = e.what();
  }
  ASSERT_FALSE(message.empty());
  std::set<std::string> found;
  std::istringstream lines(message);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  ", 0) != 0) continue;
    // "  FILE:LINE: OBJECT: PATH: not modelled (...)"
    const auto after_where = line.find(": ", line.find(':', 2) + 1);
    const std::string rest = line.substr(after_where + 2);
    const auto path_end = rest.find(": not modelled");
    ASSERT_NE(path_end, std::string::npos) << line;
    found.insert(rest.substr(0, path_end));
    EXPECT_NE(line.find("extra.yaml:"), std::string::npos) << line;
  }
  EXPECT_EQ(found, std::set<std::string>(extra.expected.begin(), extra.expected.end())) << message;
  EXPECT_NE(message.find("--lenient"), std::string::npos);

  // --lenient: the same as warnings, and the rest runs.
  const Scenario s = load_run_input({dir.string(), "", true}, warnings);
  const std::string warned = warnings.str();
  EXPECT_EQ(std::count(warned.begin(), warned.end(), '\n'), static_cast<long>(extra.expected.size())) << warned;
  EXPECT_EQ(s.hosts.size(), 23u);
  const auto waves = std::find_if(s.services.begin(), s.services.end(), [](const auto& x) { return x.name == "waves"; });
  ASSERT_NE(waves, s.services.end());
  EXPECT_EQ(waves->replicas, 2);  // parallelism; the completions beyond it are what was reported
}

TEST(KubernetesImport, WithAddsObjectsToAScenario) {
  const fs::path dir = fresh_dir("with");
  write(dir / "scenario.yaml",
        "name: mixed\npolicy: spread\ncluster:\n  hosts:\n  - {name: worker, count: 3, cpu: 8, memory: 16GiB, labels: {kubernetes.io/os: linux}}\n"
        "services:\n- {name: batch, replicas: 2, cpu: 1}\n");
  write(dir / "web.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n  replicas: 4\n"
        "  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx\n"
        "        name: web\n        resources:\n          requests:\n            cpu: 500m\n            memory: 256Mi\n"
        "      nodeSelector:\n        kubernetes.io/os: linux\n---\n"
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  namespace: default\nspec:\n  template:\n"
        "    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n      - image: agent\n        name: a\n");
  std::ostringstream warnings;
  const Scenario s = load_run_input({(dir / "scenario.yaml").string(), (dir / "web.yaml").string()}, warnings);
  EXPECT_EQ(s.policy, "spread");
  EXPECT_EQ(s.hosts.size(), 3u);
  ASSERT_EQ(s.services.size(), 3u);
  EXPECT_EQ(s.services[1].name, "web");
  EXPECT_EQ(s.services[1].replicas, 4);
  EXPECT_DOUBLE_EQ(s.services[1].request.cpu, 0.5);
  EXPECT_DOUBLE_EQ(s.services[1].request.memory_mib, 256);
  EXPECT_EQ(s.services[2].replicas, 3);  // a DaemonSet covers the scenario's hosts
  EXPECT_EQ(s.services[2].max_replicas_per_host, 1);
}

TEST(KubernetesImport, MalformedObjectsNameFileLineAndField) {
  const fs::path dir = fresh_dir("bad");
  const auto message_of = [&](const std::string& yaml) {
    write(dir / "bad.yaml", yaml);
    std::ostringstream warnings;
    try {
      load_run_input({(dir / "bad.yaml").string()}, warnings);
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string node = "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  allocatable:\n    cpu: lots\n    memory: 1Gi\n";
  const std::string m1 = message_of(node);
  EXPECT_NE(m1.find("bad.yaml:7"), std::string::npos) << m1;
  EXPECT_NE(m1.find("node/n1: status.allocatable.cpu"), std::string::npos) << m1;
  const std::string m2 = message_of("apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  allocatable:\n    cpu: 2\n    memory: 1Gi\n");
  EXPECT_NE(m2.find("no workloads"), std::string::npos) << m2;
  const std::string m3 = message_of("apiVersion: v1\nkind: Pod\nmetadata: {}\n");
  EXPECT_NE(m3.find("metadata.name: missing"), std::string::npos) << m3;
}

}  // namespace
}  // namespace drydock
