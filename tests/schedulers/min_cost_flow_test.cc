// min-cost-flow places a whole batch at once and finds what one-at-a-time greedy misses.
#include <gtest/gtest.h>

#include <algorithm>

#include "test_cluster.h"

namespace drydock::test {
namespace {

// Two hosts with room for one replica each. `any` can go on either; `picky` only on h0 (zone=x).
// h0 is emptier, so greedy least-allocated puts `any` (first in the batch) there and strands `picky`.
struct Trap {
  TestCluster c;
  ServiceId any, picky;
  std::vector<PlacementRequest> batch;
  Trap() {
    c.host(2, 4096, {{"zone", "x"}});
    const HostId h1 = c.host(2, 4096, {{"zone", "y"}});
    const ServiceId filler = c.service(svc("filler", 0.5, 0));
    c.state.allocate(h1, filler, {0.5, 0, 0});
    any = c.service(svc("any", 1.5, 2048));
    ServiceSpec p = svc("picky", 1.5, 2048);
    p.constraints.push_back({"zone", "x", true});
    picky = c.service(p);
    batch = c.requests(any, 1);
    for (const auto& r : c.requests(picky, 1)) batch.push_back(r);
  }
};

TEST(MinCostFlow, FindsThePlacementGreedyMisses) {
  Trap greedy;
  auto g = policy("least-allocated");
  const auto dg = greedy.c.place(*g, greedy.batch);
  EXPECT_EQ(dg[0].host, HostId(0));
  EXPECT_FALSE(dg[1].placed());

  Trap flow;
  auto f = policy("min-cost-flow");
  const auto df = flow.c.place(*f, flow.batch);
  ASSERT_TRUE(df[0].placed());
  ASSERT_TRUE(df[1].placed());
  EXPECT_EQ(df[0].host, HostId(1));
  EXPECT_EQ(df[1].host, HostId(0));
}

TEST(MinCostFlow, MinimisesCostAmongMaximumPlacements) {
  // Four replicas, four empty-ish hosts with room for 2 each: objective=balance puts them on the
  // emptiest hosts (cost = 100 - least-allocated score), objective=pack on the fullest.
  for (const char* objective : {"balance", "pack"}) {
    TestCluster c;
    for (int i = 0; i < 4; ++i) c.host(4, 8192);
    const ServiceId filler = c.service(svc("filler", 1, 0));
    c.state.allocate(HostId(0), filler, {1, 0, 0});
    c.state.allocate(HostId(1), filler, {1, 0, 0});
    const ServiceId s = c.service(svc("web", 1, 1024));
    auto p = policy("min-cost-flow", {{"objective", objective}});
    const auto d = c.place(*p, c.requests(s, 2));
    for (const auto& x : d) {
      ASSERT_TRUE(x.placed());
      if (std::string(objective) == "balance")
        EXPECT_GE(x.host.value, 2u) << objective;
      else
        EXPECT_LE(x.host.value, 1u) << objective;
    }
  }
}

TEST(MinCostFlow, TiersSpreadABatchOverHosts) {
  // Eight replicas, four empty hosts with room for 8 each. One tier: the batch fills the cheapest host
  // (costs do not rise within a batch). Eight tiers: each further replica on a host costs more, so
  // the optimum is two per host.
  for (int tiers : {1, 8}) {
    TestCluster c;
    for (int i = 0; i < 4; ++i) c.host(8, 8192);
    const ServiceId s = c.service(svc("web", 1, 1024));
    auto p = policy("min-cost-flow", {{"tiers", std::to_string(tiers)}});
    for (const auto& d : c.place(*p, c.requests(s, 8))) ASSERT_TRUE(d.placed());
    std::uint32_t most = 0;
    for (auto n : c.per_host(s)) most = std::max(most, n);
    EXPECT_EQ(most, tiers == 1 ? 8u : 2u) << tiers;
  }
  EXPECT_THROW(policy("min-cost-flow", {{"tiers", "4"}, {"objective", "pack"}}), std::invalid_argument);
}

TEST(MinCostFlow, UnplaceableReplicasAreExplained) {
  TestCluster c;
  c.host(2, 2048);
  const ServiceId s = c.service(svc("web", 1, 1024));
  auto p = policy("min-cost-flow");
  const auto d = c.place(*p, c.requests(s, 3));
  EXPECT_TRUE(d[0].placed());
  EXPECT_TRUE(d[1].placed());
  ASSERT_FALSE(d[2].placed());
  EXPECT_EQ(d[2].reason, "insufficient cpu on 1 host");
}

}  // namespace
}  // namespace drydock::test
