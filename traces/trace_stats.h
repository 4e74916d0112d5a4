// The sanity view of a trace before an experiment: counts by event type, time span, how many machines
// and jobs, and the distribution of task requests and machine capacities.
#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <unordered_set>
#include <vector>

#include "traces/parse_error.h"
#include "traces/trace_event.h"

namespace drydock::traces {

// A sample of one quantity. Keeps every value up to kMaxKept, then a uniform reservoir drawn with a
// fixed-seed generator, so percentiles of a billion-row trace cost bounded memory and repeat exactly.
class Distribution {
 public:
  static constexpr std::size_t kMaxKept = 1 << 21;
  void add(double v);
  std::uint64_t count() const { return count_; }
  double mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0; }
  double min() const { return min_; }
  double max() const { return max_; }
  // The q-quantile (0..1) of the kept sample, nearest-rank; 0 when empty. Sorts lazily.
  double quantile(double q) const;

 private:
  mutable std::vector<double> kept_;
  mutable bool sorted_ = true;
  std::uint64_t count_ = 0;
  double sum_ = 0, min_ = 0, max_ = 0;
  std::uint64_t rng_ = 0x9E3779B97F4A7C15ull;
};

struct TraceStats {
  std::array<std::uint64_t, kTraceEventKinds> by_kind{};
  std::uint64_t events = 0;
  std::uint64_t at_time_zero = 0;    // Google: "before the window"
  std::uint64_t after_window = 0;    // time kNever
  Time first = kNever, last = -kNever;  // over finite, non-zero times
  // The same over task events only: the window a replay can use (a machine table may span weeks
  // beyond the task events read).
  Time task_first = kNever, task_last = -kNever;
  std::uint64_t unknown_resources = 0;  // submit / add rows whose resource fields were empty
  // Distinct ids (machines: from machine events and from tasks' placements); counted, never iterated.
  std::unordered_set<std::int64_t> machines, jobs;
  Distribution task_cpu, task_memory_mib, task_gpu, task_count;  // on SUBMIT
  Distribution machine_cpu, machine_memory_mib, machine_gpu;     // on MACHINE_ADD
  Distribution task_priority;                                     // on SUBMIT
  ParseStats parse;

  void add(const TraceEvent& ev);
  void print(std::ostream& os) const;
};

}  // namespace drydock::traces
