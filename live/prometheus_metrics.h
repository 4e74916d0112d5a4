// The manager's /metrics in the Prometheus text exposition format (version 0.0.4): what the control
// plane wants and has (services desired and running, replicas by state, hosts by health), what it did
// (placements, unschedulable decisions, detector suspicions, as counters from the event log), and how
// fast (reconcile steps and API requests, as latency histograms).
#pragma once

#include <array>
#include <mutex>
#include <string>
#include <vector>

#include "live/hosts_file.h"
#include "live/live_runtime.h"

namespace drydock::live {

// A latency histogram as Prometheus keeps one: cumulative counts per upper bound, the sum and the
// count. Thread-safe: the API's handler threads and the runtime's loop observe concurrently.
class LatencyHistogram {
 public:
  // Upper bounds in seconds, 100 us to 10 s: a reconcile step takes microseconds, a request through
  // the runtime's loop milliseconds.
  static constexpr std::array<double, 12> kBounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                     0.01,   0.025,   0.05,   0.1,   1,      10};
  void observe(double seconds);
  // `name`_bucket{le=...}, `name`_sum and `name`_count lines, after HELP and TYPE.
  void write(std::string& out, const std::string& name, const std::string& help) const;

 private:
  mutable std::mutex mu_;
  std::array<std::uint64_t, kBounds.size()> buckets_{};  // not cumulative: one per bound, the rest in +Inf
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

struct ManagerMetrics {
  LatencyHistogram reconcile;  // LiveRuntime loop steps: control plane step plus dispatch
  LatencyHistogram api;        // API requests, answered
};

// The text a scrape of /metrics returns.
std::string prometheus_text(LiveRuntime& runtime, const std::vector<RejectedHost>& rejected, const ManagerMetrics& m);

inline constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace drydock::live
