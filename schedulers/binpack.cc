// `binpack`: most allocated first (Kubernetes MostAllocated with equal cpu and memory weights). The host
// whose cpu and memory would be fullest after the placement wins, so replicas fill one host before the
// next and the fewest hosts are used; ties go to the lowest host id.
#include "schedulers/builtin_policies.h"
#include "schedulers/feasibility.h"

namespace drydock {
namespace {

class BinpackScheduler final : public GreedyScheduler {
 public:
  std::string_view name() const override { return "binpack"; }

 protected:
  PlacementDecision choose(const ClusterState& state, const PlacementRequest& request, Rng&) override {
    RejectionTally tally;
    HostId best;
    double best_score = -1;
    const Resources& req = request.spec->request;
    const auto cap_cpu = state.capacity_column(Dim::kCpu), cap_mem = state.capacity_column(Dim::kMemory);
    const auto used_cpu = state.allocated_column(Dim::kCpu), used_mem = state.allocated_column(Dim::kMemory);
    for (std::size_t i = 0; i < state.host_count(); ++i) {
      const HostId h(static_cast<HostId::repr>(i));
      const Rejection r = check_host(state, h, request);
      if (r != Rejection::kNone) {
        tally.add(r);
        continue;
      }
      const double cpu = cap_cpu[i] > 0 ? (used_cpu[i] + req.cpu) / cap_cpu[i] : 0;
      const double mem = cap_mem[i] > 0 ? (used_mem[i] + req.memory_mib) / cap_mem[i] : 0;
      const double score = 0.5 * (cpu + mem);
      if (score > best_score + 1e-12) {
        best = h;
        best_score = score;
      }
    }
    if (!best.valid()) return {request.replica, HostId{}, tally.explain(request)};
    return {request.replica, best, {}};
  }
};

}  // namespace

void register_binpack(PolicyRegistry& registry) {
  registry.add({"binpack", "most allocated first: fill a host before the next, fewest hosts in use", "",
                [](const PolicyParams&) { return std::make_unique<BinpackScheduler>(); }});
}

}  // namespace drydock
