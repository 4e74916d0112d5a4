// Withheld steady heartbeats (sim/heartbeat_clock.h) against every beat delivered one by one
// (`--every-heartbeat`): the same events, samples and summary, byte for byte, on runs with crashes,
// hangs, GC-like pauses, partitions and random failures under detectors with short and long deadlines,
// while the withheld run really did withhold beats. Each run is a process (SimGrid: one engine each).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/sim/drydock_cli.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;
using drydock::testing::run_drydock;
using drydock::testing::slurp;

// Eight hosts, 24 replicas, the given faults and detector; 20 simulated minutes.
std::string scenario(const std::string& faults, const std::string& detector, const std::string& heartbeat) {
  return "name: steady\nseed: 11\nduration: 1200s\n"
         "cluster:\n  hosts:\n    - {name: w, count: 8, cpu: 8, memory: 32GiB}\n"
         "services:\n  - {name: web, image: {name: web, size: 10MB}, replicas: 24, cpu: 0.5, memory: 512MiB}\n"
         "faults:\n" + faults + "control:\n  detector: " + detector + "\n" + heartbeat;
}

const char* kFaults =
    "  - {at: 100s, kind: host_crash, host: w-1, duration: 200s}\n"
    "  - {at: 130s, kind: host_hang, host: w-2, duration: 120s}\n"
    "  - {at: 140s, kind: host_hang, host: w-3, duration: 3s}\n"
    "  - {at: 200s, kind: heartbeat_delay, host: w-4, duration: 20s}\n"
    "  - {at: 210s, kind: heartbeat_delay, host: w-5, duration: 2s}\n"
    "  - {at: 300s, kind: partition, hosts: [w-6], duration: 60s}\n"
    "  - {at: 320s, kind: partition, hosts: [w-7], duration: 4s}\n"
    "  - {at: 500s, kind: host_crash, host: w-2, duration: 30s}\n"
    "  - {at: 0s, kind: random_failures, mtbf: 30m, mttr: 2m}\n";

struct Pair {
  std::string events[2], samples[2], summary[2];
  unsigned long long withheld[2] = {0, 0};
};

Pair run_both(const std::string& name, const std::string& yaml) {
  const fs::path dir = fs::temp_directory_path() / ("drydock-steady-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "scenario.yaml") << yaml;
  Pair p;
  for (int every = 0; every < 2; ++every) {
    const fs::path out = dir / (every ? "every" : "withheld");
    std::string output;
    const int status = run_drydock("run " + (dir / "scenario.yaml").string() + " --quiet --out " + out.string() +
                                       (every ? " --every-heartbeat" : ""),
                                   &output);
    EXPECT_EQ(status, 0) << output;
    p.events[every] = slurp(out / "events.csv");
    p.samples[every] = slurp(out / "timeseries.csv");
    auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
    summary.erase("code_version");
    p.summary[every] = summary.dump();
    p.withheld[every] = nlohmann::json::parse(slurp(out / "perf.json"))["heartbeats_withheld"].get<unsigned long long>();
  }
  fs::remove_all(dir);
  return p;
}

void expect_same(const Pair& p) {
  EXPECT_FALSE(p.events[0].empty());
  EXPECT_EQ(p.events[0], p.events[1]);
  EXPECT_EQ(p.samples[0], p.samples[1]);
  EXPECT_EQ(p.summary[0], p.summary[1]);
  EXPECT_EQ(p.withheld[1], 0u);
}

TEST(SteadyBeats, SwarmDeadlinesSameResultsWithFaults) {
  const Pair p = run_both("swarm", scenario(kFaults, "{kind: fixed-timeout, preset: swarm}", ""));
  expect_same(p);
  // 8 hosts x 1200 s / 5 s is about 1,900 beats; those withheld are counted when their run ends (a fault).
  EXPECT_GT(p.withheld[0], 100u);
  EXPECT_NE(p.events[0].find("host_declared_down"), std::string::npos);  // the faults were detected
}

TEST(SteadyBeats, KubernetesDeadlinesSameResultsWithFaults) {
  const Pair p = run_both("kubernetes", scenario(kFaults, "{kind: fixed-timeout, preset: kubernetes}", ""));
  expect_same(p);
  EXPECT_GT(p.withheld[0], 50u);
}

TEST(SteadyBeats, WideJitterCloseToTheDeadlineSameResults) {
  // Beats up to 7 s apart against a 7.5 s suspicion deadline: withheld, and still exact.
  const Pair p = run_both("jitter", scenario(kFaults, "{kind: fixed-timeout, preset: swarm}",
                                             "  heartbeat: {period: 5s, jitter: 2s}\n"));
  expect_same(p);
  EXPECT_GT(p.withheld[0], 100u);
}

TEST(SteadyBeats, PhiDetectorsGetEveryBeat) {
  // A phi detector's window holds every interval: nothing may be withheld, results as before.
  const Pair p = run_both("phi", scenario(kFaults, "{kind: phi-accrual}", ""));
  expect_same(p);
  EXPECT_EQ(p.withheld[0], 0u);
}

}  // namespace
}  // namespace drydock
