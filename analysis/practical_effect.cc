#include "analysis/practical_effect.h"

namespace drydock {

MinEffect min_effect(const MetricDef& m) {
  if (m.name == "imbalance_cv_end") return {0.01, 0.02};
  if (m.unit == "s") return {0.001, 0.05};
  if (m.unit == "kWh") return {0.001, 0.01};
  if (m.unit == "fraction") return {0.005, 0};
  if (m.unit == "replica-s") return {1, 0.01};
  // Counts (hosts, replicas, requests, events): half a unit on average over the seeds, and 1%.
  return {0.5, 0.01};
}

}  // namespace drydock
