// Fault models end to end (`drydock run`): hangs, heartbeat delays, partitions, correlated and random
// host failures, container crashes; and the failure detectors judged on them. Each run is a process.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "analysis/results.h"
#include "tests/sim/drydock_cli.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;

using drydock::testing::slurp;

struct RunOutcome {
  int status = -1;
  std::string output;
  fs::path dir;
  nlohmann::json metrics;
  std::vector<Event> events;

  int count(EventKind kind, const std::string& detail_prefix = "", const std::string& host = "") const {
    int n = 0;
    for (const Event& e : events)
      n += e.kind == kind && e.detail.rfind(detail_prefix, 0) == 0 && (host.empty() || e.host == host);
    return n;
  }
  std::optional<Time> first(EventKind kind, const std::string& host, Time after = 0) const {
    for (const Event& e : events)
      if (e.kind == kind && e.host == host && e.time >= after) return e.time;
    return std::nullopt;
  }
};

// Writes `yaml` to a scenario file and runs it.
RunOutcome run_yaml(const std::string& name, const std::string& yaml, const std::string& extra_args = "") {
  RunOutcome r;
  r.dir = fs::temp_directory_path() / ("drydock-faults-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(r.dir);
  fs::create_directories(r.dir);
  const fs::path file = r.dir / "scenario.yaml";
  std::ofstream(file) << yaml;
  r.status = drydock::testing::run_drydock("run " + file.string() + " --quiet --out " + (r.dir / "out").string() + " " + extra_args, &r.output);
  if (r.status == 0) {
    r.metrics = nlohmann::json::parse(slurp(r.dir / "out" / "summary.json"))["metrics"];
    r.events = read_events_csv((r.dir / "out" / "events.csv").string());
  }
  return r;
}

std::string cluster(int hosts, int replicas, const std::string& faults, const std::string& detector,
                    const std::string& duration = "600s") {
  return "name: faults\nseed: 3\nduration: " + duration +
         "\ncluster:\n  hosts:\n    - {name: w, count: " + std::to_string(hosts / 2) +
         ", cpu: 8, memory: 32GiB, labels: {zone: a}}\n    - {name: v, count: " + std::to_string(hosts - hosts / 2) +
         ", cpu: 8, memory: 32GiB, labels: {zone: b}}\nservices:\n  - {name: web, image: {name: web, size: 10MB}, replicas: " +
         std::to_string(replicas) + ", cpu: 0.5, memory: 512MiB}\nfaults:\n" + faults + "control:\n  detector: " + detector + "\n";
}

TEST(Faults, HangIsDetectedAndItsOrphansStoppedOnResume) {
  const RunOutcome r = run_yaml("hang", cluster(6, 30, "  - {at: 100s, kind: host_hang, host: w-1, duration: 120s}\n",
                                         "{kind: fixed-timeout, preset: swarm}"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.count(EventKind::kHostFailed, "hang", "w-1"), 1);
  EXPECT_EQ(r.count(EventKind::kHostRecovered, "resume", "w-1"), 1);
  ASSERT_EQ(r.metrics["failures"].size(), 1u);
  const auto f = r.metrics["failures"][0];
  EXPECT_EQ(f["replicas_lost"], 5);  // spread: 30 over 6 hosts
  const double detection = f["detection_time"].get<double>();
  EXPECT_GE(detection, 9.5);
  EXPECT_LE(detection, 15.01);
  // The frozen replicas were replaced; when the host resumed it reported them and they were stopped.
  EXPECT_EQ(r.count(EventKind::kStopped, "", "w-1"), 5);
  EXPECT_EQ(r.metrics["replicas_running_end"], 30);
  EXPECT_EQ(r.metrics["false_suspicions"], 0);
  EXPECT_EQ(r.metrics["false_downs"], 0);
}

TEST(Faults, ShortHangIsRiddenOut) {
  // A 3 s freeze: heartbeats are late but inside Swarm's 7.5 s suspicion deadline.
  const RunOutcome r = run_yaml("short-hang", cluster(4, 8, "  - {at: 100s, kind: host_hang, host: w-1, duration: 3s}\n",
                                               "{kind: fixed-timeout, preset: swarm}"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.count(EventKind::kHostDeclaredDown), 0);
  EXPECT_EQ(r.metrics["undetected_failures"], 1);
  EXPECT_EQ(r.count(EventKind::kStopped), 0);
  EXPECT_EQ(r.metrics["replicas_running_end"], 8);
  ASSERT_FALSE(r.metrics["failures"][0]["recovered_at"].is_null());  // over when the host resumed
}

TEST(Faults, HeartbeatDelayBeyondTheDeadlineIsAFalseSuspicion) {
  const RunOutcome r = run_yaml("delay", cluster(4, 8,
                                          "  - {at: 100s, kind: heartbeat_delay, host: w-1, duration: 20s}\n"
                                          "  - {at: 300s, kind: heartbeat_delay, host: w-2, duration: 1s}\n",
                                          "{kind: fixed-timeout, preset: swarm}"));
  ASSERT_EQ(r.status, 0) << r.output;
  // 20 s without heartbeats: suspected and declared down, although every container kept running.
  EXPECT_EQ(r.count(EventKind::kHostDeclaredDown, "", "w-1"), 1);
  EXPECT_EQ(r.count(EventKind::kHostSuspected, "", "w-2"), 0);  // a 1 s pause goes unnoticed
  EXPECT_EQ(r.metrics["false_downs"], 1);
  EXPECT_EQ(r.metrics["false_suspicions"], 2);  // suspected, then down
  EXPECT_EQ(r.metrics["injected"]["heartbeat_delays"], 2);
  EXPECT_EQ(r.count(EventKind::kHostFailed), 0);
  // The host came back: it is ready again, and no replica is lost for good.
  EXPECT_TRUE(r.first(EventKind::kHostReady, "w-1", 101).has_value());
  EXPECT_EQ(r.count(EventKind::kStopped, "", "w-1"), 2);  // its replaced replicas, once it re-registered
  EXPECT_EQ(r.metrics["replicas_running_end"], 8);
}

TEST(Faults, PartitionIsNotAFalseSuspicionAndHeals) {
  const RunOutcome r = run_yaml("partition", cluster(4, 8, "  - {at: 100s, kind: partition, hosts: [w-1], duration: 60s}\n",
                                              "{kind: fixed-timeout, preset: swarm}"));
  ASSERT_EQ(r.status, 0) << r.output;
  const auto down = r.first(EventKind::kHostDeclaredDown, "w-1");
  ASSERT_TRUE(down.has_value());
  EXPECT_GT(*down, 100.0);
  EXPECT_LT(*down, 115.1);
  EXPECT_EQ(r.metrics["false_suspicions"], 0);  // the host really was unreachable
  EXPECT_EQ(r.metrics["injected"]["partitions"], 1);
  // Its replicas ran elsewhere meanwhile; after the heal its own copies were reported and stopped.
  EXPECT_EQ(r.count(EventKind::kStopped, "", "w-1"), 2);
  ASSERT_TRUE(r.first(EventKind::kHostReady, "w-1", 160).has_value());
  EXPECT_EQ(r.metrics["replicas_running_end"], 8);
}

TEST(Faults, ZoneFailureTakesEveryHostWithTheLabel) {
  const RunOutcome r = run_yaml("zone", cluster(6, 12, "  - {at: 100s, kind: host_crash, labels: {zone: a}, duration: 200s}\n",
                                         "{kind: fixed-timeout, preset: swarm}"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.count(EventKind::kHostFailed, "crash"), 3);
  for (const char* h : {"w-1", "w-2", "w-3"}) {
    EXPECT_EQ(r.first(EventKind::kHostFailed, h), std::optional<Time>(100.0)) << h;
    EXPECT_TRUE(r.first(EventKind::kHostRecovered, h).has_value()) << h;
  }
  EXPECT_EQ(r.count(EventKind::kHostFailed, "", "v-1"), 0);
  EXPECT_EQ(r.metrics["replicas_running_end"], 12);
}

TEST(Faults, RandomFailuresAndContainerCrashesAreSeededAndDeterministic) {
  const std::string yaml = cluster(6, 12,
                                   "  - {at: 0s, kind: random_failures, mtbf: 20m, mttr: 2m}\n"
                                   "  - {at: 0s, kind: container_crashes, service: web, mtbf: 2m}\n",
                                   "{kind: phi-accrual}", "3600s");
  const RunOutcome a = run_yaml("random-a", yaml), b = run_yaml("random-b", yaml);
  ASSERT_EQ(a.status, 0) << a.output;
  ASSERT_EQ(b.status, 0) << b.output;
  EXPECT_EQ(slurp(a.dir / "out" / "events.csv"), slurp(b.dir / "out" / "events.csv"));
  EXPECT_EQ(slurp(a.dir / "out" / "summary.json"), slurp(b.dir / "out" / "summary.json"));
  // About 6 hosts x 3600 s / 22 min = 16 failures, and about 30 container crashes.
  const int failures = a.count(EventKind::kHostFailed);
  EXPECT_GT(failures, 5);
  EXPECT_LT(failures, 40);
  const int crashes = a.metrics["injected"]["container_crashes"].get<int>();
  EXPECT_GT(crashes, 10);
  EXPECT_LT(crashes, 60);
  EXPECT_EQ(a.count(EventKind::kExited, "crashed"), crashes);
  // A different seed draws different faults.
  const RunOutcome c = run_yaml("random-c", yaml, "--seed 4");
  ASSERT_EQ(c.status, 0) << c.output;
  EXPECT_NE(slurp(a.dir / "out" / "events.csv"), slurp(c.dir / "out" / "events.csv"));
}

// The detectors on the study scenario: phi accrual declares crashes down faster than Swarm's timeout,
// with no more false suspicions, when GC-like pauses stay within Akka's acceptable 3 s.
TEST(Detectors, PhiAccrualBeatsSwarmOnTheStudyScenario) {
  const std::string base = slurp("workloads/scenarios/detector-study.yaml");
  const std::string swarm_line = "detector: {kind: fixed-timeout, preset: swarm}";
  ASSERT_NE(base.find(swarm_line), std::string::npos);
  std::string phi = base;
  phi.replace(phi.find(swarm_line), swarm_line.size(), "detector: {kind: phi-accrual}");
  const RunOutcome s = run_yaml("study-swarm", base), p = run_yaml("study-phi", phi);
  ASSERT_EQ(s.status, 0) << s.output;
  ASSERT_EQ(p.status, 0) << p.output;
  const auto& sd = s.metrics["detection_time"];
  const auto& pd = p.metrics["detection_time"];
  EXPECT_EQ(sd["count"], 6);  // 4 crashes + 2 hangs
  EXPECT_EQ(pd["count"], 6);
  EXPECT_LT(pd["max"].get<double>(), 15.0);
  EXPECT_LT(pd["mean"].get<double>(), sd["mean"].get<double>() - 3.0);
  EXPECT_LE(p.metrics["false_suspicions"].get<int>(), s.metrics["false_suspicions"].get<int>());
  EXPECT_EQ(p.metrics["false_downs"], 0);
  EXPECT_EQ(s.metrics["false_downs"], 0);
}

}  // namespace
}  // namespace drydock

namespace drydock {
namespace {

TEST(Faults, StopSentIntoAPartitionIsSentAgainOnHeal) {
  // A scale down while w-1 is cut off: its stops are lost. The partition heals before the down
  // verdict, w-1 reports what it runs, and the control plane stops the replicas again.
  const RunOutcome r = run_yaml("lost-stop", cluster(4, 20, "  - {at: 100s, kind: partition, hosts: [w-1], duration: 6s}\n",
                                              "{kind: fixed-timeout, preset: swarm}") +
                                          "changes:\n  - {at: 101s, service: web, replicas: 8}\n");
  ASSERT_EQ(r.status, 0) << r.output;
  const int removed_on_w1 = r.count(EventKind::kRemoved, "scale down", "w-1");
  ASSERT_GT(removed_on_w1, 0) << "the scale down must hit the partitioned host for this test to mean anything";
  EXPECT_EQ(r.count(EventKind::kStopped, "", "w-1"), removed_on_w1);
  EXPECT_EQ(r.count(EventKind::kHostDeclaredDown, "", "w-1"), 0);
  EXPECT_EQ(r.metrics["replicas_running_end"], 8);
}

}  // namespace
}  // namespace drydock
