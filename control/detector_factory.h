// Which failure detector a run uses, and its parameters: one value a scenario (or the live manager's
// flags) can carry, turned into a detector by make_detector().
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "control/exponential_phi_detector.h"
#include "control/failure_detector.h"
#include "control/phi_accrual_detector.h"

namespace drydock {

struct DetectorSpec {
  enum class Kind { kFixedTimeout, kPhiAccrual, kPhiExponential };
  Kind kind = Kind::kFixedTimeout;
  FixedTimeoutConfig fixed;
  PhiAccrualConfig phi;
  ExponentialPhiConfig exponential;
};

// Inline, like the presets below: the scenario parser (workloads/, model only) reads them without
// linking the control plane.
inline std::string_view to_string(DetectorSpec::Kind kind) {
  switch (kind) {
    case DetectorSpec::Kind::kFixedTimeout: return "fixed-timeout";
    case DetectorSpec::Kind::kPhiAccrual: return "phi-accrual";
    case DetectorSpec::Kind::kPhiExponential: return "phi-exponential";
  }
  return "?";
}
inline std::optional<DetectorSpec::Kind> parse_detector_kind(std::string_view text) {
  for (auto k : {DetectorSpec::Kind::kFixedTimeout, DetectorSpec::Kind::kPhiAccrual, DetectorSpec::Kind::kPhiExponential})
    if (to_string(k) == text) return k;
  return std::nullopt;
}
std::unique_ptr<FailureDetector> make_detector(const DetectorSpec& spec);

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
