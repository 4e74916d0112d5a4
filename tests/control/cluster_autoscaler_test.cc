// The cluster autoscaler's decisions, driven directly on a control plane: how many pool hosts it asks
// for, that booting hosts count, that nothing goes before the unneeded time, that busy hosts are
// drained one at a time and the node group never shrinks under its minimum.
#include <gtest/gtest.h>

#include "control/cluster_autoscaler.h"
#include "tests/control/driver.h"

namespace drydock {
namespace {

using testing::Driver;
using testing::service_spec;
using testing::starts;
using testing::stops;

// Hosts 0..n-1 of 4 cpu each; the first `on` heartbeat from t = 0, the others are off (silent).
struct Pool {
  explicit Pool(int n, int on, ClusterAutoscalerConfig config = {}) {
    std::vector<HostId> ids;
    for (int i = 0; i < n; ++i) ids.push_back(d.add_host("w-" + std::to_string(i + 1), 4, 16384, 0, i < on));
    config.initial_hosts = config.min_hosts = on;
    ca = std::make_unique<ClusterAutoscaler>(config, ids);
  }
  // Heartbeats from the hosts that are on, steps, confirms every start and stop at once.
  void run(Time t) {
    for (std::size_t i = 0; i < d.cp.cluster().host_count(); ++i)
      if (powered[i]) d.heartbeat(HostId(static_cast<HostId::repr>(i)), t);
    const auto actions = d.step(t);
    d.confirm_starts(actions, t);
    d.confirm_stops(actions, t);
  }
  AutoscalerDecision scan(Time t) {
    AutoscalerDecision dec = ca->scan(d.cp, t);
    for (HostId h : dec.add) booting.push_back(h);
    for (HostId h : dec.drain) d.cp.drain_host(h, t);
    for (HostId h : dec.remove) {
      d.cp.set_host_retired(h, true, t);
      powered[h.value] = false;
    }
    return dec;
  }
  // The hosts asked for join (start to heartbeat) when the test says they have booted.
  void booted() {
    for (HostId h : booting) powered[h.value] = true;
    booting.clear();
  }
  Driver d;
  std::vector<HostId> booting;
  std::unique_ptr<ClusterAutoscaler> ca;
  std::vector<bool> powered = std::vector<bool>(16, false);
};

TEST(ClusterAutoscaler, AsksForAsManyHostsAsTheUnschedulableReplicasNeed) {
  Pool p(6, 1);
  p.powered[0] = true;
  const ServiceId web = p.d.cp.apply_service(service_spec("web", 10, {1, 512, 0}), 0);
  p.run(0);  // 4 fit on w-1, 6 wait
  const AutoscalerDecision first = p.scan(0);
  ASSERT_EQ(first.add.size(), 2u) << "6 replicas of 1 cpu on hosts of 4: two hosts";
  EXPECT_EQ(first.add_reason, "6 unschedulable");
  EXPECT_EQ(first.add[0], HostId(1));
  EXPECT_EQ(first.add[1], HostId(2));
  // While they boot, the same replicas wait, and no more hosts are asked for.
  p.run(10);
  EXPECT_TRUE(p.scan(10).add.empty());
  // Booted: they heartbeat, the waiting replicas are placed there.
  p.booted();
  p.run(60);
  p.run(60);
  EXPECT_EQ(p.d.count_in_state(web, ReplicaState::kRunning), 10);
  EXPECT_EQ(p.ca->state(HostId(1)), ClusterAutoscaler::PoolState::kBooting);  // not yet seen by a scan
  p.scan(70);
  EXPECT_EQ(p.ca->state(HostId(1)), ClusterAutoscaler::PoolState::kUp);
}

TEST(ClusterAutoscaler, UnneededHostGoesAfterTheUnneededTimeNeverBelowTheMinimum) {
  ClusterAutoscalerConfig config;
  config.unneeded_time = 600;
  Pool p(3, 1, config);
  p.powered[0] = true;
  const ServiceId web = p.d.cp.apply_service(service_spec("web", 6, {1, 512, 0}), 0);
  p.run(0);
  ASSERT_EQ(p.scan(0).add.size(), 1u);
  p.booted();
  p.run(60);
  p.run(60);
  p.d.cp.scale(web, 4, 100);
  Time t = 100;
  for (; t < 2000; t += 10) {
    p.run(t);
    const AutoscalerDecision dec = p.scan(t);
    if (!dec.remove.empty() || !dec.drain.empty()) break;
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
    p.run(t);
    const AutoscalerDecision dec = p.scan(t);
    drained.insert(drained.end(), dec.drain.begin(), dec.drain.end());
    if (!dec.remove.empty()) {
      EXPECT_EQ(dec.remove, drained);
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
  // Never below the minimum: w-1 is alone, under the threshold, and stays.
  for (; t < removed_at + 2000; t += 10) {
    p.run(t);
    EXPECT_TRUE(p.scan(t).remove.empty());
  }
  // The retired host's silence is not a failure.
  EXPECT_TRUE(p.d.events_of(EventKind::kHostSuspected).empty());
}

TEST(ClusterAutoscaler, DrainsOneBusyHostAtATime) {
  ClusterAutoscalerConfig config;
  config.unneeded_time = 0;
  Pool p(4, 4, config);
  for (int i = 0; i < 4; ++i) p.powered[i] = true;
  p.ca = std::make_unique<ClusterAutoscaler>(ClusterAutoscalerConfig{10, 0, 0.5, 60, 4, 1},
                                             std::vector<HostId>{HostId(0), HostId(1), HostId(2), HostId(3)});
  p.d.cp.apply_service(service_spec("web", 4, {1, 512, 0}), 0);
  p.run(0);  // spread: one replica per host, 25 % each
  const AutoscalerDecision first = p.scan(0);
  ASSERT_EQ(first.drain.size(), 1u);
  EXPECT_EQ(first.drain[0], HostId(0));
  const auto drain_actions = p.d.step(0);
  EXPECT_EQ(stops(drain_actions).size(), 1u) << "its replica is stopped";
  p.d.confirm_starts(drain_actions, 0);
  // The next scan drains nothing more while w-1 still holds its replica, then removes it once empty.
  EXPECT_TRUE(p.scan(10).drain.empty());
  EXPECT_TRUE(p.scan(10).remove.empty());
  p.d.confirm_stops(drain_actions, 15);
  p.run(15);
  const AutoscalerDecision after = p.scan(20);
  EXPECT_EQ(after.remove, std::vector<HostId>{HostId(0)});
  EXPECT_EQ(after.remove_reason, std::vector<std::string>{"drained"});
}

}  // namespace
}  // namespace drydock
