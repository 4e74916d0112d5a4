// How closely does the simulator predict the live run? A simulated run and a live run of the same
// scenario, side by side: every metric for both, the absolute and relative error of the simulation,
// and, per event kind, how far apart in time the events that match up are.
//
// Both runs are loaded by the same code from their results directories: events.csv is read back and
// the metrics are recomputed from it (compute_metrics), so a difference in the table is a difference
// in what happened, never in how it was measured. summary.json supplies only the run's identity and
// inventory (RunInfo).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/metric_catalog.h"
#include "analysis/metrics.h"
#include "analysis/percentiles.h"
#include "analysis/run_info.h"
#include "model/event.h"

namespace drydock {

struct LoadedRun {
  std::string dir;
  RunInfo info;
  std::vector<Event> events;
  Metrics metrics;  // recomputed from `events`
  std::map<std::string, std::optional<double>> scalars;  // the metric catalog's view of `metrics`
  std::map<std::string, int> running_end_by_host;        // replicas running per host at the end: the spread
};

// Reads DIR/summary.json and DIR/events.csv; throws ResultsError naming the file (and line) at fault.
LoadedRun load_run(const std::string& dir);

// One metric for both runs. error = sim - live; relative_error = (sim - live) / |live| (n/a when live
// is 0 and sim is not, 0 when both are 0).
struct MetricGap {
  MetricDef def;
  std::optional<double> sim, live, error, relative_error;
};

// The events of one kind that match up: the k-th event of a kind for the same replica (or, for host
// events, the same host; for service events, the same service) in both runs. diff = sim time - live
// time over the matched pairs.
struct EventKindGap {
  EventKind kind = EventKind::kSubmitted;
  int sim_count = 0, live_count = 0, matched = 0;
  Percentiles diff;         // of the signed difference (p50/p95/mean)
  double max_abs_diff = 0;  // the worst match
};

struct SimLiveComparison {
  LoadedRun sim, live;
  std::vector<MetricGap> metrics;     // catalog order; metrics neither run has are left out
  std::vector<EventKindGap> events;   // EventKind order; kinds neither run has are left out
};

// Throws ResultsError when the runs cannot be compared: `sim` is not a simulation, `live` not a live
// run, or they ran different scenarios.
SimLiveComparison compare_sim_live(LoadedRun sim, LoadedRun live);

std::string sim_live_markdown(const SimLiveComparison& c);

}  // namespace drydock
