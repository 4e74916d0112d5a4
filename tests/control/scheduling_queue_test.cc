// The scheduling queue: a replica no host can take is parked and costs the scheduler nothing until a
// host that could hold it frees capacity or comes up, or until the unschedulable retry period passes.
// This is what keeps a trace replay with thousands of unplaceable tasks linear (issue 3).
#include <gtest/gtest.h>

#include "tests/control/driver.h"

namespace drydock {
namespace {

using testing::Driver;
using testing::service_spec;
using testing::starts;

// Steps at `now` after a heartbeat from every host, so that the detector stays quiet.
std::vector<Action> beat_and_step(Driver& d, std::initializer_list<HostId> hosts, Time now) {
  for (HostId h : hosts) d.heartbeat(h, now);
  return d.step(now);
}

TEST(SchedulingQueue, ParkedReplicaIsNotRetriedWhenOnlyASmallerHostFreesCapacity) {
  Driver d;
  const HostId a = d.add_host("a", 2, 32768);
  const HostId b = d.add_host("b", 2, 32768);
  const ServiceId small = d.cp.apply_service(service_spec("small", 2, {1, 512, 0}), 0);
  d.cp.apply_service(service_spec("big", 1, {4, 512, 0}), 0);
  d.confirm_starts(d.step(0), 0);
  const std::uint64_t tried = d.cp.decisions();
  EXPECT_EQ(tried, 3u);  // two placed, big tried once
  ASSERT_EQ(d.events_of(EventKind::kUnschedulable).size(), 1u);

  // Freeing 1 CPU on a host of 2 cannot make room for 4: big stays parked, the scheduler is not asked.
  d.cp.scale(small, 1, 1);
  const auto actions = beat_and_step(d, {a, b}, 1);
  d.confirm_stops(actions, 1);
  beat_and_step(d, {a, b}, 2);
  EXPECT_EQ(d.cp.decisions(), tried);
  EXPECT_EQ(d.count_in_state(ServiceId(1), ReplicaState::kPending), 1) << "parked, not lost";
}

TEST(SchedulingQueue, ParkedReplicaIsPlacedWhenAHostFreesEnough) {
  Driver d;
  const HostId a = d.add_host("a", 4, 32768);
  const ServiceId small = d.cp.apply_service(service_spec("small", 1, {1, 512, 0}), 0);
  const ServiceId big = d.cp.apply_service(service_spec("big", 1, {4, 512, 0}), 0);
  d.confirm_starts(d.step(0), 0);
  ASSERT_EQ(d.count_in_state(big, ReplicaState::kPending), 1);

  d.cp.scale(small, 0, 1);
  d.confirm_stops(beat_and_step(d, {a}, 1), 1);
  const auto placed = starts(beat_and_step(d, {a}, 1));
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].service, big);
  EXPECT_EQ(placed[0].host, a);
}

TEST(SchedulingQueue, ParkedReplicaIsRetriedAfterTheUnschedulablePeriodAndReportedOnce) {
  ControlConfig config;
  config.unschedulable_retry = 60;
  Driver d("spread", config);
  const HostId a = d.add_host("a", 2, 32768);
  d.cp.apply_service(service_spec("big", 1, {4, 512, 0}), 0);
  d.step(0);
  const std::uint64_t tried = d.cp.decisions();

  beat_and_step(d, {a}, 30);
  EXPECT_EQ(d.cp.decisions(), tried) << "too early for a retry";
  beat_and_step(d, {a}, 60);
  EXPECT_EQ(d.cp.decisions(), tried + 1) << "retried once the period passed";
  EXPECT_EQ(d.events_of(EventKind::kUnschedulable).size(), 1u) << "the same verdict is not reported again";
  beat_and_step(d, {a}, 90);
  EXPECT_EQ(d.cp.decisions(), tried + 1);
  beat_and_step(d, {a}, 120);
  EXPECT_EQ(d.cp.decisions(), tried + 2) << "and again one period later";
}

TEST(SchedulingQueue, ScalingAParkedServiceDownForgetsItsParkedReplicas) {
  Driver d;
  const HostId a = d.add_host("a", 2, 32768);
  const ServiceId big = d.cp.apply_service(service_spec("big", 3, {4, 512, 0}), 0);
  d.step(0);
  ASSERT_EQ(d.count_in_state(big, ReplicaState::kPending), 3);
  d.cp.scale(big, 1, 1);
  beat_and_step(d, {a}, 1);
  EXPECT_EQ(d.count_in_state(big, ReplicaState::kPending), 1);
  EXPECT_EQ(d.events_of(EventKind::kRemoved).size(), 2u);

  // The one left is still parked, and is placed when a host big enough comes.
  const HostId large = d.add_host("large", 8, 32768, 2);
  const auto placed = starts(beat_and_step(d, {a, large}, 2));
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].host, large);
}

TEST(SchedulingQueue, OnlyServicesThatFitTheGrownHostAreRetried) {
  Driver d;
  const HostId a = d.add_host("a", 1, 32768);
  d.cp.apply_service(service_spec("huge", 5, {16, 512, 0}), 0);
  d.cp.apply_service(service_spec("medium", 1, {2, 512, 0}), 0);
  d.step(0);
  const std::uint64_t tried = d.cp.decisions();
  EXPECT_EQ(tried, 6u);

  // A 4-CPU host joins: medium (2 CPU) may fit and is retried; the five huge replicas are not.
  const HostId b = d.add_host("b", 4, 32768, 1);
  const auto placed = starts(beat_and_step(d, {a, b}, 1));
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_EQ(placed[0].host, b);
  EXPECT_EQ(d.cp.decisions(), tried + 1);
}

}  // namespace
}  // namespace drydock
