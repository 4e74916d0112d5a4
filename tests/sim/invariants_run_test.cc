// FoundationDB-style invariant checks: the checker itself (it passes a consistent world and fails an
// inconsistent one), and a randomized test that runs many seeds with random fault schedules through
// `drydock run`, whose invariants must hold at every instant.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "control/control_plane.h"
#include "model/rng.h"
#include "schedulers/scheduler.h"
#include "sim/invariants.h"
#include "tests/sim/drydock_cli.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;

TEST(Invariants, CheckerPassesConsistentAndFailsLostReplicas) {
  Scenario scenario;
  ServiceSpec web;
  web.name = "web";
  web.replicas = 2;
  web.request = {1, 512, 0};
  scenario.services = {web};
  ControlPlane cp({}, PolicyRegistry::instance().make("spread"));
  const HostId a = cp.register_host({"a", {4, 8192, 0}, {}}, 0);
  cp.observe(obs::Heartbeat{a}, 0);
  cp.apply_service(web, 0);
  sim::World world;
  world.scenario = &scenario;
  world.service_names = {"web"};
  world.host_on = {true};
  world.hung = {false};
  world.partitioned = {false};
  world.rejoined_at = {-kNever};
  for (const auto& act : cp.step(0).actions) {
    const auto& s = std::get<act::StartReplica>(act);
    cp.observe(obs::ReplicaStarted{s.replica, s.host}, 1);
    world.containers[s.replica] = sim::Container{s.service, s.host, true, nullptr};
  }
  EXPECT_NO_THROW(sim::check_invariants(world, cp, 10));
  // A container the control plane gave up (an orphan) is not its own: still consistent.
  world.containers[ReplicaId(99)] = sim::Container{ServiceId(0), a, true, nullptr};
  EXPECT_NO_THROW(sim::check_invariants(world, cp, 10));
  // A replica it counts as running that the host does not have, with no news on the way: broken.
  world.containers.erase(world.containers.begin());
  try {
    sim::check_invariants(world, cp, 10);
    FAIL() << "no violation";
  } catch (const sim::InvariantViolation& e) {
    EXPECT_NE(std::string(e.what()).find("accounted"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("t=10"), std::string::npos) << e.what();
  }
}

struct Result {
  int status = -1;
  std::string output;
};

Result run(const fs::path& file, const fs::path& out) {
  Result r;
  r.status = drydock::testing::run_drydock("run " + file.string() + " --quiet --out " + out.string(), &r.output);
  return r;
}

// A random schedule of every fault kind over a small cluster, with scale changes in between.
std::string random_scenario(std::uint64_t seed) {
  Rng rng(seed * 7919);
  const int hosts = 4 + static_cast<int>(rng.below(5));
  std::string y = "name: random-faults\nseed: " + std::to_string(seed) + "\nduration: 900s\npolicy: " +
                  (rng.below(2) ? std::string("spread") : std::string("binpack")) +
                  "\ncluster:\n  hosts:\n    - {name: h, count: " + std::to_string(hosts) +
                  ", cpu: 4, memory: 16GiB, labels: {rack: r1}}\n    - {name: g, count: 2, cpu: 4, memory: 16GiB, labels: {rack: r2}}\n"
                  "services:\n  - {name: web, image: {name: web, size: 20MB}, replicas: " +
                  std::to_string(4 + rng.below(12)) + ", cpu: 0.5, memory: 512MiB}\n"
                  "  - {name: db, image: {name: db, size: 50MB}, replicas: " + std::to_string(1 + rng.below(4)) +
                  ", cpu: 1, memory: 2GiB, restart: {condition: on-failure, delay: 2s}}\nfaults:\n";
  auto host = [&] { return (rng.below(3) == 0 ? "g-" + std::to_string(1 + rng.below(2)) : "h-" + std::to_string(1 + rng.below(hosts))); };
  auto at = [&] { return std::to_string(static_cast<int>(rng.uniform(20, 800))) + "s"; };
  const int n = 3 + static_cast<int>(rng.below(8));
  for (int i = 0; i < n; ++i) {
    switch (rng.below(7)) {
      case 0: y += "  - {at: " + at() + ", kind: host_crash, host: " + host() + ", duration: " + std::to_string(10 + rng.below(200)) + "s}\n"; break;
      case 1: y += "  - {at: " + at() + ", kind: host_hang, host: " + host() + ", duration: " + std::to_string(1 + rng.below(90)) + "s}\n"; break;
      case 2: y += "  - {at: " + at() + ", kind: heartbeat_delay, host: " + host() + ", duration: " + std::to_string(1 + rng.below(30)) + "s}\n"; break;
      case 3: y += "  - {at: " + at() + ", kind: partition, hosts: [" + host() + "], duration: " + std::to_string(5 + rng.below(120)) + "s}\n"; break;
      case 4: y += "  - {at: " + at() + ", kind: host_crash, labels: {rack: r2}, duration: " + std::to_string(30 + rng.below(200)) + "s}\n"; break;
      case 5: y += "  - {at: 0s, kind: random_failures, mtbf: " + std::to_string(300 + rng.below(1500)) + "s, mttr: 60s}\n"; break;
      case 6: y += "  - {at: 0s, kind: container_crashes, service: " + std::string(rng.below(2) ? "web" : "db") + ", mtbf: 60s}\n"; break;
    }
  }
  y += "changes:\n  - {at: " + at() + ", service: web, replicas: " + std::to_string(rng.below(20)) + "}\n";
  // A rolling update of each service (default budget: 25 % / 25 %), under whatever faults are running.
  y += "  - {at: " + at() + ", service: web, image: {name: web2}}\n  - {at: " + at() + ", service: db, image: {name: db2}}\n";
  y += "control:\n  detector: " +
       std::string(rng.below(2) ? "{kind: phi-accrual}" : "{kind: fixed-timeout, preset: swarm}") + "\n";
  return y;
}

TEST(Invariants, HoldUnderRandomFaultSchedules) {
  const fs::path dir = fs::temp_directory_path() / ("drydock-invariants-" + std::to_string(getpid()));
  fs::create_directories(dir);
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const fs::path file = dir / ("s" + std::to_string(seed) + ".yaml");
    const std::string yaml = random_scenario(seed);
    std::ofstream(file) << yaml;
    const Result r = run(file, dir / ("out" + std::to_string(seed)));
    EXPECT_EQ(r.status, 0) << "seed " << seed << ":\n" << r.output << "\n" << yaml;
    EXPECT_EQ(r.output.find("invariant violated"), std::string::npos) << r.output;
  }
}

}  // namespace
}  // namespace drydock
