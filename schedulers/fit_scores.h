// The classic bin-packing heuristics as score plugins: first-fit (lowest host id), best-fit (least
// capacity left after the placement) and worst-fit (most left). "Capacity left" is the sum over
// resources of leftover / capacity (a host with none of a resource adds 0), so a host's resources count
// equally whatever their units.
#pragma once

#include <memory>

#include "schedulers/framework.h"

namespace drydock {

enum class FitKind { kFirst, kBest, kWorst };
std::unique_ptr<ScorePlugin> make_fit_score(FitKind kind);

}  // namespace drydock
