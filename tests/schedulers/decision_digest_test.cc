// Every policy's decisions, reduced to one digest, must not change when the scoring code is tuned or
// built for another instruction set (SSE2, AVX2, AVX-512 builds all give the same scores: see
// schedulers/CMakeLists.txt). The digest covers every registered policy with its defaults, with the
// index off and with sampling off, on the benchmark's mixed-occupancy clusters of 300, 1,000 and 5,000
// hosts, four successive batches of 1,000 requests each (so later batches see earlier placements),
// reasons for unplaced replicas included.
//
// The expected value was recorded before the scoring changes of issue 13 (select.cc's vector width);
// a change to it means some policy now decides differently, which must be deliberate and stated.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>

#include "bench_cluster.h"
#include "schedulers/scheduler.h"

namespace drydock {
namespace {

struct Digest {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  void add(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ULL;
  }
  void add(std::uint64_t v) { add(&v, sizeof v); }
  void add(const std::string& s) { add(s.data(), s.size()); add(s.size()); }
};

// The digest of one policy variant's decisions over all cluster sizes and batches.
std::uint64_t digest_of(const std::string& policy, const std::map<std::string, std::string>& params) {
  Digest d;
  for (std::size_t hosts : {300, 1000, 5000}) {
    bench::BenchCluster cluster = bench::make_cluster(hosts);
    auto scheduler = PolicyRegistry::instance().make(policy, PolicyParams(params));
    Rng rng(7);
    for (std::uint64_t batch = 0; batch < 4; ++batch) {
      const auto requests = cluster.requests(1000, 50, batch * 1000);
      for (const PlacementDecision& decision : scheduler->place(cluster.state, requests, rng)) {
        d.add(decision.replica.value);
        d.add(decision.placed() ? decision.host.value : ~0ULL);
        d.add(decision.reason);
      }
    }
  }
  return d.h;
}

TEST(DecisionDigest, EveryPolicyDecidesAsBefore) {
  const std::map<std::string, std::string> variants[] = {{}, {{"index", "false"}}, {{"sample", "none"}}};
  Digest all;
  for (const PolicyInfo* info : PolicyRegistry::instance().all()) {
    for (const auto& params : variants) {
      std::uint64_t h = 0;
      try {
        h = digest_of(info->name, params);
      } catch (const std::invalid_argument&) {
        continue;  // a policy that takes no such parameter
      }
      all.add(info->name);
      all.add(h);
      std::string label;
      for (const auto& [k, v] : params) label += k + "=" + v;
      std::printf("%-30s %-12s %016llx\n", info->name.c_str(), label.c_str(), static_cast<unsigned long long>(h));
    }
  }
  std::printf("all: %016llx\n", static_cast<unsigned long long>(all.h));
  EXPECT_EQ(all.h, 0x090f56349d666e1bULL) << "some policy's decisions changed";
}

}  // namespace
}  // namespace drydock
