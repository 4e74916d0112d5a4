// The live runtime driving the real testbed: the same control plane as the simulator, real containers.
// Every assertion is checked against what the daemons themselves list (ground truth), not only against
// what the control plane believes.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "live/live_runtime.h"
#include "schedulers/scheduler.h"
#include "tests/live/testbed.h"

namespace drydock::live {
namespace {

LiveConfig fast_config(const std::string& cluster) {
  LiveConfig cfg;
  cfg.cluster = cluster;
  cfg.agent.probe_period = 0.5;
  // A short detector so that the crash test costs seconds, not Swarm's 15 s.
  cfg.control.detector.fixed = FixedTimeoutConfig{1.0, 2.0, 4.0};
  cfg.control.seed = 7;
  cfg.diagnostics = [](const std::string& m) { std::fprintf(stderr, "runtime: %s\n", m.c_str()); };
  return cfg;
}

LiveService web(int replicas) {
  LiveService s;
  s.spec.name = "web";
  s.spec.image = "drydock/busybox:latest";
  s.spec.replicas = replicas;
  s.spec.request = {0.01, 16, 0};
  s.spec.restart.delay = 1.0;
  s.cmd = {"sleep", "100000"};
  return s;
}

int running(LiveRuntime& rt) {
  const auto s = rt.services();
  return s.empty() ? 0 : s[0].running;
}

// Waits until the daemons list exactly `want` running containers of the service; returns seconds taken.
double wait_ground_truth(const std::vector<LiveHost>& hosts, const std::string& cluster, int want, double timeout) {
  const auto t0 = std::chrono::steady_clock::now();
  while (true) {
    const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (testing::total(testing::running_containers(hosts, cluster, "web")) == want) return dt;
    if (dt > timeout) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

TEST(LiveRuntime, HundredReplicasSpreadThenScaleDownAndUp) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  testing::sweep(hosts, "t-runtime");
  LiveRuntime rt(hosts, PolicyRegistry::instance().make("spread"), fast_config("t-runtime"));
  rt.start();
  rt.apply(web(100));
  const double up = wait_ground_truth(hosts, "t-runtime", 100, 120);
  ASSERT_GE(up, 0) << "100 replicas not running after 120 s";
  std::printf("[ figure ] 100 replicas running %.2f s after apply\n", up);
  ASSERT_TRUE(rt.wait_until([](const ControlPlane&) { return true; }, 1));
  EXPECT_TRUE(rt.wait_until([&](const ControlPlane& cp) {
    int n = 0;
    for (const auto& [id, r] : cp.replicas()) n += r.state == ReplicaState::kRunning;
    return n == 100;
  }, 10));
  // Spread: no host more than one replica away from an even share.
  const auto per_host = testing::running_containers(hosts, "t-runtime", "web");
  for (const auto& h : hosts) {
    const int n = per_host.count(h.spec.name) ? static_cast<int>(per_host.at(h.spec.name).size()) : 0;
    EXPECT_NEAR(n, 100.0 / hosts.size(), 1.0) << h.spec.name;
  }

  ASSERT_TRUE(rt.scale("web", 20));
  const double down = wait_ground_truth(hosts, "t-runtime", 20, 60);
  ASSERT_GE(down, 0) << "not scaled down to 20";
  std::printf("[ figure ] scaled 100 -> 20 in %.2f s\n", down);
  ASSERT_TRUE(rt.scale("web", 100));
  const double back = wait_ground_truth(hosts, "t-runtime", 100, 120);
  ASSERT_GE(back, 0) << "not scaled back to 100";
  std::printf("[ figure ] scaled 20 -> 100 in %.2f s\n", back);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // nothing more starts: no duplicates
  EXPECT_EQ(testing::total(testing::running_containers(hosts, "t-runtime")), 100);
  EXPECT_EQ(running(rt), 100);

  // The event log has one started row per container start and the control plane's decisions.
  int started = 0, placed = 0;
  for (const Event& e : rt.events()) {
    started += e.kind == EventKind::kStarted;
    placed += e.kind == EventKind::kPlaced;
  }
  EXPECT_EQ(started, 180);
  EXPECT_EQ(placed, 180);
  if (started != 180)
    for (const Event& e : rt.events())
      std::fprintf(stderr, "event: %.3f %s %s %s %s\n", e.time, std::string(to_string(e.kind)).c_str(),
                   e.replica.c_str(), e.host.c_str(), e.detail.c_str());

  ASSERT_TRUE(rt.remove("web"));
  EXPECT_GE(wait_ground_truth(hosts, "t-runtime", 0, 60), 0);
  rt.stop();
  testing::sweep(hosts, "t-runtime");
}

TEST(LiveRuntime, CrashedHostsReplicasAreReplacedAndItsLeftoversCleaned) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  ASSERT_GE(hosts.size(), 2u);
  testing::sweep(hosts, "t-crash");
  LiveRuntime rt(hosts, PolicyRegistry::instance().make("spread"), fast_config("t-crash"));
  rt.start();
  rt.apply(web(30));
  ASSERT_GE(wait_ground_truth(hosts, "t-crash", 30, 60), 0);

  const std::size_t victim = hosts.size() - 1;
  const std::string victim_name = hosts[victim].spec.name;
  const auto t_crash = std::chrono::steady_clock::now();
  ASSERT_EQ(testing::run(testing::source_dir() + "/live/testbed/crash " + std::to_string(victim + 1) + " kill"), 0);
  const double recovered = wait_ground_truth(hosts, "t-crash", 30, 60);
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_crash).count();
  // Restore the testbed before any assertion can end the test early.
  testing::restore_testbed(*hosts_path, hosts.size());
  ASSERT_GE(recovered, 0) << "replicas of the crashed host not replaced within 60 s";
  std::printf("[ figure ] host crash -> 30 running again after %.2f s (detector down after 4 s)\n", total);
  bool declared_down = false;
  int joined = 0;
  for (const Event& e : rt.events()) {
    declared_down |= e.kind == EventKind::kHostDeclaredDown && e.host == victim_name;
    joined += e.kind == EventKind::kHostJoined;
  }
  EXPECT_TRUE(declared_down);
  EXPECT_EQ(joined, static_cast<int>(hosts.size()));  // once each: a daemon restart is not a new host

  // The restarted daemon holds the dead containers of the crash; the runtime removes them, and the
  // host gets no new work it does not need (spread does not rebalance, as Swarm does not).
  ASSERT_TRUE(rt.wait_until([&](const ControlPlane& cp) {
    for (std::size_t i = 0; i < cp.cluster().host_count(); ++i)
      if (cp.host_health(HostId(static_cast<HostId::repr>(i))) != HostHealth::kAlive) return false;
    return true;
  }, 30));
  std::this_thread::sleep_for(std::chrono::seconds(3));
  DockerClient c(hosts[victim].endpoint);
  EXPECT_TRUE(c.list_containers({"drydock.cluster=t-crash"}, true).empty()) << "leftovers on " << victim_name;
  EXPECT_EQ(testing::total(testing::running_containers(hosts, "t-crash")), 30);
  rt.stop();
  testing::sweep(hosts, "t-crash");
}

// A hung host (daemon, shims and containers frozen, as SIGSTOP would) answers nothing: it is declared
// down and its replicas are replaced. When it thaws, its containers are still running: they are now
// duplicates, and the runtime stops them, so the service is back to exactly its desired count.
TEST(LiveRuntime, HungHostIsReplacedAndItsLeftoversStoppedWhenItThaws) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  ASSERT_GE(hosts.size(), 2u);
  testing::sweep(hosts, "t-hang");
  LiveRuntime rt(hosts, PolicyRegistry::instance().make("spread"), fast_config("t-hang"));
  rt.start();
  rt.apply(web(12));
  ASSERT_GE(wait_ground_truth(hosts, "t-hang", 12, 60), 0);
  const std::size_t victim = hosts.size() - 1;
  const std::string crash = testing::source_dir() + "/live/testbed/crash " + std::to_string(victim + 1);
  ASSERT_EQ(testing::run(crash + " hang"), 0);
  std::vector<LiveHost> others(hosts.begin(), hosts.end() - 1);
  const double replaced = wait_ground_truth(others, "t-hang", 12, 60);
  testing::run(crash + " resume");
  ASSERT_GE(replaced, 0) << "replicas of the hung host not replaced";
  std::printf("[ figure ] host hang -> 12 running on the others after %.2f s\n", replaced);
  // Thawed: its containers run again next to their replacements, until the runtime stops them.
  const double cleaned = wait_ground_truth(hosts, "t-hang", 12, 60);
  EXPECT_GE(cleaned, 0) << "duplicates left running after the hung host came back";
  EXPECT_TRUE(rt.wait_until([&](const ControlPlane&) {
    return testing::running_containers({hosts[victim]}, "t-hang").empty();
  }, 30));
  rt.stop();
  testing::sweep(hosts, "t-hang");
}

TEST(LiveRuntime, ExitedContainerIsRestartedByThePolicy) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  testing::sweep(hosts, "t-exit");
  LiveRuntime rt(hosts, PolicyRegistry::instance().make("spread"), fast_config("t-exit"));
  rt.start();
  rt.apply(web(3));
  ASSERT_GE(wait_ground_truth(hosts, "t-exit", 3, 60), 0);
  // Kill one container behind drydock's back: restart policy "no" on the daemon, so only drydock's
  // policy (restart after delay) brings it back, on a fresh container.
  const auto before = testing::running_containers(hosts, "t-exit", "web");
  const auto& [host_name, ids] = *before.begin();
  const double killed_at = rt.now();
  for (const auto& h : hosts)
    if (h.spec.name == host_name) DockerClient(h.endpoint).stop_container(ids[0], 0);
  ASSERT_GE(wait_ground_truth(hosts, "t-exit", 3, 30), 0);
  bool exited = false;
  for (const Event& e : rt.events())
    if (e.kind == EventKind::kExited) {
      exited = true;
      std::printf("[ figure ] container killed -> exited event after %.2f s (%s)\n", e.time - killed_at, e.detail.c_str());
    }
  EXPECT_TRUE(exited);
  rt.stop();
  testing::sweep(hosts, "t-exit");
}

}  // namespace
}  // namespace drydock::live
