// The framework's shared behaviour: filters, explanations, tie-breaking, sampling sizes, explain().
#include <gtest/gtest.h>

#include <limits>
#include <set>

#include "schedulers/framework.h"
#include "schedulers/sampling.h"
#include "schedulers/select.h"
#include "test_cluster.h"

namespace drydock::test {
namespace {

TEST(Filters, FailedPlacementExplainsItselfPerFilter) {
  TestCluster c;
  for (int i = 0; i < 7; ++i) c.host(8, 1024, {{"zone", "b"}});
  for (int i = 0; i < 3; ++i) c.host(8, 32768, {{"zone", "a"}});
  const HostId down = c.host(8, 32768, {{"zone", "b"}});
  c.state.set_schedulable(down, false);
  ServiceSpec spec = svc("db", 1, 4096);
  spec.constraints.push_back({"zone", "b", true});
  const ServiceId s = c.service(spec);
  for (const char* p : {"spread", "least-allocated", "kube-default", "nomad-binpack", "min-cost-flow", "drf"}) {
    auto sched = policy(p);
    const auto d = c.place(*sched, c.requests(s, 2));
    ASSERT_EQ(d.size(), 2u);
    for (const auto& x : d) {
      EXPECT_FALSE(x.placed()) << p;
      EXPECT_EQ(x.reason, "insufficient memory on 7 hosts; constraint node.labels.zone==b on 3 hosts; "
                          "host down or draining on 1 host")
          << p;
    }
  }
}

TEST(Filters, MaxReplicasPerHost) {
  TestCluster c;
  for (int i = 0; i < 3; ++i) c.host(64, 65536);
  ServiceSpec spec = svc("web", 1, 128);
  spec.max_replicas_per_host = 2;
  const ServiceId s = c.service(spec);
  auto sched = policy("most-allocated");  // would stack everything on one host without the limit
  const auto d = c.place(*sched, c.requests(s, 7));
  int placed = 0;
  for (const auto& x : d) placed += x.placed();
  EXPECT_EQ(placed, 6);
  EXPECT_EQ(d.back().reason, "max replicas per host (2) on 3 hosts");
  for (auto n : c.per_host(s)) EXPECT_EQ(n, 2u);
}

TEST(Filters, TaintsRejectUnlessTolerated) {
  TestCluster c;
  const HostId gpu = c.host(8, 8192, {{"taint.dedicated", "gpu"}});
  const HostId plain = c.host(8, 8192);
  const ServiceId web = c.service(svc("web", 1, 128));
  const ServiceId ml = c.service(svc("ml", 1, 128));
  auto sched = policy("least-allocated", {{"tolerations", "ml:dedicated=gpu"}});
  for (const auto& d : c.place(*sched, c.requests(web, 4))) EXPECT_EQ(d.host, plain);
  // ml tolerates the taint: least-allocated now prefers the empty gpu host.
  EXPECT_EQ(c.place(*sched, c.requests(ml, 1)).front().host, gpu);
  c.state.set_schedulable(plain, false);
  EXPECT_EQ(c.place(*sched, c.requests(web, 1)).front().reason,
            "untolerated taint on 1 host; host down or draining on 1 host");
}

TEST(Filters, AntiAffinityBetweenServices) {
  TestCluster c;
  for (int i = 0; i < 3; ++i) c.host(16, 16384);
  const ServiceId db = c.service(svc("db", 1, 128));
  const ServiceId cache = c.service(svc("cache", 1, 128));
  auto sched = policy("most-allocated", {{"anti_affinity", "db:cache, db:db"}});
  const auto d1 = c.place(*sched, c.requests(db, 2));
  ASSERT_TRUE(d1[0].placed() && d1[1].placed());
  EXPECT_NE(d1[0].host, d1[1].host);  // db:db = one per host
  const auto d2 = c.place(*sched, c.requests(cache, 3));
  std::set<HostId> db_hosts = {d1[0].host, d1[1].host};
  for (const auto& x : d2) {
    ASSERT_TRUE(x.placed());
    EXPECT_EQ(db_hosts.count(x.host), 0u);
  }
}

TEST(Framework, TiesAreBrokenBySeedNotByHostId) {
  // Ten identical empty hosts: every host ties for the first replica. Over seeds, more than one host
  // must be chosen (no bias to host 0), and one seed must always choose the same host.
  std::set<std::uint32_t> chosen;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    TestCluster c;
    for (int i = 0; i < 10; ++i) c.host(8, 8192);
    const ServiceId s = c.service(svc("web", 1, 128));
    auto sched = policy("least-allocated");
    const auto a = c.place(*sched, c.requests(s, 1), seed);
    TestCluster c2;
    for (int i = 0; i < 10; ++i) c2.host(8, 8192);
    const ServiceId s2 = c2.service(svc("web", 1, 128));
    auto sched2 = policy("least-allocated");
    EXPECT_EQ(c2.place(*sched2, c2.requests(s2, 1), seed).front().host, a.front().host);
    chosen.insert(a.front().host.value);
  }
  EXPECT_GE(chosen.size(), 6u);
  // tie_break=lowest: always host 0.
  TestCluster c;
  for (int i = 0; i < 10; ++i) c.host(8, 8192);
  const ServiceId s = c.service(svc("web", 1, 128));
  auto sched = policy("least-allocated", {{"tie_break", "lowest"}});
  EXPECT_EQ(c.place(*sched, c.requests(s, 1), 99).front().host, HostId(0));
}

TEST(Select, FindBestMatchesBruteForce) {
  Rng rng(5);
  const double kNeg = -std::numeric_limits<double>::infinity();
  for (std::size_t n = 0; n < 40; ++n)
    for (int trial = 0; trial < 50; ++trial) {
      std::vector<double> t(n);
      for (auto& x : t) x = rng.below(4) == 0 ? kNeg : static_cast<double>(rng.below(3));
      double best = kNeg;
      for (double x : t) best = std::max(best, x);
      std::size_t count = 0, first = n;
      for (std::size_t i = 0; i < n; ++i)
        if (t[i] == best) count += 1, first = std::min(first, i);
      const Best b = find_best(t.data(), n);
      ASSERT_EQ(b.score, best) << n;
      if (best == kNeg) continue;
      ASSERT_EQ(b.count, count) << n;
      ASSERT_EQ(b.first, first) << n;
      for (std::size_t k = 0; k < count; ++k) {
        std::size_t seen = 0, expect = 0;
        for (std::size_t i = 0; i < n; ++i)
          if (t[i] == best && seen++ == k) expect = i;
        ASSERT_EQ(kth_equal(t.data(), n, best, b.first, k), expect);
      }
    }
}

TEST(Select, BlockSelectMatchesWholeColumn) {
  // Blocks of kBlock hosts (and a short last one) give the best, tie count, first and k-th tie of the
  // whole column, including when the best lies in several blocks and when some blocks are all -inf.
  Rng rng(11);
  const double kNeg = -std::numeric_limits<double>::infinity();
  const std::size_t B = BlockSelect::kBlock;
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, B - 1, B, B + 1, 3 * B + 17})
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<double> t(n);
      const bool sparse = trial % 2 == 0;  // few feasible hosts, whole blocks of -inf
      for (auto& x : t) x = rng.below(sparse ? 50 : 4) != 0 && sparse ? kNeg : static_cast<double>(rng.below(3));
      BlockSelect sel;
      sel.reset(t.data());
      for (std::size_t b = 0; b < n; b += B) sel.add(b, std::min(n, b + B));
      const Best whole = find_best(t.data(), n);
      const Best blocked = sel.best();
      ASSERT_EQ(blocked.score, whole.score) << n;
      if (whole.score == kNeg) continue;
      ASSERT_EQ(blocked.count, whole.count) << n;
      ASSERT_EQ(blocked.first, whole.first) << n;
      for (std::size_t k = 0; k < whole.count; ++k)
        ASSERT_EQ(sel.kth(k), kth_equal(t.data(), n, whole.score, whole.first, k)) << n << " " << k;
    }
}

TEST(Sampling, KubernetesAndNomadSizes) {
  EXPECT_EQ(kubernetes_hosts_to_find(50, 0), 50u);       // below 100: all
  EXPECT_EQ(kubernetes_hosts_to_find(1000, 0), 420u);    // 50 - 1000/125 = 42 %
  EXPECT_EQ(kubernetes_hosts_to_find(5000, 0), 500u);    // 50 - 40 = 10 %
  EXPECT_EQ(kubernetes_hosts_to_find(12500, 0), 625u);   // floor of 5 %
  EXPECT_EQ(kubernetes_hosts_to_find(200, 30), 100u);    // never fewer than 100
  EXPECT_EQ(kubernetes_hosts_to_find(5000, 100), 5000u);
  EXPECT_EQ(nomad_limit(1000, 0, false), 10u);           // ceil(log2 1000)
  EXPECT_EQ(nomad_limit(3, 0, false), 2u);
  EXPECT_EQ(nomad_limit(5000, 0, true), 2u);             // batch: power of two choices
  EXPECT_EQ(nomad_limit(5000, 7, false), 7u);
}

TEST(Sampling, KubernetesScoresOnlyTheFirstFeasibleHostsRoundRobin) {
  // 200 hosts, the emptiest is host 199. Kubernetes with 50 % looks at hosts 0..99 for the first
  // decision, so it cannot pick 199; the second decision starts at host 100 and finds it.
  TestCluster c;
  for (int i = 0; i < 200; ++i) c.host(8, 8192);
  const ServiceId filler = c.service(svc("filler", 4, 128));
  for (int i = 0; i < 199; ++i) c.state.allocate(HostId(i), filler, {4, 128, 0});
  const ServiceId s = c.service(svc("web", 0.5, 128));
  auto sched = policy("least-allocated", {{"sample", "kubernetes"}, {"percentage", "50"}});
  const auto d = c.place(*sched, c.requests(s, 2));
  EXPECT_LT(d[0].host.value, 100u);
  EXPECT_EQ(d[1].host, HostId(199));
}

TEST(Sampling, NomadLimitStillNeverPicksAnInfeasibleHost) {
  TestCluster c;
  for (int i = 0; i < 64; ++i) c.host(i % 8 == 0 ? 8 : 1, 8192);
  const ServiceId s = c.service(svc("big", 4, 128));
  auto sched = policy("nomad-binpack");
  const auto d = c.place(*sched, c.requests(s, 20));
  int placed = 0;
  for (const auto& x : d)
    if (x.placed()) {
      ++placed;
      EXPECT_EQ(x.host.value % 8, 0u);
    }
  EXPECT_EQ(placed, 16);  // 8 big hosts x 2
}

TEST(Explain, BreakdownNamesTheRejectingFilterAndTheScores) {
  TestCluster c;
  c.host(8, 32768);                          // h0 empty
  const HostId busy = c.host(8, 32768);      // h1 half used
  c.host(8, 1024);                           // h2 too little memory
  const ServiceId filler = c.service(svc("filler", 4, 16384));
  c.state.allocate(busy, filler, {4, 16384, 0});
  const ServiceId s = c.service(svc("web", 1, 4096));
  auto sched = policy("kube-default");
  Explanation e;
  ASSERT_TRUE(sched->explain(c.state, c.requests(s, 1).front(), e));
  ASSERT_EQ(e.hosts.size(), 3u);
  ASSERT_EQ(e.score_names.size(), 4u);
  EXPECT_EQ(e.score_names[0], "least-allocated");
  EXPECT_EQ(e.hosts[2].rejected_by, "insufficient memory");
  EXPECT_TRUE(e.hosts[0].rejected_by.empty());
  // least-allocated on h0: cpu (8-1)/8 = 87, memory (32768-4096)/32768 = 87 -> 87.
  EXPECT_EQ(e.hosts[0].scores[0], 87);
  // on h1: cpu 3/8 = 37, memory 12288/32768 = 37 -> 37.
  EXPECT_EQ(e.hosts[1].scores[0], 37);
  ASSERT_EQ(e.best.size(), 1u);
  EXPECT_EQ(e.best.front(), HostId(0));
  EXPECT_FALSE(e.note.empty());  // kube-default samples
}

}  // namespace
}  // namespace drydock::test
