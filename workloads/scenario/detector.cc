// control.detector: which failure detector, a preset or its parameters (model/detector_config.h).
#include "workloads/scenario/sections.h"

#include "workloads/units.h"

namespace drydock::scenario_parser {

namespace {

// A positive number field of a detector, with its own error.
double detector_number(const Where& w, const YAML::Node& d, const char* key, double value, bool allow_zero = false) {
  if (!d[key]) return value;
  const std::string field = std::string("control.detector.") + key;
  const double v = w.scalar<double>(d[key], field, "a number");
  if (allow_zero ? v < 0 : v <= 0) w.fail(d[key], field, allow_zero ? "must not be negative" : "must be positive");
  return v;
}

Time detector_seconds(const Where& w, const YAML::Node& d, const char* key, Time value, bool allow_zero = false) {
  if (!d[key]) return value;
  const std::string field = std::string("control.detector.") + key;
  const Time v = w.unit(d[key], field, parse_seconds);
  if (allow_zero ? v < 0 : v <= 0) w.fail(d[key], field, allow_zero ? "must not be negative" : "must be positive");
  return v;
}

}  // namespace

void parse_detector(const Where& w, const YAML::Node& d, Scenario& s) {
  DetectorConfig& spec = s.detector;
  const double period = s.heartbeat.period;
  if (spec.kind == DetectorConfig::Kind::kFixedTimeout) {
    w.only(d, "control.detector", {"kind", "preset", "suspect_after", "down_after"});
    FixedTimeoutConfig& f = spec.fixed;
    if (d["suspect_after"]) f.suspect_after = w.unit(d["suspect_after"], "control.detector.suspect_after", parse_seconds);
    if (d["down_after"]) f.down_after = w.unit(d["down_after"], "control.detector.down_after", parse_seconds);
    if (f.suspect_after <= 0) w.fail(d["suspect_after"], "control.detector.suspect_after", "must be positive");
    if (f.down_after < f.suspect_after) w.fail(d, "control.detector.down_after", "must not be shorter than suspect_after");
    return;
  }
  // Phi detectors scale their start-up estimates to the heartbeat period unless told otherwise.
  if (spec.kind == DetectorConfig::Kind::kPhiAccrual) {
    w.only(d, "control.detector",
           {"kind", "threshold", "suspect_threshold", "min_std_dev", "acceptable_pause", "first_heartbeat_estimate",
            "max_samples"});
    PhiAccrualConfig& c = spec.phi;
    c.first_heartbeat_estimate = period;
    c.threshold = detector_number(w, d, "threshold", c.threshold);
    c.suspect_threshold = detector_number(w, d, "suspect_threshold", c.threshold / 2);
    c.min_std_deviation = detector_seconds(w, d, "min_std_dev", c.min_std_deviation);
    c.acceptable_pause = detector_seconds(w, d, "acceptable_pause", c.acceptable_pause, true);
    c.first_heartbeat_estimate = detector_seconds(w, d, "first_heartbeat_estimate", c.first_heartbeat_estimate);
    c.max_samples = static_cast<int>(detector_number(w, d, "max_samples", c.max_samples));
    if (c.suspect_threshold > c.threshold)
      w.fail(d["suspect_threshold"], "control.detector.suspect_threshold", "must not exceed threshold");
    return;
  }
  w.only(d, "control.detector", {"kind", "threshold", "suspect_threshold", "initial_interval", "max_interval", "max_samples"});
  ExponentialPhiConfig& c = spec.exponential;
  // Cassandra: 2 s for its 1 s gossip, i.e. two periods.
  c.initial_interval = detector_seconds(w, d, "initial_interval", 2 * period);
  c.max_interval = detector_seconds(w, d, "max_interval", 2 * period);
  c.threshold = detector_number(w, d, "threshold", c.threshold);
  c.suspect_threshold = detector_number(w, d, "suspect_threshold", c.threshold / 2);
  c.max_samples = static_cast<int>(detector_number(w, d, "max_samples", c.max_samples));
  if (c.suspect_threshold > c.threshold)
    w.fail(d["suspect_threshold"], "control.detector.suspect_threshold", "must not exceed threshold");
}

}  // namespace drydock::scenario_parser
