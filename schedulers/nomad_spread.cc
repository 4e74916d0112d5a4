// `nomad-spread`: Nomad's `spread` scheduler algorithm (ScoreFitSpread: 10^freeCpu + 10^freeMem - 2,
// clamped to 0..18, normalised: the emptiest host wins) plus job anti-affinity, and optionally a
// `spread` stanza over a host label (`attribute=zone`: Nomad's even-spread boost). Like Nomad, hosts
// are sampled (log2 N) unless a spread attribute is given, in which case every host is scored.
// Parameters: attribute="" (label key), job_anti_affinity=true, sample=nomad.
#include "schedulers/builtin_policies.h"
#include "schedulers/nomad_score.h"
#include "schedulers/params.h"

namespace drydock {

void register_nomad_spread(PolicyRegistry& registry) {
  registry.add({"nomad-spread", "Nomad spread algorithm (emptiest host) with job anti-affinity and even spread "
                "over a label",
                std::string("attribute=\"\", job_anti_affinity=true, sample=nomad (none when attribute is set); ") +
                    kCommonParams,
                [](const PolicyParams& p) {
                  check_params(p, "nomad-spread", {"attribute", "job_anti_affinity"});
                  std::string attribute = p.text("attribute", "");
                  if (attribute.rfind("node.labels.", 0) == 0) attribute = attribute.substr(12);
                  std::vector<WeightedScore> scores;
                  scores.push_back(
                      {make_nomad_score(NomadAlgorithm::kSpread, flag(p, "job_anti_affinity", true), attribute), 1});
                  return make_framework_policy("nomad-spread", p, std::move(scores),
                                               attribute.empty() ? SamplingOptions::Kind::kNomad
                                                                 : SamplingOptions::Kind::kNone);
                }});
}

}  // namespace drydock
