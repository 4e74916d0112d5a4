// Cassandra's failure detector: phi accrual with exponentially distributed intervals.
//
// With intervals modelled as exponential with the mean of the recent history, P(still alive) after a
// silence t is exp(-t / mean), so phi = -log10(exp(-t / mean)) = t / (mean * ln 10) (Cassandra's
// PHI_FACTOR). It grows linearly with the silence and ignores the variance: cheap and robust, but slow
// with long heartbeat periods (threshold 8 = 18.4 mean intervals of silence).
// As in Cassandra's ArrivalWindow: the first interval is an initial estimate (fd_initial_value_ms, 2 s
// for its 1 s gossip), intervals longer than max_interval are ignored (a reboot, a partition), and the
// window holds 1000 samples. Cassandra's phi_convict_threshold defaults to 8.
#pragma once

#include <vector>

#include "control/failure_detector.h"

namespace drydock {

class ExponentialPhiDetector final : public FailureDetector {
 public:
  explicit ExponentialPhiDetector(ExponentialPhiConfig config) : config_(config) {}
  std::string_view name() const override { return "phi-exponential"; }
  void heartbeat(HostId host, Time now) override;
  HostHealth health(HostId host, Time now) const override;
  Time next_change(HostId host, Time now) const override;
  std::string describe() const override;
  double phi(HostId host, Time now) const;

 private:
  struct Window {
    Time last = 0;
    bool seen = false;
    std::vector<double> intervals;
    std::size_t head = 0;
    double sum = 0;
  };
  const Window* find(HostId host) const { return host.value < hosts_.size() && hosts_[host.value].seen ? &hosts_[host.value] : nullptr; }
  static double phi_of(const Window& w, Time now);
  void add(Window& w, double interval) const;

  ExponentialPhiConfig config_;
  std::vector<Window> hosts_;
};

}  // namespace drydock
