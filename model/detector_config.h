// Which failure detector judges the hosts, and its parameters: ONE value that a scenario's
// `control.detector`, the live manager's flags and the control plane all carry. The detectors
// themselves (control/failure_detector.h, phi_accrual_detector.h, exponential_phi_detector.h) are
// built from it by make_detector() (control/detector_factory.h).
#pragma once

#include <optional>
#include <string_view>

#include "model/time.h"

namespace drydock {

// Swarm's (and, with other numbers, Kubernetes') detector: a host is suspected once a heartbeat is
// overdue and declared down after `down_after` seconds without one. Swarm: 5 s period, 3 periods.
// `period` is the heartbeat period the deadlines go with; the runtime sets it to the period it
// really uses (the scenario's heartbeat, the live probe period), it only shows in describe().
struct FixedTimeoutConfig {
  Time period = 5.0;
  Time suspect_after = 7.5;  // one and a half periods: a late beat is suspicious, not yet fatal
  Time down_after = 15.0;    // three missed periods
};

// Akka's phi accrual detector (control/phi_accrual_detector.h): normal intervals.
struct PhiAccrualConfig {
  double threshold = 8.0;
  double suspect_threshold = 4.0;
  int max_samples = 1000;
  Time min_std_deviation = 0.1;
  Time acceptable_pause = 3.0;
  // Akka's default is 1 s, its heartbeat interval; a scenario sets it to its own heartbeat period.
  Time first_heartbeat_estimate = 1.0;
};

// Cassandra's phi detector (control/exponential_phi_detector.h): exponential intervals.
struct ExponentialPhiConfig {
  double threshold = 8.0;
  double suspect_threshold = 4.0;
  int max_samples = 1000;
  Time initial_interval = 2.0;  // Cassandra: 2 gossip periods; a scenario scales it to its heartbeat
  Time max_interval = 2.0;
};

struct DetectorConfig {
  enum class Kind { kFixedTimeout, kPhiAccrual, kPhiExponential };
  Kind kind = Kind::kFixedTimeout;
  FixedTimeoutConfig fixed;  // used when kind is kFixedTimeout
  PhiAccrualConfig phi;
  ExponentialPhiConfig exponential;
};

inline std::string_view to_string(DetectorConfig::Kind kind) {
  switch (kind) {
    case DetectorConfig::Kind::kFixedTimeout: return "fixed-timeout";
    case DetectorConfig::Kind::kPhiAccrual: return "phi-accrual";
    case DetectorConfig::Kind::kPhiExponential: return "phi-exponential";
  }
  return "?";
}
inline std::optional<DetectorConfig::Kind> parse_detector_kind(std::string_view text) {
  for (auto k : {DetectorConfig::Kind::kFixedTimeout, DetectorConfig::Kind::kPhiAccrual,
                 DetectorConfig::Kind::kPhiExponential})
    if (to_string(k) == text) return k;
  return std::nullopt;
}

// Fixed-timeout presets with the heartbeat period that goes with them.
struct DetectorPreset {
  std::string_view name;
  Time heartbeat_period;
  Time heartbeat_jitter;
  FixedTimeoutConfig fixed;
};
// swarm: 5 s +/- 0.5 s heartbeats, suspected after 1.5 periods, down after 3 (swarmkit's dispatcher).
// kubernetes: 10 s node status / lease renewals, NotReady after node-monitor-grace-period 40 s (50 s from
//   v1.32), pods evicted after the 300 s not-ready toleration: suspected at 40 s, down at 340 s.
// kubernetes-grace: as kubernetes but down at the grace period itself (tolerationSeconds: 0).
inline const DetectorPreset* find_detector_preset(std::string_view name) {
  static const DetectorPreset kPresets[] = {
      {"swarm", 5.0, 0.5, {5.0, 7.5, 15.0}},
      {"kubernetes", 10.0, 1.0, {10.0, 40.0, 340.0}},
      {"kubernetes-grace", 10.0, 1.0, {10.0, 40.0, 40.0}},
  };
  for (const auto& p : kPresets)
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace drydock
