// The failure detector inside the control plane: a silent host is suspected at +7.5 s, declared down at
// +15 s, next_wakeup() names those deadlines, its replicas are replaced elsewhere, it is ready again when
// it heartbeats, and replicas it still runs that we gave up are stopped.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/control/driver.h"

namespace drydock {
namespace {

using testing::Driver;
using testing::service_spec;
using testing::starts;
using testing::stops;

TEST(HostFailure, NextWakeupNamesTheDetectorDeadlines) {
  Driver d;
  const HostId a = d.add_host("a", 8, 32768, 0);
  d.step(0);
  d.heartbeat(a, 5);
  d.step(5);
  d.heartbeat(a, 10);
  d.step(10);
  // Last heartbeat at 10 and nothing else to do: the next thing that can happen is the suspicion.
  EXPECT_EQ(d.cp.next_wakeup(), 17.5);
  EXPECT_TRUE(d.step(17.5).empty());
  const auto suspected = d.events_of(EventKind::kHostSuspected);
  ASSERT_EQ(suspected.size(), 1u);
  EXPECT_EQ(suspected[0].time, 17.5);
  EXPECT_EQ(suspected[0].host, "a");
  EXPECT_EQ(d.cp.host_health(a), HostHealth::kSuspected);
  EXPECT_FALSE(d.cp.cluster().schedulable(a));
  EXPECT_EQ(d.cp.next_wakeup(), 25.0);
  d.step(25);
  const auto down = d.events_of(EventKind::kHostDeclaredDown);
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(down[0].time, 25.0);
  EXPECT_EQ(d.cp.host_health(a), HostHealth::kDown);
  EXPECT_EQ(d.cp.next_wakeup(), kNever);
}

TEST(HostFailure, LateStepStillStampsEventsAtTheDeadlines) {
  // A runtime that steps late (a busy live loop) still gets the verdicts timed when they became true.
  Driver d;
  d.add_host("a", 8, 32768, 3);
  d.step(3);
  d.step(100);
  const auto s = d.events_of(EventKind::kHostSuspected);
  const auto dn = d.events_of(EventKind::kHostDeclaredDown);
  ASSERT_EQ(s.size(), 1u);
  ASSERT_EQ(dn.size(), 1u);
  EXPECT_EQ(s[0].time, 10.5);
  EXPECT_EQ(dn[0].time, 18.0);
}

// Heartbeat times are arbitrary reals (Swarm jitters 5 s by +-0.5 s). A last heartbeat at t = 0.7 is a
// case where 0.7 + 7.5 - 0.7 < 7.5 in floating point; the host must still be suspected and declared down.
TEST(HostFailure, SilentHostIsDeclaredDownWhateverItsLastHeartbeatTime) {
  for (Time last : {0.7, 1.2, 0.501, 17.3, 300.7, 1234.56}) {
    Driver d;
    const HostId a = d.add_host("a", 8, 32768, last);
    d.step(last);
    // Drive the loop only by next_wakeup(), as a runtime does, for up to a minute.
    for (int i = 0; i < 10 && d.cp.next_wakeup() <= last + 60; ++i) d.step(std::max(last, d.cp.next_wakeup()));
    EXPECT_EQ(d.cp.host_health(a), HostHealth::kDown) << "last heartbeat at " << last;
    const auto dn = d.events_of(EventKind::kHostDeclaredDown);
    ASSERT_EQ(dn.size(), 1u) << "last heartbeat at " << last;
    EXPECT_NEAR(dn[0].time - last, 15.0, 1e-9);
  }
}

// Three hosts with two replicas each, all running, heartbeating every 5 s; c falls silent after t = 20.
struct ThreeHosts {
  Driver d;
  ServiceId web;
  HostId a, b, c;
  std::vector<act::StartReplica> on_c;
  ThreeHosts() {
    a = d.add_host("a");
    b = d.add_host("b");
    c = d.add_host("c");
    web = d.cp.apply_service(service_spec("web", 6), 0);
    const auto first = d.step(0);
    d.confirm_starts(first, 1);
    for (const auto& s : starts(first))
      if (s.host == c) on_c.push_back(s);
    for (Time t = 5; t <= 20; t += 5) beat_all(t, true);
  }
  void beat_all(Time t, bool with_c) {
    d.heartbeat(a, t);
    d.heartbeat(b, t);
    if (with_c) d.heartbeat(c, t);
    EXPECT_TRUE(d.step(t).empty()) << "nothing to do at t=" << t;
  }
};

TEST(HostFailure, ReplicasOfADownHostAreReplacedElsewhere) {
  ThreeHosts x;
  ASSERT_EQ(x.on_c.size(), 2u);  // spread: two per host
  // a and b keep beating; c is silent. Between the beats the loop steps at next_wakeup().
  x.beat_all(25, false);
  EXPECT_EQ(x.d.cp.next_wakeup(), 27.5);  // c's suspicion (20 + 7.5) is the next thing due
  EXPECT_TRUE(x.d.step(27.5).empty());    // suspicion alone moves nothing
  ASSERT_EQ(x.d.events_of(EventKind::kHostSuspected).size(), 1u);
  EXPECT_EQ(x.d.events_of(EventKind::kHostSuspected)[0].host, "c");
  EXPECT_EQ(x.d.events_of(EventKind::kHostSuspected)[0].time, 27.5);
  x.beat_all(30, false);
  EXPECT_EQ(x.d.cp.next_wakeup(), 35.0);
  x.d.heartbeat(x.a, 35);
  x.d.heartbeat(x.b, 35);
  const auto actions = x.d.step(35);

  const auto down = x.d.events_of(EventKind::kHostDeclaredDown);
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(down[0].host, "c");
  EXPECT_EQ(down[0].time, 35.0);
  // The two replicas on c are given up and two new ones started on a and b.
  const auto re = starts(actions);
  ASSERT_EQ(re.size(), 2u);
  for (const auto& s : re) {
    EXPECT_NE(s.host, x.c);
    EXPECT_EQ(s.service, x.web);
  }
  EXPECT_TRUE(stops(actions).empty()) << "no point sending a stop to a host we cannot reach";
  for (const auto& s : x.on_c) EXPECT_EQ(x.d.cp.replica(s.replica), nullptr);
  int removed_down = 0;
  for (const auto& e : x.d.events_of(EventKind::kRemoved)) removed_down += e.detail == "host declared down";
  EXPECT_EQ(removed_down, 2);
  EXPECT_EQ(x.d.cp.cluster().task_count(x.c), 0u);
  EXPECT_EQ(x.d.placement(x.web), (std::map<std::string, int>{{"a", 3}, {"b", 3}}));
  // No double action: the replacements are in flight.
  EXPECT_TRUE(x.d.step(36).empty());
}

TEST(HostFailure, HostThatComesBackIsReadyAndItsOrphansAreStopped) {
  ThreeHosts x;
  for (Time t = 25; t <= 35; t += 5) {
    x.d.heartbeat(x.a, t);
    x.d.heartbeat(x.b, t);
    x.d.confirm_starts(x.d.step(t), t);
  }
  ASSERT_EQ(x.d.cp.host_health(x.c), HostHealth::kDown);
  for (Time t = 40; t <= 50; t += 5) x.beat_all(t, false);

  // c is back at t = 50 and lists the two containers it still runs.
  x.d.heartbeat(x.c, 50);
  EXPECT_EQ(x.d.cp.host_health(x.c), HostHealth::kAlive);
  EXPECT_TRUE(x.d.cp.cluster().schedulable(x.c));
  x.d.collect();
  const auto ready = x.d.events_of(EventKind::kHostReady);
  ASSERT_GE(ready.size(), 4u);  // a, b, c at their first beat, then c again
  EXPECT_EQ(ready.back().host, "c");
  EXPECT_EQ(ready.back().time, 50.0);
  EXPECT_EQ(ready.back().detail, "was down");

  x.d.cp.observe(obs::HostReport{x.c, {x.on_c[0].replica, x.on_c[1].replica}}, 50);
  const auto actions = x.d.step(50);
  const auto st = stops(actions);
  ASSERT_EQ(st.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(st[i].replica, x.on_c[i].replica);
    EXPECT_EQ(st[i].host, x.c);
    // The runtime finds a container by replica and service (the simulator ignores a stop without one).
    EXPECT_EQ(st[i].service, x.web);
  }
  EXPECT_TRUE(starts(actions).empty()) << "the service is whole: nothing to start";
  // The orphans never re-enter the books, and the returning host holds nothing.
  EXPECT_EQ(x.d.cp.cluster().task_count(x.c), 0u);
  EXPECT_EQ(x.d.cp.replicas().size(), 6u);

  // It takes new work again: the next scale up goes there (spread: it has the fewest).
  x.d.cp.scale(x.web, 7, 51);
  const auto more = starts(x.d.step(51));
  ASSERT_EQ(more.size(), 1u);
  EXPECT_EQ(more[0].host, x.c);
}

TEST(HostFailure, SuspectedHostGetsNoNewWorkButKeepsItsReplicas) {
  ThreeHosts x;
  x.beat_all(25, false);
  x.d.step(27.5);
  ASSERT_EQ(x.d.cp.host_health(x.c), HostHealth::kSuspected);
  x.d.cp.scale(x.web, 8, 28);
  for (const auto& s : starts(x.d.step(28))) EXPECT_NE(s.host, x.c);
  for (const auto& s : x.on_c) EXPECT_NE(x.d.cp.replica(s.replica), nullptr);
  // It recovers before the down verdict: nothing was lost.
  x.d.heartbeat(x.c, 29);
  EXPECT_EQ(x.d.cp.host_health(x.c), HostHealth::kAlive);
  EXPECT_TRUE(x.d.events_of(EventKind::kHostDeclaredDown).empty());
  for (const auto& s : x.on_c) EXPECT_NE(x.d.cp.replica(s.replica), nullptr);
}

TEST(HostFailure, StoppingReplicaOnADownHostIsRemovedOnlyOnce) {
  // A replica being stopped for a scale down when its host dies was already logged as removed; the
  // down verdict must not log it a second time (the churn metric counts removals).
  ThreeHosts x;
  x.d.cp.scale(x.web, 5, 21);
  const auto st = stops(x.d.step(21));
  ASSERT_EQ(st.size(), 1u);
  ASSERT_EQ(st[0].host, x.a);  // ties between equal hosts go to the lowest id
  // a dies before confirming; b and c keep beating.
  for (Time t = 25; t <= 40; t += 5) {
    x.d.heartbeat(x.b, t);
    x.d.heartbeat(x.c, t);
    x.d.step(t);
  }
  ASSERT_EQ(x.d.cp.host_health(x.a), HostHealth::kDown);
  int removals = 0;
  for (const auto& e : x.d.events_of(EventKind::kRemoved)) removals += e.replica == "web." + std::to_string(st[0].replica.value);
  EXPECT_EQ(removals, 1);
  EXPECT_EQ(x.d.cp.replica(st[0].replica), nullptr);
  // The service is back at 5: one replica of a was scaled away, the other is replaced.
  EXPECT_EQ(x.d.placement(x.web).count("a"), 0u);
  int placed = 0;
  for (const auto& [host, n] : x.d.placement(x.web)) placed += n;
  EXPECT_EQ(placed, 5);
}

TEST(HostFailure, ObservationsFromAnUnregisteredHostAreIgnored) {
  // Live mode hears from the network: a stray or stale host id must not corrupt (or crash) the books.
  Driver d;
  d.add_host("a");
  d.cp.apply_service(service_spec("web", 1), 0);
  d.step(0);
  d.heartbeat(HostId(42), 1);
  d.cp.observe(obs::ReplicaStarted{ReplicaId(0), HostId(42)}, 1);
  d.cp.observe(obs::ReplicaExited{ReplicaId(0), HostId(42), true}, 1);
  d.cp.observe(obs::ReplicaStopped{ReplicaId(0), HostId(42)}, 1);
  d.cp.observe(obs::HostReport{HostId(42), {ReplicaId(0)}}, 1);
  EXPECT_TRUE(d.step(1).empty());
  EXPECT_EQ(d.cp.cluster().host_count(), 1u);
  ASSERT_NE(d.cp.replica(ReplicaId(0)), nullptr);
  EXPECT_EQ(d.cp.replica(ReplicaId(0))->state, ReplicaState::kStarting);
  EXPECT_TRUE(d.events_of(EventKind::kHostReady).size() == 1u);
}

TEST(HostFailure, ReportOfUnknownReplicaStopsIt) {
  Driver d;
  const HostId a = d.add_host("a");
  d.step(0);
  d.cp.observe(obs::HostReport{a, {ReplicaId(999)}}, 1);
  const auto st = stops(d.step(1));
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(st[0].replica, ReplicaId(999));
  EXPECT_EQ(st[0].host, a);
}

TEST(HostFailure, ReportMissingARunningReplicaCountsAsAnExit) {
  Driver d;
  const HostId a = d.add_host("a");
  const ServiceId web = d.cp.apply_service(service_spec("web", 2), 0);
  const auto first = d.step(0);
  d.confirm_starts(first, 1);
  const auto s = starts(first);
  d.cp.observe(obs::HostReport{a, {s[0].replica}}, 2);  // s[1] has vanished
  EXPECT_TRUE(d.step(2).empty());
  EXPECT_EQ(d.cp.replica(s[1].replica)->state, ReplicaState::kExited);
  // Restart policy applies: a replacement after the 5 s delay.
  d.heartbeat(a, 7);
  EXPECT_EQ(starts(d.step(7)).size(), 1u);
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kStarting), 1);
}

}  // namespace
}  // namespace drydock

namespace drydock {
namespace {

TEST(HostFailure, StopLostInAPartitionIsSentAgainWhenTheHostReports) {
  // A scale down's stop goes to a host that is cut off (the runtime drops it). The partition heals
  // before the down verdict; the host reports it still runs the replica: the stop is sent again, once
  // per report, and the replica is gone when the host confirms.
  testing::Driver d;
  const HostId a = d.add_host("a");
  const ServiceId web = d.cp.apply_service(testing::service_spec("web", 2), 0);
  const auto first = d.step(0);
  d.confirm_starts(first, 1);
  d.cp.scale(web, 1, 2);
  const auto lost = testing::stops(d.step(2));
  ASSERT_EQ(lost.size(), 1u);
  d.heartbeat(a, 3);
  EXPECT_TRUE(d.step(3).empty()) << "no report yet: nothing says the stop was lost";
  std::vector<ReplicaId> running;
  for (const auto& s : testing::starts(first)) running.push_back(s.replica);
  d.cp.observe(obs::HostReport{a, running}, 10);
  const auto again = testing::stops(d.step(10));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].replica, lost[0].replica);
  EXPECT_EQ(again[0].host, a);
  EXPECT_EQ(again[0].service, web);
  EXPECT_TRUE(d.step(10).empty()) << "sent once per report, not on every step";
  d.cp.observe(obs::ReplicaStopped{lost[0].replica, a}, 11);
  EXPECT_EQ(d.cp.replica(lost[0].replica), nullptr);
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kRunning), 1);
  int removals = 0;
  for (const auto& e : d.events_of(EventKind::kRemoved)) removals += e.detail == "scale down";
  EXPECT_EQ(removals, 1) << "a re-sent stop is not a second removal";
}

}  // namespace
}  // namespace drydock
