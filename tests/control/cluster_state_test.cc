// ClusterState bookkeeping: allocation and release keep the columns, task counts and per-service counts
// consistent, and a service's column is dropped when its last replica goes.
#include <gtest/gtest.h>

#include "model/cluster_state.h"

namespace drydock {
namespace {

const ServiceId kWeb(0), kDb(1);

ClusterState two_hosts() {
  ClusterState s;
  s.add_host({"a", {8, 32768, 0}, {}});
  s.add_host({"b", {4, 16384, 1}, {}});
  return s;
}

TEST(ClusterState, HostsGetDenseIdsAndStartUnschedulable) {
  ClusterState s = two_hosts();
  ASSERT_EQ(s.host_count(), 2u);
  EXPECT_EQ(s.host(HostId(1)).name, "b");
  // Schedulable only once the control plane has seen it alive.
  EXPECT_FALSE(s.schedulable(HostId(0)));
  EXPECT_EQ(s.schedulable_count(), 0u);
  EXPECT_EQ(s.capacity(HostId(1)), (Resources{4, 16384, 1}));
  EXPECT_EQ(s.free(HostId(1)), (Resources{4, 16384, 1}));
}

TEST(ClusterState, SetSchedulableCountsOnceAndBumpsVersion) {
  ClusterState s = two_hosts();
  const auto v0 = s.host_version(HostId(0));
  s.set_schedulable(HostId(0), true);
  s.set_schedulable(HostId(0), true);  // idempotent
  EXPECT_EQ(s.schedulable_count(), 1u);
  EXPECT_GT(s.host_version(HostId(0)), v0);
  s.set_schedulable(HostId(0), false);
  EXPECT_EQ(s.schedulable_count(), 0u);
  EXPECT_EQ(s.schedulable_column()[0], 0);
}

TEST(ClusterState, AllocateAndReleaseKeepEveryViewConsistent) {
  ClusterState s = two_hosts();
  const HostId a(0), b(1);
  const Resources r{0.5, 512, 0};
  s.allocate(a, kWeb, r);
  s.allocate(a, kWeb, r);
  s.allocate(a, kDb, {2, 4096, 0});
  s.allocate(b, kWeb, r);

  EXPECT_EQ(s.allocated(a), (Resources{3, 5120, 0}));
  EXPECT_EQ(s.free(a), (Resources{5, 27648, 0}));
  EXPECT_EQ(s.allocated_column(Dim::kCpu)[0], 3.0);
  EXPECT_EQ(s.allocated_column(Dim::kMemory)[1], 512.0);
  EXPECT_EQ(s.task_count(a), 3u);
  EXPECT_EQ(s.task_column()[1], 1u);
  EXPECT_EQ(s.service_count(kWeb, a), 2u);
  EXPECT_EQ(s.service_count(kWeb, b), 1u);
  EXPECT_EQ(s.service_count(kDb, a), 1u);
  EXPECT_EQ(s.service_count(kDb, b), 0u);
  ASSERT_EQ(s.service_counts(kWeb).size(), 2u);

  s.release(a, kWeb, r);
  EXPECT_EQ(s.allocated(a), (Resources{2.5, 4608, 0}));
  EXPECT_EQ(s.task_count(a), 2u);
  EXPECT_EQ(s.service_count(kWeb, a), 1u);
}

TEST(ClusterState, FractionalRequestsReturnToZero) {
  ClusterState s = two_hosts();
  // Host b has one GPU: ten tenths fill it, and the rounding of the sum must not make it "full minus".
  for (int i = 0; i < 10; ++i) s.allocate(HostId(1), kWeb, {0.1, 100, 0.1});
  EXPECT_TRUE(s.free(HostId(1)).fits({3, 15384, 0}));
  EXPECT_FALSE(s.free(HostId(1)).fits({0, 0, 0.1}));
  for (int i = 0; i < 10; ++i) s.release(HostId(1), kWeb, {0.1, 100, 0.1});
  EXPECT_NEAR(s.allocated(HostId(1)).cpu, 0.0, 1e-12);
  EXPECT_NEAR(s.allocated(HostId(1)).gpu, 0.0, 1e-12);
  EXPECT_EQ(s.task_count(HostId(1)), 0u);
}

TEST(ClusterState, ServiceColumnDroppedWithItsLastReplica) {
  ClusterState s = two_hosts();
  s.allocate(HostId(0), kWeb, {1, 1, 0});
  s.allocate(HostId(1), kWeb, {1, 1, 0});
  s.allocate(HostId(0), kDb, {1, 1, 0});
  s.release(HostId(0), kWeb, {1, 1, 0});
  EXPECT_FALSE(s.service_counts(kWeb).empty());  // one replica left on b
  s.release(HostId(1), kWeb, {1, 1, 0});
  EXPECT_TRUE(s.service_counts(kWeb).empty());
  EXPECT_EQ(s.service_count(kWeb, HostId(0)), 0u);
  // Another service's column is untouched.
  EXPECT_EQ(s.service_count(kDb, HostId(0)), 1u);
  // And the service can come back: a fresh column, sized for every host.
  s.allocate(HostId(1), kWeb, {1, 1, 0});
  ASSERT_EQ(s.service_counts(kWeb).size(), 2u);
  EXPECT_EQ(s.service_counts(kWeb)[0], 0u);
  EXPECT_EQ(s.service_counts(kWeb)[1], 1u);
}

TEST(ClusterState, HostAddedLaterExtendsExistingServiceColumns) {
  ClusterState s = two_hosts();
  s.allocate(HostId(0), kWeb, {1, 1, 0});
  const HostId c = s.add_host({"c", {1, 1, 0}, {}});
  ASSERT_EQ(s.service_counts(kWeb).size(), 3u);
  EXPECT_EQ(s.service_count(kWeb, c), 0u);
  s.allocate(c, kWeb, {1, 1, 0});
  EXPECT_EQ(s.service_count(kWeb, c), 1u);
  EXPECT_EQ(s.task_count(c), 1u);
}

}  // namespace
}  // namespace drydock

namespace drydock {
namespace {

TEST(ClusterStateJournal, NamesTheHostsChangedSinceAMark) {
  ClusterState c;
  const HostId a = c.add_host({"a", {4, 4096, 0}, {}});
  const HostId b = c.add_host({"b", {4, 4096, 0}, {}});
  c.set_schedulable(a, true);
  const std::uint64_t mark = c.change_mark();
  c.allocate(b, ServiceId(0), {1, 512, 0});
  c.set_schedulable(b, true);
  c.release(b, ServiceId(0), {1, 512, 0});
  const auto since = c.changed_since(mark);
  ASSERT_TRUE(since.has_value());
  EXPECT_EQ(std::vector<std::uint32_t>(since->begin(), since->end()), (std::vector<std::uint32_t>{b.value, b.value, b.value}));
  ASSERT_TRUE(c.changed_since(c.change_mark()).has_value());
  EXPECT_TRUE(c.changed_since(c.change_mark())->empty());
}

TEST(ClusterStateJournal, AMarkOlderThanTheJournalAsksForAFullScan) {
  ClusterState c;
  const HostId a = c.add_host({"a", {4, 4096, 0}, {}});
  const std::uint64_t mark = c.change_mark();
  for (int i = 0; i < 1000; ++i) {
    c.allocate(a, ServiceId(0), {0.001, 1, 0});
    c.release(a, ServiceId(0), {0.001, 1, 0});
  }
  EXPECT_FALSE(c.changed_since(mark).has_value()) << "the journal is bounded: the oldest changes are gone";
  EXPECT_FALSE(c.changed_since(c.change_mark() + 1).has_value()) << "a mark from the future is not valid";
  const std::uint64_t recent = c.change_mark();
  c.set_schedulable(a, true);
  ASSERT_TRUE(c.changed_since(recent).has_value());
  EXPECT_EQ(c.changed_since(recent)->size(), 1u);
}

}  // namespace
}  // namespace drydock
