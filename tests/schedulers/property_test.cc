// Properties every policy must keep, over random clusters and requests: never over capacity on any
// dimension, never on a host a filter rejects (down, constraint, max per host, taint, anti-affinity),
// every unplaced replica explained, and the same decisions for the same seed.
#include <gtest/gtest.h>

#include <set>

#include "schedulers/filters.h"
#include "test_cluster.h"

namespace drydock::test {
namespace {

const std::map<std::string, std::string> kRules = {{"tolerations", "s1:dedicated=gpu"},
                                                   {"anti_affinity", "s2:s3"}};

struct World {
  TestCluster c;
  std::vector<std::vector<PlacementRequest>> batches;
};

World make_world(std::uint64_t seed) {
  World w;
  Rng gen(seed);
  const std::size_t hosts = 5 + gen.below(60);
  const char* zones[] = {"a", "b", "c"};
  for (std::size_t h = 0; h < hosts; ++h) {
    Labels labels;
    if (gen.below(5) != 0) labels["zone"] = zones[gen.below(3)];
    if (gen.below(8) == 0) labels["taint.dedicated"] = "gpu";
    const HostId id = w.c.host(1 + static_cast<double>(gen.below(16)), 512.0 * static_cast<double>(1 + gen.below(64)),
                               labels, gen.below(4) == 0 ? 2 : 0);
    if (gen.below(10) == 0) w.c.state.set_schedulable(id, false);
  }
  for (int s = 0; s < 6; ++s) {
    ServiceSpec spec = svc("s" + std::to_string(s), 0.25 * static_cast<double>(1 + gen.below(16)),
                           128.0 * static_cast<double>(1 + gen.below(64)), 20);
    if (gen.below(6) == 0) spec.request.gpu = 1;
    if (gen.below(3) == 0) spec.constraints.push_back({"zone", zones[gen.below(3)], gen.below(4) != 0});
    if (gen.below(3) == 0) spec.max_replicas_per_host = 1 + static_cast<int>(gen.below(3));
    spec.tenant = "t" + std::to_string(s % 2);
    w.c.service(spec);
  }
  for (int b = 0; b < 4; ++b) {
    std::vector<PlacementRequest> batch;
    for (int k = 0; k < 6; ++k) {
      const ServiceId s(static_cast<ServiceId::repr>(gen.below(6)));
      for (const auto& r : w.c.requests(s, 1 + static_cast<int>(gen.below(15)))) batch.push_back(r);
    }
    w.batches.push_back(batch);
  }
  return w;
}

// Checks one decision against the state before it was applied.
void check_decision(const TestCluster& c, const ClusterState& before, const PlacementRequest& r,
                    const PlacementDecision& d, const PlacementRules& rules, const std::string& policy_name) {
  if (!d.placed()) {
    EXPECT_FALSE(d.reason.empty()) << policy_name;
    return;
  }
  const HostId h = d.host;
  ASSERT_LT(h.value, before.host_count());
  EXPECT_TRUE(before.schedulable(h)) << policy_name;
  EXPECT_TRUE(before.free(h).fits(r.spec->request)) << policy_name;
  const Labels& labels = before.host(h).labels;
  for (const auto& k : r.spec->constraints) {
    auto it = labels.find(k.key);
    EXPECT_EQ(it != labels.end() && it->second == k.value, k.equal) << policy_name << " violates a constraint";
  }
  if (r.spec->max_replicas_per_host > 0)
    EXPECT_LT(before.service_count(r.service, h), static_cast<std::uint32_t>(r.spec->max_replicas_per_host))
        << policy_name;
  auto tol = rules.tolerations.find(r.spec->name);
  for (const Taint& t : host_taints(before.host(h)))
    if (t.effect == "NoSchedule") EXPECT_TRUE(tol != rules.tolerations.end() && tolerates(tol->second, t)) << policy_name;
  auto anti = rules.anti_affinity.find(r.spec->name);
  if (anti != rules.anti_affinity.end())
    for (const std::string& other : anti->second)
      for (std::size_t s = 0; s < c.specs.size(); ++s)
        if (c.specs[s].name == other)
          EXPECT_EQ(before.service_count(ServiceId(static_cast<ServiceId::repr>(s)), h), 0u) << policy_name;
}

std::vector<std::string> all_policies() {
  std::vector<std::string> out;
  for (const PolicyInfo* p : PolicyRegistry::instance().all())
    if (p->make) out.push_back(p->name);  // device-level GPU policies run in tests/fill
  return out;
}

TEST(Properties, NoPolicyOverCommitsOrIgnoresAFilterAndEveryFailureIsExplained) {
  const PlacementRules rules = parse_rules(kRules.at("tolerations"), kRules.at("anti_affinity"));
  const auto policies = all_policies();
  ASSERT_GE(policies.size(), 17u);
  std::size_t placed = 0, unplaced = 0;
  for (const std::string& name : policies) {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      SCOPED_TRACE(name + " seed " + std::to_string(seed));
      World w = make_world(seed);
      auto p = policy(name, kRules);
      Rng rng(seed);
      for (const auto& batch : w.batches) {
        const ClusterState before = w.c.state;
        const auto decisions = p->place(w.c.state, batch, rng);
        ASSERT_EQ(decisions.size(), batch.size());
        // Every replica of the batch gets exactly one decision.
        std::set<ReplicaId> ids;
        for (const auto& d : decisions) ids.insert(d.replica);
        ASSERT_EQ(ids.size(), batch.size());
        // Replay the decisions one by one on a copy, checking each against the state it was made in.
        ClusterState replay = before;
        std::map<ReplicaId, const PlacementRequest*> by_id;
        for (const auto& r : batch) by_id[r.replica] = &r;
        for (const auto& d : decisions) {
          const PlacementRequest& r = *by_id.at(d.replica);
          check_decision(w.c, replay, r, d, rules, name);
          if (d.placed()) {
            replay.allocate(d.host, r.service, r.spec->request);
            ++placed;
          } else {
            ++unplaced;
          }
        }
        // place() allocated exactly what it decided.
        for (std::size_t h = 0; h < replay.host_count(); ++h) {
          const HostId id(static_cast<HostId::repr>(h));
          ASSERT_EQ(replay.task_count(id), w.c.state.task_count(id));
          for (std::size_t d = 0; d < kDims; ++d)
            ASSERT_NEAR(replay.allocated(id)[static_cast<Dim>(d)], w.c.state.allocated(id)[static_cast<Dim>(d)], 1e-9);
          EXPECT_TRUE(w.c.state.free(id).non_negative() ||
                      w.c.state.free(id).fits(Resources{}))  // free >= -eps on every dimension
              << name;
        }
      }
    }
  }
  // The random worlds must exercise both outcomes, or the test proves little.
  EXPECT_GT(placed, 1000u);
  EXPECT_GT(unplaced, 100u);
}

TEST(Properties, SameSeedSameDecisions) {
  for (const std::string& name : all_policies()) {
    World a = make_world(77), b = make_world(77);
    auto pa = policy(name, kRules), pb = policy(name, kRules);
    Rng ra(9), rb(9);
    for (std::size_t k = 0; k < a.batches.size(); ++k) {
      auto batch_b = b.batches[k];
      const auto da = pa->place(a.c.state, a.batches[k], ra);
      const auto db = pb->place(b.c.state, batch_b, rb);
      ASSERT_EQ(da.size(), db.size()) << name;
      for (std::size_t i = 0; i < da.size(); ++i) {
        EXPECT_EQ(da[i].replica, db[i].replica) << name;
        EXPECT_EQ(da[i].host, db[i].host) << name;
        EXPECT_EQ(da[i].reason, db[i].reason) << name;
      }
    }
  }
}

}  // namespace
}  // namespace drydock::test
