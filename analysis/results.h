// The results directory of a run, identical for sim and live (DESIGN.md, "The run"):
//   events.csv      time,kind,service,replica,host,detail
//   timeseries.csv  time,scope,name,metric,value
//   summary.json    the run's identity (scenario, policy, seed, version) and its metrics
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/metrics.h"
#include "analysis/run_info.h"
#include "model/event.h"
#include "model/sample.h"

namespace drydock {

class ResultsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One CSV field, quoted (RFC 4180) only when it holds a comma, a quote or a newline.
std::string csv_field(const std::string& s);

void write_events_csv(const std::string& path, const std::vector<Event>& events);
void write_timeseries_csv(const std::string& path, const std::vector<Sample>& samples);
// Reads events.csv back; throws ResultsError naming the file and line of a malformed row.
std::vector<Event> read_events_csv(const std::string& path);

nlohmann::json summary_json(const RunInfo& info, const Metrics& metrics);
void write_json(const std::string& path, const nlohmann::json& json);
// Reads the RunInfo part of a summary.json back (for analyses of a results directory).
RunInfo run_info_from_summary(const nlohmann::json& summary);

// The human-readable summary printed at the end of `drydock run`.
std::string format_summary(const RunInfo& info, const Metrics& metrics);

// Writes all three files into `dir` (created if missing).
void write_results(const std::string& dir, const RunInfo& info, const std::vector<Event>& events,
                   const std::vector<Sample>& samples, const Metrics& metrics);

}  // namespace drydock
