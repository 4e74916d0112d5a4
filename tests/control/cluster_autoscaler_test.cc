// The cluster autoscaler as a controller of the control plane, driven alone: heartbeats and replica
// reports in, act::PowerOnHost / PowerOffHost and drain stops out. How many pool hosts it asks for, that
// booting hosts count, that nothing goes before the unneeded time, that busy hosts are drained one at a
// time and the node group never shrinks under its minimum.
#include <gtest/gtest.h>

#include "control/cluster_autoscaler.h"
#include "tests/control/driver.h"

namespace drydock {
namespace {

using testing::Driver;
using testing::service_spec;
using testing::starts;
using testing::stops;

// What the cluster autoscaler did in one step, read from the step's actions and events.
struct Scan {
  std::vector<HostId> add, drain, remove;
  std::string add_reason;
  std::vector<std::string> remove_reason;
};

// Hosts 0..n-1 of 4 cpu each; the first `on` heartbeat from t = 0, the others are off (silent).
struct Pool {
  Pool(int n, int on, ClusterAutoscalerConfig config = {}, bool enable = true) {
    for (int i = 0; i < n; ++i) ids.push_back(d.add_host("w-" + std::to_string(i + 1), 4, 16384, 0, i < on));
    for (int i = 0; i < on; ++i) powered[i] = true;
    config.initial_hosts = on;
    if (config.min_hosts == 0) config.min_hosts = on;
    if (enable) d.cp.enable_cluster_autoscaler(config, ids);
  }
  // Heartbeats from the hosts that are on, one step at `t`; every start (and, unless told otherwise,
  // every stop) is confirmed at once. A host powered off stops heartbeating.
  Scan run(Time t, bool confirm_stops = true) {
    for (std::size_t i = 0; i < d.cp.cluster().host_count(); ++i)
      if (powered[i]) d.heartbeat(HostId(static_cast<HostId::repr>(i)), t);
    const std::size_t seen = d.events.size();
    last = d.step(t);
    Scan s;
    for (const Action& a : last) {
      if (auto* on = std::get_if<act::PowerOnHost>(&a)) {
        s.add.push_back(on->host);
        booting.push_back(on->host);
      }
      if (auto* off = std::get_if<act::PowerOffHost>(&a)) {
        s.remove.push_back(off->host);
        powered[off->host.value] = false;
      }
    }
    for (std::size_t i = seen; i < d.events.size(); ++i) {
      const Event& e = d.events[i];
      if (e.kind == EventKind::kHostAdded) s.add_reason = e.detail;
      if (e.kind == EventKind::kHostRemoved) s.remove_reason.push_back(e.detail);
      const HostId host(static_cast<HostId::repr>(e.host.empty() ? 0 : std::stoi(e.host.substr(2)) - 1));
      if (e.kind == EventKind::kRemoved && e.detail == "drain" &&
          std::find(s.drain.begin(), s.drain.end(), host) == s.drain.end())
        s.drain.push_back(host);
    }
    d.confirm_starts(last, t);
    if (confirm_stops) d.confirm_stops(last, t);
    return s;
  }
  // The hosts asked for join (start to heartbeat) when the test says they have booted.
  void booted() {
    for (HostId h : booting) powered[h.value] = true;
    booting.clear();
  }
  ClusterAutoscaler::PoolState state(HostId h) const { return d.cp.cluster_autoscaler()->state(h); }
  Driver d;
  std::vector<HostId> ids, booting;
  std::vector<Action> last;
  std::vector<bool> powered = std::vector<bool>(16, false);
};

TEST(ClusterAutoscaler, AsksForAsManyHostsAsTheUnschedulableReplicasNeed) {
  Pool p(6, 1);
  const ServiceId web = p.d.cp.apply_service(service_spec("web", 10, {1, 512, 0}), 0);
  EXPECT_TRUE(p.run(0).add.empty()) << "its first scan comes before the first placement";
  const Scan first = p.run(10);  // 4 fit on w-1, 6 wait
  ASSERT_EQ(first.add.size(), 2u) << "6 replicas of 1 cpu on hosts of 4: two hosts";
  EXPECT_EQ(first.add_reason, "6 unschedulable");
  EXPECT_EQ(first.add[0], HostId(1));
  EXPECT_EQ(first.add[1], HostId(2));
  EXPECT_EQ(p.state(HostId(1)), ClusterAutoscaler::PoolState::kBooting);
  // While they boot, the same replicas wait, and no more hosts are asked for.
  EXPECT_TRUE(p.run(20).add.empty());
  // Booted: they heartbeat and the waiting replicas are placed there; the next scan sees them up.
  p.booted();
  p.run(25);  // between scans (every 10 s)
  EXPECT_EQ(p.d.count_in_state(web, ReplicaState::kRunning), 10);
  EXPECT_EQ(p.state(HostId(1)), ClusterAutoscaler::PoolState::kBooting) << "not yet seen by a scan";
  EXPECT_TRUE(p.run(30).add.empty());
  EXPECT_EQ(p.state(HostId(1)), ClusterAutoscaler::PoolState::kUp);
  EXPECT_EQ(p.d.events_of(EventKind::kHostAdded).size(), 2u);
}

TEST(ClusterAutoscaler, UnneededHostGoesAfterTheUnneededTimeNeverBelowTheMinimum) {
  ClusterAutoscalerConfig config;
  config.unneeded_time = 600;
  Pool p(3, 1, config);
  const ServiceId web = p.d.cp.apply_service(service_spec("web", 6, {1, 512, 0}), 0);
  p.run(0);
  ASSERT_EQ(p.run(10).add.size(), 1u);
  p.booted();
  p.run(60);
  p.d.cp.scale(web, 4, 100);
  Time t = 100;
  for (; t < 2000; t += 10) {
    const Scan s = p.run(t);
    if (!s.remove.empty() || !s.drain.empty()) break;
  }
  // The scale down leaves w-1 with 2 replicas and w-2 with 2, each at 50 %: both needed. Nothing goes.
  EXPECT_GE(t, 2000) << "a host at the utilisation threshold is not unneeded";
  p.d.cp.scale(web, 2, t);
  const Time scaled = t;
  // Now one replica each, 25 %: both are unneeded; the first in pool order (w-1) is drained and
  // removed once empty, and the other holds both replicas.
  Time removed_at = kNever;
  std::vector<HostId> drained;
  for (; t < scaled + 2000 && removed_at == kNever; t += 10) {
    const Scan s = p.run(t);
    drained.insert(drained.end(), s.drain.begin(), s.drain.end());
    if (!s.remove.empty()) {
      EXPECT_EQ(s.remove, drained);
      removed_at = t;
    }
  }
  ASSERT_NE(removed_at, kNever);
  ASSERT_EQ(drained, std::vector<HostId>{HostId(0)});
  EXPECT_GE(removed_at - scaled, 600) << "unneeded for 10 minutes first";
  EXPECT_LE(removed_at - scaled, 640);
  p.run(t);
  EXPECT_EQ(p.d.count_in_state(web, ReplicaState::kRunning), 2);
  for (const auto& [id, r] : p.d.cp.replicas()) EXPECT_EQ(r.host, HostId(1)) << "all on w-2";
  // Never below the minimum: w-2 is alone, under the threshold, and stays.
  for (; t < removed_at + 2000; t += 10) EXPECT_TRUE(p.run(t).remove.empty());
  // The retired host's silence is not a failure.
  EXPECT_TRUE(p.d.events_of(EventKind::kHostSuspected).empty());
}

TEST(ClusterAutoscaler, DrainsOneBusyHostAtATime) {
  Pool p(4, 4, {}, /*enable=*/false);
  p.d.cp.apply_service(service_spec("web", 4, {1, 512, 0}), 0);
  p.run(0);  // spread: one replica per host, 25 % each
  p.d.cp.enable_cluster_autoscaler(ClusterAutoscalerConfig{10, 0, 0.5, 60, 4, 1}, p.ids);
  const Scan first = p.run(0, /*confirm_stops=*/false);
  ASSERT_EQ(first.drain.size(), 1u);
  EXPECT_EQ(first.drain[0], HostId(0));
  EXPECT_EQ(stops(p.last).size(), 1u) << "its replica is stopped";
  EXPECT_EQ(starts(p.last).size(), 1u) << "and replaced elsewhere in the same step";
  const std::vector<Action> drain_actions = p.last;
  // The next scan drains nothing more while w-1 still holds its replica, and does not remove it.
  const Scan second = p.run(10, false);
  EXPECT_TRUE(second.drain.empty());
  EXPECT_TRUE(second.remove.empty());
  p.d.confirm_stops(drain_actions, 15);
  p.run(15);
  const Scan after = p.run(20);
  EXPECT_EQ(after.remove, std::vector<HostId>{HostId(0)});
  EXPECT_EQ(after.remove_reason, std::vector<std::string>{"drained"});
}

}  // namespace
}  // namespace drydock
