// `worst-fit`: the feasible host left with the most capacity after placement (see fit_scores.h for how capacity left is measured).
#include "schedulers/builtin_policies.h"
#include "schedulers/fit_scores.h"
#include "schedulers/params.h"

namespace drydock {

void register_worst_fit(PolicyRegistry& registry) {
  registry.add({"worst-fit", "the feasible host left with the most capacity after placement", kCommonParams, [](const PolicyParams& p) {
                  check_params(p, "worst-fit", {});
                  std::vector<WeightedScore> scores;
                  scores.push_back({make_fit_score(FitKind::kWorst), 1});
                  return make_framework_policy("worst-fit", p, std::move(scores));
                }});
}

}  // namespace drydock
