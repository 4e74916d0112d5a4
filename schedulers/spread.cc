// `spread`: Docker Swarm's default strategy. Among hosts that pass the filters, pick the one with the
// fewest replicas of this service, then the fewest tasks overall; ties go to the lowest host id so that
// runs are reproducible.
#include "schedulers/builtin_policies.h"
#include "schedulers/feasibility.h"

namespace drydock {
namespace {

class SpreadScheduler final : public GreedyScheduler {
 public:
  std::string_view name() const override { return "spread"; }

 protected:
  PlacementDecision choose(const ClusterState& state, const PlacementRequest& request, Rng&) override {
    RejectionTally tally;
    HostId best;
    std::uint32_t best_service = 0, best_tasks = 0;
    const auto counts = state.service_counts(request.service);
    const auto tasks = state.task_column();
    for (std::size_t i = 0; i < state.host_count(); ++i) {
      const HostId h(static_cast<HostId::repr>(i));
      const Rejection r = check_host(state, h, request);
      if (r != Rejection::kNone) {
        tally.add(r);
        continue;
      }
      const std::uint32_t s = counts.empty() ? 0 : counts[i];
      if (!best.valid() || s < best_service || (s == best_service && tasks[i] < best_tasks)) {
        best = h;
        best_service = s;
        best_tasks = tasks[i];
      }
    }
    if (!best.valid()) return {request.replica, HostId{}, tally.explain(request)};
    return {request.replica, best, {}};
  }
};

}  // namespace

void register_spread(PolicyRegistry& registry) {
  registry.add({"spread", "Docker Swarm: fewest replicas of the service, then fewest tasks", "",
                [](const PolicyParams&) { return std::make_unique<SpreadScheduler>(); }});
}

}  // namespace drydock
