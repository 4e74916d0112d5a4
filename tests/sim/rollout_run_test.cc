// Rolling updates end to end (`drydock run`): a new image rolled out within maxSurge / maxUnavailable
// while the invariants (sim/invariants.h, rule "rollout") are checked at every instant; the event log
// reports the rollout; runs are reproducible.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "analysis/results.h"
#include "model/rng.h"
#include "tests/sim/drydock_cli.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;

using drydock::testing::slurp;

struct RunResult {
  int status = -1;
  std::string output;
  fs::path out;
};

RunResult drydock_run(const fs::path& scenario, const fs::path& out) {
  RunResult r;
  r.out = out;
  r.status = drydock::testing::run_drydock("run " + scenario.string() + " --quiet --out " + out.string(), &r.output);
  return r;
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("drydock-rollout-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(RolloutRun, ScenarioRollsEveryReplicaToTheNewImageReproducibly) {
  const fs::path dir = scratch("scenario");
  const RunResult a = drydock_run("workloads/scenarios/rolling-update.yaml", dir / "a");
  ASSERT_EQ(a.status, 0) << a.output;
  const std::vector<Event> events = read_events_csv((dir / "a" / "events.csv").string());
  std::map<std::string, std::vector<std::string>> updates;
  std::map<std::string, int> started_after, stopped_for_update;
  for (const Event& e : events) {
    if (e.kind == EventKind::kUpdate) updates[e.service].push_back(e.detail);
    if (e.kind == EventKind::kStarted && e.time >= 300) ++started_after[e.service];
    if (e.kind == EventKind::kRemoved && e.detail == "update") ++stopped_for_update[e.service];
  }
  ASSERT_GE(updates["web"].size(), 3u);
  EXPECT_EQ(updates["web"].front(), "start v0->v1 image web:v1->web:v2 max_surge 10 max_unavailable 0");
  EXPECT_EQ(updates["web"].back().rfind("complete v1 40 replicas in ", 0), 0u) << updates["web"].back();
  EXPECT_EQ(updates["api"].front(), "start v0->v1 image api:v1->api:v2 max_surge 2 max_unavailable 2");
  EXPECT_EQ(updates["api"].back().rfind("complete v1 8 replicas in ", 0), 0u) << updates["api"].back();
  // Every old replica was replaced once: as many new starts as replicas, as many retired.
  EXPECT_EQ(started_after["web"], 40);
  EXPECT_EQ(stopped_for_update["web"], 40);
  EXPECT_EQ(started_after["api"], 8);
  EXPECT_EQ(stopped_for_update["api"], 8);
  const auto summary = nlohmann::json::parse(slurp(dir / "a" / "summary.json"));
  EXPECT_EQ(summary["metrics"]["replicas_running_end"], 48);

  const RunResult b = drydock_run("workloads/scenarios/rolling-update.yaml", dir / "b");
  ASSERT_EQ(b.status, 0) << b.output;
  EXPECT_EQ(slurp(dir / "a" / "events.csv"), slurp(dir / "b" / "events.csv"));
  EXPECT_EQ(slurp(dir / "a" / "summary.json"), slurp(dir / "b" / "summary.json"));
}

// Random budgets, sizes, scale changes and restarts, no faults: the rollout rule's floor applies
// whenever the desired count is unchanged, and every instant is checked by the run itself.
TEST(RolloutRun, InvariantsHoldForRandomBudgets) {
  const fs::path dir = scratch("random");
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    Rng rng(seed * 104729);
    auto count_or_percent = [&] {
      return rng.below(2) ? std::to_string(rng.below(60)) + "%" : std::to_string(rng.below(4));
    };
    const int replicas = 1 + static_cast<int>(rng.below(30));
    std::string y = "name: random-rollout\nseed: " + std::to_string(seed) + "\nduration: 600s\npolicy: " +
                    (rng.below(2) ? std::string("spread") : std::string("binpack")) +
                    "\ncluster:\n  hosts:\n    - {name: h, count: " + std::to_string(3 + rng.below(4)) +
                    ", cpu: 8, memory: 32GiB}\nservices:\n  - {name: web, image: {name: web, size: 20MB}, replicas: " +
                    std::to_string(replicas) + ", cpu: 0.5, memory: 512MiB, start_latency: " +
                    std::to_string(1 + rng.below(10)) + "s, update_config: {max_surge: \"" + count_or_percent() +
                    "\", max_unavailable: \"" + count_or_percent() + "\"}}\nchanges:\n";
    const int first = 60 + static_cast<int>(rng.below(100));
    y += "  - {at: " + std::to_string(first) + "s, service: web, image: {name: web2, size: 20MB}}\n";
    if (rng.below(2)) y += "  - {at: " + std::to_string(first + rng.below(40)) + "s, service: web, replicas: " + std::to_string(rng.below(40)) + "}\n";
    if (rng.below(2)) y += "  - {at: " + std::to_string(first + rng.below(60)) + "s, service: web, image: {name: web3}}\n";
    const fs::path file = dir / ("s" + std::to_string(seed) + ".yaml");
    std::ofstream(file) << y;
    const RunResult r = drydock_run(file, dir / ("out" + std::to_string(seed)));
    EXPECT_EQ(r.status, 0) << "seed " << seed << ":\n" << r.output << "\n" << y;
    int completes = 0;
    if (r.status == 0)
      for (const Event& e : read_events_csv((dir / ("out" + std::to_string(seed)) / "events.csv").string()))
        completes += e.kind == EventKind::kUpdate && e.detail.rfind("complete", 0) == 0;
    EXPECT_GE(completes, 1) << "seed " << seed << ": no rollout completed\n" << y;
  }
}

}  // namespace
}  // namespace drydock
