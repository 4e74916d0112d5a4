// `first-fit`: the feasible host with the lowest id (see fit_scores.h for how capacity left is measured).
#include "schedulers/builtin_policies.h"
#include "schedulers/fit_scores.h"
#include "schedulers/params.h"

namespace drydock {

void register_first_fit(PolicyRegistry& registry) {
  registry.add({"first-fit", "the feasible host with the lowest id", kCommonParams, [](const PolicyParams& p) {
                  check_params(p, "first-fit", {});
                  std::vector<WeightedScore> scores;
                  scores.push_back({make_fit_score(FitKind::kFirst), 1});
                  return make_framework_policy("first-fit", p, std::move(scores));
                }});
}

}  // namespace drydock
