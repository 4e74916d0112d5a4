// The workload mix of a Google 2011 trace, as the synthetic generator needs it, and how to measure it.
//
// Everything is in the trace's own units (normalised CPU and memory, seconds, Google priorities), so a
// generated trace reads exactly like the real one, through the same reader and the same TraceUnits.
// kGoogle2011SampleMix (google_mix_default.cc) is fit_google_mix() run on the real sample in
// ../shared/traces/google2011 (the whole machine_events table and task_events shard 0 of 500); the test
// google_mix_test re-fits that sample and checks the constants still match it.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "traces/trace_reader.h"

namespace drydock::traces {

struct WeightedShape {
  double cpu = 0, memory = 0;  // normalised (1.0 = the largest machine)
  double weight = 0;           // fraction of the population
};

struct GoogleMix {
  static constexpr std::size_t kQuantiles = 21;  // quantile tables at 0, 0.05, ..., 1
  static constexpr std::size_t kTopShapes = 48;  // the most common task request shapes kept exactly

  std::vector<WeightedShape> machine_shapes;   // capacity of machines at ADD, all shapes
  std::vector<WeightedShape> task_shapes;      // the kTopShapes most common (cpu, memory) requests
  // The requests outside the top shapes, drawn independently from these marginal quantiles.
  std::vector<double> other_cpu, other_memory;
  std::vector<double> priority_weights;        // index = priority 0..11
  std::vector<double> class_weights;           // index = scheduling class 0..3
  std::vector<double> tasks_per_job;           // quantiles of a job's task count (jobs submitted in window)
  std::vector<double> schedule_delay;          // quantiles, SUBMIT -> SCHEDULE, seconds
  std::vector<double> duration;                // quantiles, SCHEDULE -> end, seconds (tasks ending in window)
  // How a scheduled task ends, as fractions of the tasks that ended in the window.
  double finish = 0, kill = 0, fail = 0, evict = 0;
  // New tasks per hour per machine of the initial cluster (submits inside the window, first submits
  // of a task only), so that a generated cluster of N hosts gets the real load per host.
  double submits_per_machine_hour = 0;
  double machine_removes_per_day = 0;          // per machine
  std::vector<double> machine_downtime;        // quantiles, REMOVE -> next ADD of that machine, seconds
};

// Measures the mix from machine_events and task_events shards (either list may be empty), read in the
// trace's normalised units. `parse`, when given, receives what the readers counted (corrupt rows...).
// Rows at time 0 (before the window) count for shapes but not for delays and durations, whose start is
// unknown; durations are of tasks scheduled and ended inside the window, so they are biased short for a
// short sample (a 1.5 h shard cannot show a 3 h task): scale them with the generator's --duration.
GoogleMix fit_google_mix(const std::vector<std::string>& machine_files,
                         const std::vector<std::string>& task_files, ParseStats* parse = nullptr);

// The mix of the real sample (see above).
const GoogleMix& google2011_sample_mix();

// Draws from a quantile table (piecewise linear between the kQuantiles points) with u in [0, 1).
double sample_quantiles(const std::vector<double>& q, double u);
// Index drawn with probability proportional to weights (u in [0, 1)).
std::size_t sample_weights(const std::vector<double>& w, double u);

}  // namespace drydock::traces

namespace drydock::traces {
// Writes the mix as C++ (an initialiser for GoogleMix, how google_mix_default.cc was made) or as text.
void print_google_mix(std::ostream& os, const GoogleMix& mix, bool as_cpp);
}  // namespace drydock::traces
