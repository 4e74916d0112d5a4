// The incremental index must make exactly the decisions of full scoring: same hosts, same tie-breaks
// (same draws from the Rng), same explanations, across batches, interleaved services, releases and
// hosts going down and up.
#include <gtest/gtest.h>

#include "schedulers/framework.h"
#include "schedulers/host_index.h"
#include "test_cluster.h"

namespace drydock::test {
namespace {

TEST(HostScoreIndex, MatchesBruteForceUnderRandomUpdates) {
  Rng rng(3);
  for (std::size_t n : {1u, 2u, 5u, 64u, 100u}) {
    HostScoreIndex index;
    index.reset(n);
    std::vector<double> scores(n, HostScoreIndex::kInfeasible);
    index.rebuild();
    for (int step = 0; step < 500; ++step) {
      const std::size_t h = rng.below(n);
      // Few distinct values, so that ties are common.
      const double v = rng.below(5) == 0 ? HostScoreIndex::kInfeasible : static_cast<double>(rng.below(4));
      scores[h] = v;
      index.update(h, v);
      double top = HostScoreIndex::kInfeasible;
      for (double s : scores) top = std::max(top, s);
      std::vector<std::uint32_t> tied;
      for (std::size_t i = 0; i < n; ++i)
        if (scores[i] == top) tied.push_back(static_cast<std::uint32_t>(i));
      ASSERT_EQ(index.top(), top);
      if (top == HostScoreIndex::kInfeasible) continue;
      ASSERT_EQ(index.top_count(), tied.size());
      for (std::uint32_t k = 0; k < tied.size(); ++k) ASSERT_EQ(index.kth_top(k), tied[k]);
    }
  }
}

struct Placed {
  HostId host;
  ServiceId service;
};

// Runs `batches` random batches through two instances of `name` (index on and off) on two identical
// clusters, with releases and host failures in between, and requires identical decisions.
void compare_index_with_full(const std::string& name, std::map<std::string, std::string> params) {
  SCOPED_TRACE(name);
  Rng gen(11);
  TestCluster a, b;
  const char* zones[] = {"a", "b", "c"};
  for (int h = 0; h < 150; ++h) {
    const double cpu = 4.0 * static_cast<double>(1 + gen.below(4));
    const double mem = 4096.0 * static_cast<double>(1 + gen.below(8));
    const Labels labels = {{"zone", zones[gen.below(3)]}};
    const double gpu = gen.below(4) == 0 ? 2 : 0;
    a.host(cpu, mem, labels, gpu);
    b.host(cpu, mem, labels, gpu);
  }
  for (int s = 0; s < 6; ++s) {
    ServiceSpec spec = svc("s" + std::to_string(s), 0.25 * static_cast<double>(1 + gen.below(8)),
                           256.0 * static_cast<double>(1 + gen.below(16)), 50);
    if (s == 2) spec.constraints.push_back({"zone", "b", true});
    if (s == 3) spec.max_replicas_per_host = 2;
    if (s == 4) spec.request = {1, 1024, 0};  // identical requests: many exact ties
    if (s == 5) spec.request.gpu = 1;         // only hosts with gpus
    a.service(spec);
    b.service(spec);
  }
  auto params_full = params;
  params_full["index"] = "false";
  auto indexed = policy(name, params);
  auto full = policy(name, params_full);
  auto* fw = dynamic_cast<FrameworkScheduler*>(indexed.get());
  ASSERT_NE(fw, nullptr);
  Rng rng_a(5), rng_b(5);
  std::vector<Placed> placed;
  std::size_t compared = 0;
  for (int batch = 0; batch < 30; ++batch) {
    std::vector<PlacementRequest> requests;
    // Runs of one service, and some interleaving.
    for (int k = 0; k < 8; ++k) {
      const ServiceId s(static_cast<ServiceId::repr>(gen.below(6)));
      const int run = 1 + static_cast<int>(gen.below(12));
      for (int r = 0; r < run; ++r) requests.push_back({ReplicaId(a.next_replica++), s, &a.specs[s.value]});
    }
    ASSERT_TRUE(fw->indexed_for(requests.front()));
    const auto da = indexed->place(a.state, requests, rng_a);
    // b's requests point at b's specs (same content).
    auto requests_b = requests;
    for (auto& r : requests_b) r.spec = &b.specs[r.service.value];
    const auto db = full->place(b.state, requests_b, rng_b);
    ASSERT_EQ(da.size(), db.size());
    for (std::size_t i = 0; i < da.size(); ++i) {
      ASSERT_EQ(da[i].host, db[i].host) << "batch " << batch << " replica " << i;
      ASSERT_EQ(da[i].reason, db[i].reason);
      if (da[i].placed()) placed.push_back({da[i].host, requests[i].service});
      ++compared;
    }
    // Between batches: replicas exit, a host goes down, another comes back.
    for (int k = 0; k < 20 && !placed.empty(); ++k) {
      const std::size_t i = gen.below(placed.size());
      const Resources r = a.specs[placed[i].service.value].request;
      a.state.release(placed[i].host, placed[i].service, r);
      b.state.release(placed[i].host, placed[i].service, r);
      placed.erase(placed.begin() + static_cast<std::ptrdiff_t>(i));
    }
    const HostId down(static_cast<HostId::repr>(gen.below(150))), up(static_cast<HostId::repr>(gen.below(150)));
    a.state.set_schedulable(down, false);
    b.state.set_schedulable(down, false);
    a.state.set_schedulable(up, true);
    b.state.set_schedulable(up, true);
  }
  EXPECT_GT(compared, 1000u);
}

TEST(IncrementalIndex, SameDecisionsAsFullScoring) {
  for (const char* p : {"least-allocated", "most-allocated", "binpack", "spread", "random", "tetris", "first-fit",
                        "best-fit", "worst-fit", "balanced-allocation", "requested-to-capacity-ratio"})
    compare_index_with_full(p, {});
  compare_index_with_full("nomad-binpack", {{"sample", "none"}});
  compare_index_with_full("nomad-spread", {{"sample", "none"}});
  compare_index_with_full("least-allocated", {{"anti_affinity", "s0:s1"}});
  compare_index_with_full("least-allocated", {{"gpu_weight", "1"}});
  compare_index_with_full("most-allocated", {{"gpu_weight", "2"}});
}

TEST(IncrementalIndex, NotUsedWhenTheScoreDependsOnOtherHosts) {
  TestCluster c;
  c.host(4, 4096, {{"zone", "a"}});
  const ServiceId s = c.service(svc("web", 1, 512));
  const auto r = c.requests(s, 1);
  for (auto [name, params] : std::vector<std::pair<std::string, std::map<std::string, std::string>>>{
           {"spread", {{"preferences", "zone"}}},
           {"topology-spread", {}},
           {"kube-default", {{"sample", "none"}}},
           {"least-allocated", {{"sample", "kubernetes"}}},
           {"nomad-binpack", {}}}) {
    auto p = policy(name, params);
    auto* fw = dynamic_cast<FrameworkScheduler*>(p.get());
    ASSERT_NE(fw, nullptr) << name;
    EXPECT_FALSE(fw->indexed_for(r.front())) << name;
  }
}

}  // namespace
}  // namespace drydock::test
