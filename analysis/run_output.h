// The end of every run, written once for `drydock run`, `replay`, `live` and the manager: the metrics
// of the event log (placement, failures, allocation; energy, whose power rows join the samples; load,
// where the samples carry request rows), then events.csv, timeseries.csv and summary.json, with the
// same keys whichever runtime ran (DESIGN.md, "The run").
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "analysis/metrics.h"
#include "analysis/run_info.h"
#include "model/event.h"
#include "model/sample.h"

namespace drydock {

// Adds what only one kind of run knows to its summary (a replay's trace facts), before it is written.
using SummaryExtension = std::function<void(nlohmann::json& summary, const Metrics& metrics)>;

// `samples` gains the power and energy rows. Throws ResultsError when `dir` cannot be written.
Metrics finish_run(const std::string& dir, const RunInfo& info, const std::vector<Event>& events,
                   std::vector<Sample>& samples, const SummaryExtension& extend = {});

}  // namespace drydock
