// The scalar metrics a comparison looks at, each with its unit and the direction that counts as
// better, and how they are read out of a run's summary.json. Stating the direction per metric is what
// lets the comparison say "better" or "worse" instead of just "different".
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/statistics.h"

namespace drydock {

struct MetricDef {
  std::string name;  // dotted path as in runs.csv: "time_to_running.p95", "failures.recovery_time"
  std::string unit;  // "s", "replicas", "fraction", "" for counts
  Direction direction = Direction::kNeutral;
  bool headline = false;  // shown in the terminal table; the report shows every metric
  std::string description;
};

// Every metric drydock knows, in display order.
const std::vector<MetricDef>& metric_catalog();
// The definition of `name`; metrics not in the catalog (added to summary.json later) are neutral.
MetricDef metric_def(const std::string& name);

// The scalar metrics of one run, read from its summary.json. Numeric fields of "metrics" (and of its
// nested objects, as "parent.child") are taken as they are; the "failures" list is reduced to
// failures.count, the mean detection and recovery time and the summed losses. A metric that has no
// value in this run (never all running, a failure never recovered) is std::nullopt, never a made-up
// number.
std::map<std::string, std::optional<double>> scalar_metrics(const nlohmann::json& summary);

}  // namespace drydock
