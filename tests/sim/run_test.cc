// `drydock run` end to end: the standard scenario converges, detects the crash, recovers, and writes
// byte-identical results twice; policies behave as their names say; bad input fails cleanly.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/results.h"
#include "tests/sim/drydock_cli.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;
const std::string kStandard = "workloads/scenarios/seed-100-replicas.yaml";

struct CommandResult {
  int status = -1;
  std::string output;
};

CommandResult drydock(const std::string& args) {
  CommandResult r;
  r.status = drydock::testing::run_drydock(args, &r.output);
  return r;
}

using drydock::testing::slurp;

fs::path fresh_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("drydock-test-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  return dir;
}

nlohmann::json summary(const fs::path& dir) { return nlohmann::json::parse(slurp(dir / "summary.json")); }

TEST(Run, StandardScenarioConvergesDetectsAndRecovers) {
  const fs::path dir = fresh_dir("std");
  const CommandResult r = drydock("run " + kStandard + " --quiet --out " + dir.string());
  ASSERT_EQ(r.status, 0) << r.output;
  for (const char* f : {"events.csv", "timeseries.csv", "summary.json"}) EXPECT_TRUE(fs::exists(dir / f)) << f;
  const auto m = summary(dir)["metrics"];
  EXPECT_EQ(m["replicas_running_end"], 100);
  EXPECT_EQ(m["replicas_desired_end"], 100);
  ASSERT_FALSE(m["all_running_at"].is_null());
  EXPECT_LT(m["all_running_at"].get<double>(), 60.0);  // 10 hosts pull 300 MB through one 1 Gbit/s link
  ASSERT_EQ(m["failures"].size(), 1u);
  const auto f = m["failures"][0];
  EXPECT_EQ(f["host"], "worker-3");
  EXPECT_DOUBLE_EQ(f["failed_at"].get<double>(), 300.0);
  EXPECT_EQ(f["replicas_lost"], 10);  // spread put 10 on each host
  // Swarm's detector: down 15 s after the last heartbeat, which came 0 to 5.5 s before the crash.
  const double detection = f["detection_time"].get<double>();
  EXPECT_GE(detection, 9.5);
  EXPECT_LE(detection, 15.01);
  EXPECT_NE(f["detected_by"].get<std::string>().find("fixed-timeout"), std::string::npos);
  ASSERT_FALSE(f["recovered_at"].is_null());
  EXPECT_GT(f["recovered_at"].get<double>(), f["detected_at"].get<double>());
  EXPECT_GT(f["replica_seconds_lost"].get<double>(), 10 * detection * 0.99);
  EXPECT_EQ(m["false_suspicions"], 0);
  EXPECT_EQ(m["unschedulable"], 0);

  // The lost replicas run again on other hosts, and none on the dead one while it is down.
  const auto events = read_events_csv((dir / "events.csv").string());
  int restarted_elsewhere = 0;
  for (const auto& e : events) {
    if (e.kind != EventKind::kStarted || e.time < 300 || e.time > 900) continue;
    EXPECT_NE(e.host, "worker-3");
    ++restarted_elsewhere;
  }
  EXPECT_EQ(restarted_elsewhere, 10);
  // The printed summary tells the story.
  EXPECT_NE(r.output.find("declared down"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("100 running of 100 desired"), std::string::npos) << r.output;
}

TEST(Run, SameSeedGivesByteIdenticalResults) {
  const fs::path a = fresh_dir("det-a"), b = fresh_dir("det-b");
  ASSERT_EQ(drydock("run " + kStandard + " --quiet --seed 3 --out " + a.string()).status, 0);
  ASSERT_EQ(drydock("run " + kStandard + " --quiet --seed 3 --out " + b.string()).status, 0);
  for (const char* f : {"events.csv", "timeseries.csv", "summary.json"}) {
    const std::string x = slurp(a / f), y = slurp(b / f);
    EXPECT_FALSE(x.empty()) << f;
    EXPECT_TRUE(x == y) << f << " differs between two runs with one seed";
  }
}

TEST(Run, RandomPolicyDependsOnTheSeed) {
  const fs::path a = fresh_dir("rnd-a"), b = fresh_dir("rnd-b");
  ASSERT_EQ(drydock("run " + kStandard + " --quiet --policy random --seed 1 --out " + a.string()).status, 0);
  ASSERT_EQ(drydock("run " + kStandard + " --quiet --policy random --seed 2 --out " + b.string()).status, 0);
  EXPECT_NE(slurp(a / "events.csv"), slurp(b / "events.csv"));
}

// Replicas per host at one sample time, from timeseries.csv.
std::map<std::string, double> replicas_per_host(const fs::path& dir, const std::string& time) {
  std::map<std::string, double> out;
  std::istringstream in(slurp(dir / "timeseries.csv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(time + ",host,", 0) != 0 || line.find(",replicas_running,") == std::string::npos) continue;
    const auto name_start = time.size() + 6;
    const auto name_end = line.find(',', name_start);
    out[line.substr(name_start, name_end - name_start)] = std::stod(line.substr(line.rfind(',') + 1));
  }
  return out;
}

TEST(Run, SpreadKeepsHostsWithinOneReplica) {
  const fs::path dir = fresh_dir("spread");
  ASSERT_EQ(drydock("run " + kStandard + " --quiet --policy spread --out " + dir.string()).status, 0);
  const auto per_host = replicas_per_host(dir, "200.000000");
  ASSERT_EQ(per_host.size(), 10u);
  double lo = 1e9, hi = 0;
  for (const auto& [h, n] : per_host) lo = std::min(lo, n), hi = std::max(hi, n);
  EXPECT_LE(hi - lo, 1.0);
}

TEST(Run, BinpackUsesTheFewestHosts) {
  const fs::path dir = fresh_dir("binpack");
  ASSERT_EQ(drydock("run " + kStandard + " --quiet --policy binpack --out " + dir.string()).status, 0);
  // 100 x 0.5 cpu on 8-cpu hosts: 16 a host, so 7 hosts is the minimum.
  const auto m = summary(dir)["metrics"];
  EXPECT_EQ(m["hosts_in_use_max"], 7);
  int used = 0;
  for (const auto& [h, n] : replicas_per_host(dir, "200.000000")) used += n > 0;
  EXPECT_EQ(used, 7);
}

TEST(Run, UnschedulableReplicasAreReportedNotLost) {
  const fs::path dir = fresh_dir("unsched");
  const fs::path scenario = dir.string() + ".yaml";
  std::ofstream(scenario) << R"(name: too-small
duration: 120s
cluster:
  hosts: [{name: w, count: 3, cpu: 8, memory: 32GiB}]
services:
  - {name: web, replicas: 100, cpu: 0.5, memory: 512MiB, image: {name: web, size: 10MB}}
)";
  const CommandResult r = drydock("run " + scenario.string() + " --quiet --out " + dir.string());
  ASSERT_EQ(r.status, 0) << r.output;
  const auto m = summary(dir)["metrics"];
  EXPECT_EQ(m["submitted"], 100);
  EXPECT_EQ(m["started"], 48);        // 3 hosts x 16
  EXPECT_EQ(m["unschedulable"], 52);  // every other replica, each reported once
  EXPECT_TRUE(m["all_running_at"].is_null());
  bool explained = false;
  for (const auto& e : read_events_csv((dir / "events.csv").string()))
    if (e.kind == EventKind::kUnschedulable) explained = e.detail.find("insufficient cpu on 3 hosts") != std::string::npos;
  EXPECT_TRUE(explained);
}

TEST(Run, MalformedScenarioFailsWithFileLineAndField) {
  const fs::path scenario = fresh_dir("bad").string() + ".yaml";
  std::ofstream(scenario) << "cluster:\n  hosts: [{name: w, cpu: 4, memory: 8GiB}]\nservices:\n  - {name: web, replicas: -1}\n";
  const CommandResult r = drydock("run " + scenario.string() + " --quiet --out /tmp/never");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find(scenario.string() + ":4:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("services[0].replicas"), std::string::npos) << r.output;
}

TEST(Run, UnknownPolicyListsTheKnownOnes) {
  const CommandResult r = drydock("run " + kStandard + " --quiet --policy nosuch --out /tmp/never");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("unknown policy 'nosuch'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("spread"), std::string::npos) << r.output;
}

// The container start model (sim/start_queue.h): 20 starts sent to one host at once complete one
// start_interval apart after the first's start_latency; with an interval of 0 they all complete together.
std::vector<double> start_times(const std::string& interval) {
  const fs::path dir = fresh_dir("startq-" + interval);
  fs::create_directories(dir);
  std::ofstream(dir / "s.yaml") << "name: startq\nduration: 60s\ncluster:\n  daemon: {start_interval: " << interval
                                << "}\n  hosts:\n    - {name: h, cpu: 4, memory: 8GiB}\n"
                                << "services:\n  - {name: web, replicas: 20, cpu: 0.1, memory: 16MiB, start_latency: 1s}\n";
  const CommandResult r = drydock("run " + (dir / "s.yaml").string() + " --quiet --out " + (dir / "out").string());
  EXPECT_EQ(r.status, 0) << r.output;
  std::vector<double> times;
  for (const Event& e : read_events_csv((dir / "out" / "events.csv").string()))
    if (e.kind == EventKind::kStarted) times.push_back(e.time);
  return times;
}

TEST(Run, ConcurrentStartsOnOneHostQueue) {
  const auto queued = start_times("0.5s");
  ASSERT_EQ(queued.size(), 20u);
  EXPECT_GE(queued.front(), 1.0);
  EXPECT_LT(queued.front(), 1.1);
  for (std::size_t i = 1; i < queued.size(); ++i) EXPECT_NEAR(queued[i] - queued[i - 1], 0.5, 1e-6) << i;
  const auto flat = start_times("0s");
  ASSERT_EQ(flat.size(), 20u);
  EXPECT_NEAR(flat.back(), flat.front(), 1e-6);
}

TEST(Policies, ListsTheBuiltInPolicies) {
  const CommandResult r = drydock("policies");
  ASSERT_EQ(r.status, 0);
  for (const char* p : {"spread", "binpack", "random"}) EXPECT_NE(r.output.find(p), std::string::npos) << p;
}

}  // namespace
}  // namespace drydock
