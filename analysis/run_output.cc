#include "analysis/run_output.h"

#include <filesystem>

#include "analysis/results.h"

namespace drydock {

Metrics finish_run(const std::string& dir, const RunInfo& info, const std::vector<Event>& events,
                   std::vector<Sample>& samples, const SummaryExtension& extend) {
  Metrics metrics = compute_metrics_and_power(events, info, samples);
  add_load_metrics(metrics, samples);  // latency, loss and SLO of services with a load model
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw ResultsError(dir + ": cannot create results directory: " + ec.message());
  write_events_csv(dir + "/events.csv", events);
  write_timeseries_csv(dir + "/timeseries.csv", samples);
  nlohmann::json summary = summary_json(info, metrics);
  if (extend) extend(summary, metrics);
  write_json(dir + "/summary.json", summary);
  return metrics;
}

}  // namespace drydock
