// Nomad's ranking, shared by `nomad-binpack` and `nomad-spread` (scheduler/rank.go, structs/funcs.go):
//   fit = 10^freeCpu + 10^freeMem, with free fractions after the placement;
//   binpack (BestFit v3): clamp(20 - fit, 0, 18) / 18;   spread: clamp(fit - 2, 0, 18) / 18;
//   job anti-affinity: when the host already holds c replicas of the service, a penalty
//     -(c + 1) / desired_count is added as a second score;
//   spread stanza over an attribute (optional): Nomad's even-spread boost in [-1, 1], a further score;
//   the final score is the mean of the scores present (ScoreNormalizationIterator), times 100 here.
#pragma once

#include <memory>
#include <string>

#include "schedulers/framework.h"

namespace drydock {

enum class NomadAlgorithm { kBinpack, kSpread };
std::unique_ptr<ScorePlugin> make_nomad_score(NomadAlgorithm algorithm, bool job_anti_affinity,
                                              const std::string& spread_attribute);

}  // namespace drydock
