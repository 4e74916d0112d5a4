// Placement through the control plane: unschedulable replicas are reported once with a reason and placed
// when capacity appears; spread keeps hosts within one replica; binpack uses the fewest hosts.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/control/driver.h"

namespace drydock {
namespace {

using testing::Driver;
using testing::service_spec;
using testing::starts;
using testing::stops;

TEST(Unschedulable, ReportedOnceWithTheResourceThenPlacedWhenAHostAppears) {
  Driver d;
  const HostId a = d.add_host("a", 2, 32768);
  const ServiceId web = d.cp.apply_service(service_spec("web", 3, {1, 512, 0}), 0);
  EXPECT_EQ(starts(d.step(0)).size(), 2u);
  auto un = d.events_of(EventKind::kUnschedulable);
  ASSERT_EQ(un.size(), 1u);
  EXPECT_NE(un[0].detail.find("cpu"), std::string::npos) << un[0].detail;
  EXPECT_EQ(un[0].service, "web");
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kPending), 1) << "reported, not lost";

  // Stepping again, heartbeats, time passing: no second report, no action.
  for (Time t : {1.0, 5.0, 10.0}) {
    d.heartbeat(a, t);
    EXPECT_TRUE(d.step(t).empty());
  }
  // A host too small to help joins: a new attempt, still no fit, still no second report.
  d.add_host("tiny", 0.5, 32768, 11);
  EXPECT_TRUE(d.step(11).empty());
  EXPECT_EQ(d.events_of(EventKind::kUnschedulable).size(), 1u);

  // A host with room heartbeats: the replica goes there.
  const HostId big = d.add_host("big", 8, 32768, 12);
  const auto placed = starts(d.step(12));
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].host, big);
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kPending), 0);
  EXPECT_EQ(d.events_of(EventKind::kUnschedulable).size(), 1u);
}

TEST(Unschedulable, ReasonNamesMemory) {
  Driver d;
  d.add_host("a", 8, 1024);
  d.add_host("b", 8, 1024);
  d.cp.apply_service(service_spec("db", 1, {1, 4096, 0}), 0);
  EXPECT_TRUE(d.step(0).empty());
  const auto un = d.events_of(EventKind::kUnschedulable);
  ASSERT_EQ(un.size(), 1u);
  EXPECT_NE(un[0].detail.find("insufficient memory on 2 hosts"), std::string::npos) << un[0].detail;
}

TEST(Unschedulable, NoReadyHostAtAllIsExplained) {
  Driver d;
  d.add_host("a", 8, 32768, 0, /*beat=*/false);
  d.cp.apply_service(service_spec("web", 1), 0);
  EXPECT_TRUE(d.step(0).empty());
  const auto un = d.events_of(EventKind::kUnschedulable);
  ASSERT_EQ(un.size(), 1u);
  EXPECT_FALSE(un[0].detail.empty());
  // Its first heartbeat makes it ready, and the replica is placed.
  d.heartbeat(HostId(0), 1);
  EXPECT_EQ(starts(d.step(1)).size(), 1u);
}

TEST(Unschedulable, FixedSpecIsRetriedAtOnce) {
  // The user sees "insufficient cpu" and re-applies the service with a smaller request. Nothing about
  // the cluster changed, but the pending replicas must be tried again against the new spec.
  Driver d;
  d.add_host("a", 2, 32768);
  ServiceSpec spec = service_spec("web", 2, {4, 512, 0});
  const ServiceId web = d.cp.apply_service(spec, 0);
  EXPECT_TRUE(d.step(0).empty());
  ASSERT_EQ(d.events_of(EventKind::kUnschedulable).size(), 2u);
  spec.request.cpu = 1;
  EXPECT_EQ(d.cp.apply_service(spec, 1), web);
  const auto placed = starts(d.step(1));
  EXPECT_EQ(placed.size(), 2u);
  EXPECT_DOUBLE_EQ(d.cp.cluster().allocated(HostId(0)).cpu, 2.0);
}

TEST(Unschedulable, ChangedSpecThatStillDoesNotFitIsReportedWithItsNewReason) {
  Driver d;
  d.add_host("a", 2, 1024);
  ServiceSpec spec = service_spec("web", 1, {4, 512, 0});
  d.cp.apply_service(spec, 0);
  d.step(0);
  spec.request = {1, 4096, 0};
  d.cp.apply_service(spec, 1);
  d.step(1);
  const auto un = d.events_of(EventKind::kUnschedulable);
  ASSERT_EQ(un.size(), 2u);
  EXPECT_NE(un[0].detail.find("cpu"), std::string::npos) << un[0].detail;
  EXPECT_NE(un[1].detail.find("memory"), std::string::npos) << un[1].detail;
  d.step(2);
  EXPECT_EQ(d.events_of(EventKind::kUnschedulable).size(), 2u);
}

TEST(Unschedulable, PlacedWhenAnotherServiceFreesCapacity) {
  Driver d;
  d.add_host("a", 2, 32768);
  const ServiceId big = d.cp.apply_service(service_spec("big", 2, {1, 512, 0}), 0);
  d.confirm_starts(d.step(0), 1);
  d.cp.apply_service(service_spec("small", 1, {1, 512, 0}), 2);
  EXPECT_TRUE(d.step(2).empty());
  ASSERT_EQ(d.events_of(EventKind::kUnschedulable).size(), 1u);
  d.cp.scale(big, 1, 3);
  const auto st = stops(d.step(3));
  ASSERT_EQ(st.size(), 1u);
  // The capacity is free once the stop is confirmed, not before.
  d.cp.observe(obs::ReplicaStopped{st[0].replica, st[0].host}, 4);
  const auto placed = starts(d.step(4));
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(d.cp.service(placed[0].service).spec.name, "small");
}

std::vector<int> per_host_counts(const Driver& d, ServiceId s) {
  std::vector<int> counts(d.cp.cluster().host_count(), 0);
  for (const auto& [id, r] : d.cp.replicas())
    if (r.service == s && r.host.valid()) ++counts[r.host.value];
  return counts;
}

TEST(Spread, HostsWithinOneReplicaOfEachOther) {
  for (int replicas : {1, 7, 10, 23, 100}) {
    Driver d("spread");
    for (int i = 0; i < 7; ++i) d.add_host("h" + std::to_string(i));
    const ServiceId web = d.cp.apply_service(service_spec("web", replicas, {0.1, 64, 0}), 0);
    EXPECT_EQ(starts(d.step(0)).size(), static_cast<std::size_t>(replicas));
    const auto c = per_host_counts(d, web);
    EXPECT_LE(*std::max_element(c.begin(), c.end()) - *std::min_element(c.begin(), c.end()), 1)
        << replicas << " replicas";
  }
}

TEST(Spread, StaysLevelAfterAScaleDownAndUp) {
  Driver d("spread");
  for (int i = 0; i < 4; ++i) d.add_host("h" + std::to_string(i));
  const ServiceId web = d.cp.apply_service(service_spec("web", 10), 0);
  d.confirm_starts(d.step(0), 1);
  d.cp.scale(web, 5, 2);
  d.confirm_stops(d.step(2), 3);
  d.step(3);
  auto c = per_host_counts(d, web);
  EXPECT_LE(*std::max_element(c.begin(), c.end()) - *std::min_element(c.begin(), c.end()), 1);
  d.cp.scale(web, 11, 4);
  d.step(4);
  c = per_host_counts(d, web);
  EXPECT_LE(*std::max_element(c.begin(), c.end()) - *std::min_element(c.begin(), c.end()), 1);
}

TEST(Binpack, UsesTheFewestHosts) {
  // 10 hosts of 8 CPU; 20 replicas of 1 CPU fit on ceil(20 / 8) = 3 hosts.
  Driver d("binpack");
  for (int i = 0; i < 10; ++i) d.add_host("h" + std::to_string(i), 8, 32768);
  const ServiceId web = d.cp.apply_service(service_spec("web", 20, {1, 1024, 0}), 0);
  EXPECT_EQ(starts(d.step(0)).size(), 20u);
  const auto c = per_host_counts(d, web);
  EXPECT_EQ(std::count_if(c.begin(), c.end(), [](int n) { return n > 0; }), 3);
}

TEST(Binpack, StandardScenarioFitsOnTheMinimum) {
  // The seed scenario's numbers: 100 x (0.5 CPU, 512 MiB) on 8 CPU / 32 GiB hosts -> 16 per host, 7 hosts.
  Driver d("binpack");
  for (int i = 0; i < 10; ++i) d.add_host("h" + std::to_string(i), 8, 32768);
  const ServiceId web = d.cp.apply_service(service_spec("nodejs", 100), 0);
  EXPECT_EQ(starts(d.step(0)).size(), 100u);
  const auto c = per_host_counts(d, web);
  EXPECT_EQ(std::count_if(c.begin(), c.end(), [](int n) { return n > 0; }), 7);
}

}  // namespace
}  // namespace drydock
