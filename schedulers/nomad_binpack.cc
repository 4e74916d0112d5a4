// `nomad-binpack`: Nomad's default scheduler algorithm: BestFit v3 (20 - (10^freeCpu + 10^freeMem),
// clamped to 0..18 and normalised) plus job anti-affinity, over a sample of hosts: the node list is
// shuffled per evaluation (batch) and each placement scores the first max(2, ceil(log2 N)) feasible
// hosts (2 for batch tasks, the power of two choices). See nomad_score.h for the formulas.
// Parameters: job_anti_affinity=true, sample=nomad (sample=none scores every host).
#include "schedulers/builtin_policies.h"
#include "schedulers/nomad_score.h"
#include "schedulers/params.h"

namespace drydock {

void register_nomad_binpack(PolicyRegistry& registry) {
  registry.add({"nomad-binpack", "Nomad BestFit v3 with job anti-affinity, log2 N host sampling",
                std::string("job_anti_affinity=true, sample=nomad; ") + kCommonParams, [](const PolicyParams& p) {
                  check_params(p, "nomad-binpack", {"job_anti_affinity"});
                  std::vector<WeightedScore> scores;
                  scores.push_back({make_nomad_score(NomadAlgorithm::kBinpack, flag(p, "job_anti_affinity", true), ""), 1});
                  return make_framework_policy("nomad-binpack", p, std::move(scores), SamplingOptions::Kind::kNomad);
                }});
}

}  // namespace drydock
