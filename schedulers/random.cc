// `random`: a uniformly random feasible host, from the seeded generator the control plane passes in.
// The baseline every other policy should beat.
#include "schedulers/builtin_policies.h"
#include "schedulers/feasibility.h"

namespace drydock {
namespace {

class RandomScheduler final : public GreedyScheduler {
 public:
  std::string_view name() const override { return "random"; }

 protected:
  PlacementDecision choose(const ClusterState& state, const PlacementRequest& request, Rng& rng) override {
    RejectionTally tally;
    feasible_hosts(state, request, feasible_, tally);
    if (feasible_.empty()) return {request.replica, HostId{}, tally.explain(request)};
    return {request.replica, feasible_[rng.below(feasible_.size())], {}};
  }

 private:
  std::vector<HostId> feasible_;  // reused across calls
};

}  // namespace

void register_random(PolicyRegistry& registry) {
  registry.add({"random", "a uniformly random feasible host (seeded)", "",
                [](const PolicyParams&) { return std::make_unique<RandomScheduler>(); }});
}

}  // namespace drydock
