// `best-fit`: the feasible host left with the least capacity after placement (see fit_scores.h for how capacity left is measured).
#include "schedulers/builtin_policies.h"
#include "schedulers/fit_scores.h"
#include "schedulers/params.h"

namespace drydock {

void register_best_fit(PolicyRegistry& registry) {
  registry.add({"best-fit", "the feasible host left with the least capacity after placement", kCommonParams, [](const PolicyParams& p) {
                  check_params(p, "best-fit", {});
                  std::vector<WeightedScore> scores;
                  scores.push_back({make_fit_score(FitKind::kBest), 1});
                  return make_framework_policy("best-fit", p, std::move(scores));
                }});
}

}  // namespace drydock
