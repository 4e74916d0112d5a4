// Each policy's defining behaviour, pinned on small hand-made clusters.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "test_cluster.h"

namespace drydock::test {
namespace {

std::vector<std::uint32_t> sorted_desc(std::vector<std::uint32_t> v) {
  std::sort(v.rbegin(), v.rend());
  return v;
}

std::uint32_t skew(const std::vector<std::uint32_t>& v) {
  return *std::max_element(v.begin(), v.end()) - *std::min_element(v.begin(), v.end());
}

TEST(MostAllocated, FillsOneHostBeforeTheNext) {
  for (const char* name : {"most-allocated", "binpack"}) {
    TestCluster c;
    for (int i = 0; i < 3; ++i) c.host(8, 32768);
    const ServiceId s = c.service(svc("web", 1, 1024));
    auto p = policy(name);
    c.place(*p, c.requests(s, 20));
    EXPECT_EQ(sorted_desc(c.per_host(s)), (std::vector<std::uint32_t>{8, 8, 4})) << name;
  }
}

TEST(LeastAllocated, SpreadsLoadAndPrefersTheEmptiestHost) {
  TestCluster c;
  const HostId busy = c.host(8, 32768);
  for (int i = 0; i < 3; ++i) c.host(8, 32768);
  const ServiceId other = c.service(svc("other", 4, 16384));
  c.state.allocate(busy, other, {4, 16384, 0});
  const ServiceId s = c.service(svc("web", 1, 1024));
  auto p = policy("least-allocated");
  c.place(*p, c.requests(s, 9));
  // The three empty hosts take 3 each before the half-full host gets any.
  EXPECT_EQ(c.per_host(s), (std::vector<std::uint32_t>{0, 3, 3, 3}));
}

TEST(Spread, KeepsPerServiceSkewAtMostOneThenFewestTasks) {
  TestCluster c;
  for (int i = 0; i < 5; ++i) c.host(64, 65536);
  const ServiceId other = c.service(svc("other", 0.1, 16));
  for (int k = 0; k < 3; ++k) c.state.allocate(HostId(0), other, {0.1, 16, 0});
  const ServiceId s = c.service(svc("web", 0.5, 256));
  auto p = policy("spread");
  for (int round = 0; round < 6; ++round) {
    c.place(*p, c.requests(s, 4));
    EXPECT_LE(skew(c.per_host(s)), 1u);
  }
  // 24 replicas on 5 hosts: 5,5,5,5,4, and the host with the 3 other tasks is the one left with 4.
  EXPECT_EQ(c.per_host(s)[0], 4u);
}

TEST(Spread, PlacementPreferencesSpreadOverLabelValuesFirst) {
  TestCluster c;
  c.host(64, 65536, {{"zone", "a"}});
  for (int i = 0; i < 3; ++i) c.host(64, 65536, {{"zone", "b"}});
  const ServiceId s = c.service(svc("web", 0.5, 256));
  auto p = policy("spread", {{"preferences", "node.labels.zone"}});
  c.place(*p, c.requests(s, 8));
  const auto n = c.per_host(s);
  EXPECT_EQ(n[0], 4u);               // zone a: one host, half of the replicas
  EXPECT_EQ(n[1] + n[2] + n[3], 4u);  // zone b
  EXPECT_LE(std::max({n[1], n[2], n[3]}) - std::min({n[1], n[2], n[3]}), 1u);
}

TEST(BalancedAllocation, PrefersTheHostThatStaysBalanced) {
  TestCluster c;
  const HostId cpu_heavy = c.host(8, 32768);
  const HostId mem_heavy = c.host(8, 32768);
  const ServiceId other = c.service(svc("other", 0, 0));
  c.state.allocate(cpu_heavy, other, {4, 0, 0});
  c.state.allocate(mem_heavy, other, {0, 16384, 0});
  const ServiceId s = c.service(svc("web", 2, 1024));
  auto p = policy("balanced-allocation");
  Explanation e;
  ASSERT_TRUE(p->explain(c.state, c.requests(s, 1).front(), e));
  EXPECT_EQ(e.hosts[0].scores[0], 64);  // (1 - |6/8 - 1024/32768| / 2) * 100 = 64.06
  EXPECT_EQ(e.hosts[1].scores[0], 85);  // (1 - |2/8 - 17408/32768| / 2) * 100 = 85.94
  EXPECT_EQ(c.place(*p, c.requests(s, 1)).front().host, mem_heavy);
}

TEST(RequestedToCapacityRatio, ShapeDecidesPackingOrSpreading) {
  TestCluster c;
  const HostId half = c.host(8, 32768);
  const HostId empty = c.host(8, 32768);
  const ServiceId other = c.service(svc("other", 4, 0));
  c.state.allocate(half, other, {4, 0, 0});
  const ServiceId s = c.service(svc("web", 1, 512));
  auto pack = policy("requested-to-capacity-ratio");
  Explanation e;
  ASSERT_TRUE(pack->explain(c.state, c.requests(s, 1).front(), e));
  // cpu utilisation 62 -> 62, memory 1 -> 1; mean 31.5 rounds to 32.
  EXPECT_EQ(e.hosts[0].scores[0], 32);
  EXPECT_EQ(c.place(*pack, c.requests(s, 1)).front().host, half);
  auto spread = policy("requested-to-capacity-ratio", {{"shape", "0:10,100:0"}});
  EXPECT_EQ(c.place(*spread, c.requests(s, 1)).front().host, empty);
  EXPECT_THROW(policy("requested-to-capacity-ratio", {{"shape", "50:1,10:2"}}), std::invalid_argument);
}

TEST(KubeDefault, AvoidsPreferNoScheduleTaintsAndSpreadsAService) {
  TestCluster c;
  const HostId tainted = c.host(8, 32768, {{"taint.spot", "true:PreferNoSchedule"}});
  c.host(8, 32768);
  c.host(8, 32768);
  const ServiceId s = c.service(svc("web", 0.5, 512));
  auto p = policy("kube-default");
  const auto d = c.place(*p, c.requests(s, 2));
  EXPECT_NE(d[0].host, tainted);
  EXPECT_NE(d[1].host, tainted);
  EXPECT_NE(d[0].host, d[1].host);  // topology spread beats the tiny least-allocated difference
}

TEST(NomadBinpack, PrefersTheFullerHostAndPenalisesCollocation) {
  TestCluster c;
  const HostId half = c.host(8, 32768);
  c.host(8, 32768);
  const ServiceId other = c.service(svc("other", 4, 16384));
  c.state.allocate(half, other, {4, 16384, 0});
  const ServiceId s = c.service(svc("web", 1, 1024, 2));
  auto p = policy("nomad-binpack", {{"sample", "none"}});
  EXPECT_EQ(c.place(*p, c.requests(s, 1)).front().host, half);
  // With anti-affinity, the second replica of a 2-replica job goes to the other host:
  // half: fit 0.86 and penalty -(1+1)/2 = -1, mean -0.07; empty: fit 0.18 alone.
  EXPECT_NE(c.place(*p, c.requests(s, 1)).front().host, half);
}

TEST(NomadSpread, PrefersTheEmptiestAndSpreadsOverAnAttribute) {
  TestCluster c;
  const HostId half = c.host(8, 32768, {{"zone", "a"}});
  c.host(8, 32768, {{"zone", "a"}});
  c.host(8, 32768, {{"zone", "b"}});
  const ServiceId other = c.service(svc("other", 4, 16384));
  c.state.allocate(half, other, {4, 16384, 0});
  const ServiceId s = c.service(svc("web", 0.5, 512, 10));
  auto plain = policy("nomad-spread", {{"sample", "none"}});
  EXPECT_NE(c.place(*plain, c.requests(s, 1)).front().host, half);
  TestCluster z;
  z.host(64, 65536, {{"zone", "a"}});
  z.host(64, 65536, {{"zone", "a"}});
  z.host(64, 65536, {{"zone", "b"}});
  const ServiceId w = z.service(svc("web", 0.5, 512, 10));
  auto even = policy("nomad-spread", {{"attribute", "zone"}});
  z.place(*even, z.requests(w, 10));
  const auto n = z.per_host(w);
  EXPECT_EQ(n[2], 5u);  // zone b holds half of the replicas though it has a third of the hosts
}

TEST(Tetris, MatchesDemandToFreeResources) {
  TestCluster c;
  const HostId cpu_free = c.host(8, 32768);  // 8 cpu free, 4096 MiB free
  const HostId mem_free = c.host(8, 32768);  // 2 cpu free, all memory free
  const ServiceId other = c.service(svc("other", 0, 0));
  c.state.allocate(cpu_free, other, {0, 28672, 0});
  c.state.allocate(mem_free, other, {6, 0, 0});
  const ServiceId cpu_job = c.service(svc("cpu", 2, 512));
  const ServiceId mem_job = c.service(svc("mem", 0.5, 4096));
  auto p = policy("tetris");
  EXPECT_EQ(c.place(*p, c.requests(cpu_job, 1)).front().host, cpu_free);
  EXPECT_EQ(c.place(*p, c.requests(mem_job, 1)).front().host, mem_free);
}

TEST(Drf, EqualisesDominantShares) {
  // The DRF paper's example: 9 cpu, 18 GiB; A's tasks need <1 cpu, 4 GiB>, B's <3 cpu, 1 GiB>.
  // DRF gives A 3 tasks and B 2, both with dominant share 2/3; A-first greedy would give A 4.
  TestCluster c;
  c.host(9, 18432);
  ServiceSpec a = svc("a", 1, 4096), b = svc("b", 3, 1024);
  a.tenant = "A";
  b.tenant = "B";
  const ServiceId sa = c.service(a), sb = c.service(b);
  auto batch = c.requests(sa, 10);
  for (const auto& r : c.requests(sb, 10)) batch.push_back(r);
  auto p = policy("drf");
  c.place(*p, batch);
  EXPECT_EQ(c.per_host(sa)[0], 3u);
  EXPECT_EQ(c.per_host(sb)[0], 2u);
  TestCluster g;
  g.host(9, 18432);
  const ServiceId ga = g.service(a), gb = g.service(b);
  auto gbatch = g.requests(ga, 10);
  for (const auto& r : g.requests(gb, 10)) gbatch.push_back(r);
  auto greedy = policy("least-allocated");
  g.place(*greedy, gbatch);
  EXPECT_EQ(g.per_host(ga)[0], 4u);
}

TEST(FitFamily, FirstBestWorst) {
  TestCluster c;
  const HostId roomy = c.host(16, 65536);
  const HostId tight = c.host(4, 4096);
  const HostId medium = c.host(8, 16384);
  (void)roomy;
  const ServiceId s = c.service(svc("web", 2, 2048));
  EXPECT_EQ(c.place(*policy("first-fit"), c.requests(s, 1)).front().host, HostId(0));
  EXPECT_EQ(c.place(*policy("best-fit"), c.requests(s, 1)).front().host, tight);
  EXPECT_EQ(c.place(*policy("worst-fit"), c.requests(s, 1)).front().host, roomy);
  c.state.set_schedulable(HostId(0), false);
  EXPECT_EQ(c.place(*policy("first-fit"), c.requests(s, 1)).front().host, tight);
  (void)medium;
}

TEST(Random, UsesEveryFeasibleHostAndDependsOnTheSeed) {
  TestCluster c;
  for (int i = 0; i < 4; ++i) c.host(64, 65536);
  c.host(0.1, 65536);  // never fits
  const ServiceId s = c.service(svc("web", 0.5, 128));
  auto p = policy("random");
  const auto d1 = c.place(*p, c.requests(s, 200), 1);
  const auto n = c.per_host(s);
  for (int i = 0; i < 4; ++i) EXPECT_GT(n[i], 20u);
  EXPECT_EQ(n[4], 0u);
  TestCluster c2;
  for (int i = 0; i < 4; ++i) c2.host(64, 65536);
  c2.host(0.1, 65536);
  const ServiceId s2 = c2.service(svc("web", 0.5, 128));
  auto p2 = policy("random");
  const auto d2 = c2.place(*p2, c2.requests(s2, 200), 2);
  int differ = 0;
  for (std::size_t i = 0; i < d1.size(); ++i) differ += d1[i].host != d2[i].host;
  EXPECT_GT(differ, 50);
}

TEST(TopologySpread, RespectsMaxSkewAndExplainsWhenItCannot) {
  TestCluster c;
  c.host(64, 65536, {{"zone", "a"}});
  c.host(64, 65536, {{"zone", "a"}});
  c.host(64, 65536, {{"zone", "b"}});
  c.host(1, 65536, {{"zone", "c"}});  // room for one replica only
  c.host(64, 65536);                  // no zone label: never eligible
  const ServiceId s = c.service(svc("web", 1, 128));
  auto p = policy("topology-spread", {{"topology_key", "zone"}, {"max_skew", "1"}});
  const auto d = c.place(*p, c.requests(s, 6));
  const auto n = c.per_host(s);
  EXPECT_EQ(n[0] + n[1], 2u);
  EXPECT_EQ(n[2], 2u);
  EXPECT_EQ(n[3], 1u);
  EXPECT_EQ(n[4], 0u);
  ASSERT_FALSE(d[5].placed());
  EXPECT_NE(d[5].reason.find("topology spread (max skew 1 over zone"), std::string::npos) << d[5].reason;
  EXPECT_NE(d[5].reason.find("insufficient cpu on 1 host"), std::string::npos) << d[5].reason;
  // ScheduleAnyway: keeps placing, still preferring the emptiest zone.
  auto soft = policy("topology-spread", {{"when_unsatisfiable", "ScheduleAnyway"}});
  EXPECT_TRUE(c.place(*soft, c.requests(s, 1)).front().placed());
}

TEST(Registry, EveryPolicyOfTheIssueIsRegisteredAndRejectsUnknownParameters) {
  for (const char* name : {"spread", "least-allocated", "most-allocated", "binpack", "requested-to-capacity-ratio",
                           "balanced-allocation", "kube-default", "nomad-binpack", "nomad-spread", "tetris", "drf",
                           "first-fit", "best-fit", "worst-fit", "random", "topology-spread", "min-cost-flow"}) {
    const PolicyInfo* info = PolicyRegistry::instance().find(name);
    ASSERT_NE(info, nullptr) << name;
    EXPECT_FALSE(info->parameters.empty()) << name;
    EXPECT_NO_THROW(policy(name)) << name;
    EXPECT_THROW(policy(name, {{"no_such_parameter", "1"}}), std::invalid_argument) << name;
  }
  EXPECT_THROW(policy("least-allocated", {{"sample", "sometimes"}}), std::invalid_argument);
}

}  // namespace
}  // namespace drydock::test
