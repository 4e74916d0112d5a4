// The reconciler's core: scale up, the no-double-action guard, the start timeout, and scale down
// removing the most co-located replicas first.
#include <gtest/gtest.h>

#include <set>

#include "tests/control/driver.h"

namespace drydock {
namespace {

using testing::Driver;
using testing::service_spec;
using testing::starts;
using testing::stops;

TEST(ScaleUp, NReplicasYieldNStartsOnReadyHosts) {
  Driver d;
  d.add_host("a");
  d.add_host("b");
  const ServiceId web = d.cp.apply_service(service_spec("web", 5), 0);
  const auto actions = d.step(0);
  const auto s = starts(actions);
  ASSERT_EQ(s.size(), 5u);
  EXPECT_TRUE(stops(actions).empty());
  std::set<ReplicaId> ids;
  for (const auto& a : s) {
    EXPECT_EQ(a.service, web);
    EXPECT_TRUE(a.host == HostId(0) || a.host == HostId(1));
    ids.insert(a.replica);
  }
  EXPECT_EQ(ids.size(), 5u) << "each start is a distinct replica";
  EXPECT_EQ(d.events_of(EventKind::kSubmitted).size(), 5u);
  EXPECT_EQ(d.events_of(EventKind::kPlaced).size(), 5u);
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kStarting), 5);
  // The placement reserved resources on the hosts.
  EXPECT_DOUBLE_EQ(d.cp.cluster().allocated(HostId(0)).cpu + d.cp.cluster().allocated(HostId(1)).cpu, 2.5);
}

TEST(ScaleUp, HostsWithoutAHeartbeatAreNotUsed) {
  Driver d;
  d.add_host("silent", 8, 32768, 0, /*beat=*/false);
  const HostId b = d.add_host("b");
  d.cp.apply_service(service_spec("web", 3), 0);
  for (const auto& s : starts(d.step(0))) EXPECT_EQ(s.host, b);
}

TEST(NoDoubleAction, StepAgainBeforeStartsAreObservedDoesNothing) {
  Driver d;
  d.add_host("a");
  d.add_host("b");
  const ServiceId web = d.cp.apply_service(service_spec("web", 4), 0);
  ASSERT_EQ(starts(d.step(0)).size(), 4u);
  // Level-triggered: the desired state is unchanged and the starts are in flight, so nothing to do,
  // however often the runtime steps while it waits (heartbeats keep arriving meanwhile).
  for (Time t : {0.0, 0.1, 1.0, 5.0, 30.0, 120.0}) {
    d.heartbeat(HostId(0), t);
    d.heartbeat(HostId(1), t);
    EXPECT_TRUE(d.step(t).empty()) << "at t=" << t;
  }
  EXPECT_EQ(d.events_of(EventKind::kSubmitted).size(), 4u);
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kStarting), 4);
}

TEST(NoDoubleAction, NothingToDoMeansNoImmediateWakeup) {
  Driver d;
  d.add_host("a");
  d.cp.apply_service(service_spec("web", 2), 0);
  // Work is due now: a fresh service must be reconciled.
  EXPECT_LE(d.cp.next_wakeup(), 0.0);
  d.step(0);
  // After the step only timers remain (a detector deadline, the start timeout), all in the future.
  EXPECT_GT(d.cp.next_wakeup(), 0.0);
}

TEST(NoDoubleAction, ObservedStartsAreRunningAndStayQuiet) {
  Driver d;
  d.add_host("a");
  const ServiceId web = d.cp.apply_service(service_spec("web", 3), 0);
  const auto actions = d.step(0);
  d.confirm_starts(actions, 2);
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kRunning), 3);
  EXPECT_TRUE(d.step(2).empty());
  // A duplicate started report (live mode may repeat itself) changes nothing either.
  d.confirm_starts(actions, 3);
  EXPECT_TRUE(d.step(3).empty());
}

TEST(StartTimeout, UnconfirmedStartIsRetriedAfterTheTimeout) {
  ControlConfig config;
  config.start_timeout = 30;
  Driver d("spread", config);
  d.add_host("a");
  d.add_host("b");
  const ServiceId web = d.cp.apply_service(service_spec("web", 2), 0);
  const auto first = starts(d.step(0));
  ASSERT_EQ(first.size(), 2u);
  // Only the first one is ever reported started.
  d.cp.observe(obs::ReplicaStarted{first[0].replica, first[0].host}, 3);
  // Keep the hosts alive so that only the start timeout is in play.
  for (Time t = 5; t < 30; t += 5) {
    d.heartbeat(HostId(0), t);
    d.heartbeat(HostId(1), t);
    EXPECT_TRUE(d.step(t).empty()) << "no retry before the timeout, t=" << t;
  }
  EXPECT_EQ(d.cp.next_wakeup(), 30.0);
  const auto retry = d.step(30);
  // The lost start is stopped (in case it turns up after all) and a new replica is started.
  const auto st = stops(retry);
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(st[0].replica, first[1].replica);
  EXPECT_EQ(st[0].host, first[1].host);
  const auto re = starts(retry);
  ASSERT_EQ(re.size(), 1u);
  EXPECT_NE(re[0].replica, first[1].replica);
  EXPECT_EQ(d.cp.replica(first[1].replica), nullptr);
  const auto removed = d.events_of(EventKind::kRemoved);
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].detail, "start timed out");
  EXPECT_EQ(removed[0].time, 30.0);
  // The confirmed replica was not touched, and the service is whole again.
  EXPECT_NE(d.cp.replica(first[0].replica), nullptr);
  EXPECT_EQ(d.placement(web).size() > 0, true);
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kRunning) + d.count_in_state(web, ReplicaState::kStarting), 2);
  // Resources of the abandoned start were released: exactly two replicas' worth is held.
  const double held = d.cp.cluster().allocated(HostId(0)).cpu + d.cp.cluster().allocated(HostId(1)).cpu;
  EXPECT_DOUBLE_EQ(held, 1.0);
}

TEST(StartTimeout, ConfirmedStartIsNotRetried) {
  ControlConfig config;
  config.start_timeout = 30;
  Driver d("spread", config);
  d.add_host("a");
  d.cp.apply_service(service_spec("web", 1), 0);
  d.confirm_starts(d.step(0), 29);
  d.heartbeat(HostId(0), 29);
  EXPECT_TRUE(d.step(31).empty());
  EXPECT_TRUE(d.events_of(EventKind::kRemoved).empty());
}

// Builds web with 4 replicas on a, 2 on b, 1 on c: hosts join one after the other and the service grows
// with them (spread puts new replicas on the emptiest host). All replicas are confirmed running.
struct Uneven {
  Driver d;
  ServiceId web;
  HostId a, b, c;
  Uneven() {
    a = d.add_host("a");
    web = d.cp.apply_service(service_spec("web", 4), 0);
    d.confirm_starts(d.step(0), 1);
    b = d.add_host("b", 8, 32768, 2);
    d.heartbeat(a, 2);
    d.cp.scale(web, 6, 2);
    d.confirm_starts(d.step(2), 3);
    c = d.add_host("c", 8, 32768, 4);
    d.heartbeat(a, 4);
    d.heartbeat(b, 4);
    d.cp.scale(web, 7, 4);
    d.confirm_starts(d.step(4), 5);
  }
};

TEST(ScaleDown, UnevenPlacementIsAsBuilt) {
  Uneven u;
  EXPECT_EQ(u.d.placement(u.web), (std::map<std::string, int>{{"a", 4}, {"b", 2}, {"c", 1}}));
}

TEST(ScaleDown, RemovesFromTheMostCoLocatedHostFirst) {
  Uneven u;
  u.d.cp.scale(u.web, 5, 6);
  const auto actions = u.d.step(6);
  EXPECT_TRUE(starts(actions).empty());
  const auto st = stops(actions);
  ASSERT_EQ(st.size(), 2u);
  // a holds 4: it loses one (3 left), and with 3 it still holds the most, so it loses the second too.
  for (const auto& s : st) EXPECT_EQ(s.host, u.a);
  EXPECT_EQ(u.d.placement(u.web), (std::map<std::string, int>{{"a", 2}, {"b", 2}, {"c", 1}}));
  EXPECT_EQ(u.d.count_in_state(u.web, ReplicaState::kStopping), 2);
  EXPECT_EQ(u.d.events_of(EventKind::kRemoved).size(), 2u);
  // Stops in flight: no second round of stops before they are confirmed.
  EXPECT_TRUE(u.d.step(7).empty());
  u.d.confirm_stops(actions, 8);
  EXPECT_TRUE(u.d.step(8).empty());
  EXPECT_EQ(u.d.cp.replicas().size(), 5u);
  EXPECT_DOUBLE_EQ(u.d.cp.cluster().allocated(u.a).cpu, 1.0);
}

TEST(ScaleDown, DeepScaleDownLeavesHostsLevel) {
  Uneven u;
  u.d.cp.scale(u.web, 3, 6);
  const auto st = stops(u.d.step(6));
  ASSERT_EQ(st.size(), 4u);
  // Always taking from a host with the most replicas ends with 1/1/1.
  EXPECT_EQ(u.d.placement(u.web), (std::map<std::string, int>{{"a", 1}, {"b", 1}, {"c", 1}}));
}

TEST(ScaleDown, PendingReplicasGoBeforePlacedOnes) {
  Driver d;
  const HostId a = d.add_host("a", 2, 32768);
  const ServiceId web = d.cp.apply_service(service_spec("web", 3, {1, 512, 0}), 0);
  const auto first = d.step(0);
  d.confirm_starts(first, 1);
  ASSERT_EQ(starts(first).size(), 2u);  // the third does not fit
  ASSERT_EQ(d.count_in_state(web, ReplicaState::kPending), 1);
  d.cp.scale(web, 2, 2);
  // Dropping the unplaced replica is enough: nothing running is stopped.
  EXPECT_TRUE(d.step(2).empty());
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kPending), 0);
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kRunning), 2);
  EXPECT_DOUBLE_EQ(d.cp.cluster().allocated(a).cpu, 2.0);
}

TEST(ScaleDown, StartingReplicasGoBeforeRunningOnes) {
  Driver d;
  const HostId a = d.add_host("a");
  const ServiceId web = d.cp.apply_service(service_spec("web", 2), 0);
  d.confirm_starts(d.step(0), 1);
  d.cp.scale(web, 3, 2);
  const auto newer = starts(d.step(2));  // left unconfirmed: still starting
  ASSERT_EQ(newer.size(), 1u);
  d.cp.scale(web, 2, 3);
  const auto st = stops(d.step(3));
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(st[0].replica, newer[0].replica);
  EXPECT_EQ(st[0].host, a);
}

TEST(ScaleDown, HostReportWithoutAStoppingReplicaConfirmsTheStop) {
  // Live mode can lose the stop confirmation; the host's next full listing, which no longer has the
  // replica, is proof enough. Otherwise it would hold its resources forever.
  Uneven u;
  u.d.cp.scale(u.web, 6, 6);
  const auto st = stops(u.d.step(6));
  ASSERT_EQ(st.size(), 1u);
  ASSERT_EQ(st[0].host, u.a);
  std::vector<ReplicaId> still_on_a;
  for (const auto& [id, r] : u.d.cp.replicas())
    if (r.host == u.a && id != st[0].replica) still_on_a.push_back(id);
  ASSERT_EQ(still_on_a.size(), 3u);
  u.d.cp.observe(obs::HostReport{u.a, still_on_a}, 7);
  EXPECT_EQ(u.d.cp.replica(st[0].replica), nullptr);
  EXPECT_DOUBLE_EQ(u.d.cp.cluster().allocated(u.a).cpu, 1.5);
  EXPECT_TRUE(u.d.step(7).empty());
}

TEST(ScaleDown, ToZeroStopsEverything) {
  Uneven u;
  u.d.cp.scale(u.web, 0, 6);
  const auto actions = u.d.step(6);
  EXPECT_EQ(stops(actions).size(), 7u);
  u.d.confirm_stops(actions, 7);
  u.d.step(7);
  EXPECT_TRUE(u.d.cp.replicas().empty());
  for (HostId h : {u.a, u.b, u.c}) EXPECT_EQ(u.d.cp.cluster().task_count(h), 0u);
}

}  // namespace
}  // namespace drydock
