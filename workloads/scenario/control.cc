// `control:`: heartbeats, the failure detector and the sample period.
#include "workloads/scenario/sections.h"

#include "workloads/units.h"

namespace drydock::scenario_parser {

void parse_control(const Where& w, const YAML::Node& control, Scenario& s) {
  w.only(control, "control", {"heartbeat", "detector", "sample_period"});
  const YAML::Node d = control["detector"];
  if (d) {
    if (!d.IsMap()) w.fail(d, "control.detector", "expected a mapping such as {kind: phi-accrual}");
    if (d["kind"]) {
      const std::string kind = w.scalar<std::string>(d["kind"], "control.detector.kind", "a detector name");
      if (auto k = parse_detector_kind(kind)) s.detector.kind = *k;
      else w.fail(d["kind"], "control.detector.kind", "unknown detector '" + kind + "' (known: fixed-timeout, phi-accrual, phi-exponential)");
    }
    // A preset sets the heartbeat that goes with it; an explicit control.heartbeat still wins.
    if (auto p = d["preset"]) {
      if (s.detector.kind != DetectorConfig::Kind::kFixedTimeout)
        w.fail(p, "control.detector.preset", "presets are for kind fixed-timeout");
      const std::string name = w.scalar<std::string>(p, "control.detector.preset", "a preset name");
      const DetectorPreset* preset = find_detector_preset(name);
      if (!preset) w.fail(p, "control.detector.preset", "unknown preset '" + name + "' (known: swarm, kubernetes, kubernetes-grace)");
      s.heartbeat.period = preset->heartbeat_period;
      s.heartbeat.jitter = preset->heartbeat_jitter;
      s.detector.fixed = preset->fixed;
    }
  }
  if (auto hb = control["heartbeat"]) {
    w.only(hb, "control.heartbeat", {"period", "jitter"});
    if (hb["period"]) s.heartbeat.period = w.unit(hb["period"], "control.heartbeat.period", parse_seconds);
    if (hb["jitter"]) s.heartbeat.jitter = w.unit(hb["jitter"], "control.heartbeat.jitter", parse_seconds);
    if (s.heartbeat.period <= 0) w.fail(hb["period"], "control.heartbeat.period", "must be positive");
    if (s.heartbeat.jitter < 0 || s.heartbeat.jitter >= s.heartbeat.period)
      w.fail(hb["jitter"], "control.heartbeat.jitter", "must be in [0, period)");
  }
  if (d) parse_detector(w, d, s);
  if (control["sample_period"]) s.sample_period = w.unit(control["sample_period"], "control.sample_period", parse_seconds);
  if (s.sample_period <= 0) w.fail(control["sample_period"], "control.sample_period", "must be positive");
}

}  // namespace drydock::scenario_parser
