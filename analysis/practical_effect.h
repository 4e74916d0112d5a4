// The smallest difference in a metric that a user should act on: below it, a difference is reported
// as "no practical difference" however significant. Stated per unit (and for a few metrics by name),
// shown in the report beside every verdict, so a reader can disagree with it knowingly.
//   seconds      1 ms and 5% of the baseline        kWh       0.001 kWh and 1%
//   fraction     0.005 (half a percentage point)    hosts, replicas, counts   0.5 and 1%
//   replica-s    1 replica-s and 1%                  imbalance (cv)   0.01 and 2%
#pragma once

#include "analysis/metric_catalog.h"
#include "analysis/statistics.h"

namespace drydock {

MinEffect min_effect(const MetricDef& metric);

}  // namespace drydock
