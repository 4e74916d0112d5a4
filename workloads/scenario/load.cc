// A service's traffic (services[i].load, service_rate, queue_limit, balancer, slo).
#include "workloads/scenario/sections.h"

#include "workloads/units.h"

namespace drydock::scenario_parser {

namespace {

LoadCurve parse_load(const Where& w, const YAML::Node& n, const std::string& at) {
  LoadCurve c;
  if (!n.IsMap()) w.fail(n, at, "expected a mapping such as {kind: constant, rate: 100}");
  if (!n["kind"]) w.fail(n, at + ".kind", "missing (constant, diurnal, step, spike or points)");
  const std::string kind = w.scalar<std::string>(n["kind"], at + ".kind", "a load kind");
  auto rate = [&](const char* key, bool required) {
    if (!n[key]) {
      if (required) w.fail(n, at + "." + key, "missing (requests per second)");
      return 0.0;
    }
    const double v = w.scalar<double>(n[key], at + "." + key, "requests per second");
    if (v < 0) w.fail(n[key], at + "." + key, "must not be negative");
    return v;
  };
  auto seconds = [&](const char* key, bool required, Time fallback) {
    if (!n[key]) {
      if (required) w.fail(n, at + "." + key, "missing");
      return fallback;
    }
    const Time v = w.unit(n[key], at + "." + key, parse_seconds);
    if (v < 0) w.fail(n[key], at + "." + key, "must not be negative");
    return v;
  };
  if (kind == "constant") {
    w.only(n, at, {"kind", "rate"});
    c.kind = LoadCurve::Kind::kConstant;
    c.rate = rate("rate", true);
  } else if (kind == "diurnal") {
    w.only(n, at, {"kind", "base", "peak", "period", "peak_at"});
    c.kind = LoadCurve::Kind::kDiurnal;
    c.base = rate("base", true);
    c.peak = rate("peak", true);
    c.period = seconds("period", false, 86400);
    c.peak_at = seconds("peak_at", false, 0);
    if (c.period <= 0) w.fail(n["period"], at + ".period", "must be positive");
    if (c.peak < c.base) w.fail(n["peak"], at + ".peak", "must not be below base");
  } else if (kind == "step") {
    w.only(n, at, {"kind", "rate", "to", "at"});
    c.kind = LoadCurve::Kind::kStep;
    c.rate = rate("rate", true);
    c.to = rate("to", true);
    c.at = seconds("at", true, 0);
  } else if (kind == "spike") {
    w.only(n, at, {"kind", "rate", "peak", "at", "duration"});
    c.kind = LoadCurve::Kind::kSpike;
    c.rate = rate("rate", true);
    c.peak = rate("peak", true);
    c.at = seconds("at", true, 0);
    c.duration = seconds("duration", true, 0);
  } else if (kind == "points") {
    w.only(n, at, {"kind", "points"});
    c.kind = LoadCurve::Kind::kPoints;
    const YAML::Node pts = n["points"];
    if (!pts || !pts.IsSequence() || pts.size() == 0) w.fail(pts ? pts : n, at + ".points", "expected a list of [time, rate]");
    for (std::size_t k = 0; k < pts.size(); ++k) {
      const std::string field = at + ".points[" + std::to_string(k) + "]";
      if (!pts[k].IsSequence() || pts[k].size() != 2) w.fail(pts[k], field, "expected [time, rate] such as [10m, 300]");
      const Time t = w.unit(pts[k][0], field + "[0]", parse_seconds);
      const double r = w.scalar<double>(pts[k][1], field + "[1]", "requests per second");
      if (r < 0) w.fail(pts[k][1], field + "[1]", "must not be negative");
      if (!c.points.empty() && t <= c.points.back().first) w.fail(pts[k][0], field + "[0]", "times must increase");
      c.points.push_back({t, r});
    }
  } else {
    w.fail(n["kind"], at + ".kind", "expected constant, diurnal, step, spike or points, got '" + kind + "'");
  }
  return c;
}

}  // namespace

ServiceDynamics parse_dynamics(const Where& w, const YAML::Node& n, const std::string& at) {
  ServiceDynamics d;
  if (n["load"]) d.load = parse_load(w, n["load"], at + ".load");
  if (n["service_rate"]) {
    d.queue.service_rate = w.scalar<double>(n["service_rate"], at + ".service_rate", "requests per second per replica");
    if (d.queue.service_rate <= 0) w.fail(n["service_rate"], at + ".service_rate", "must be positive");
  }
  if (n["queue_limit"]) {
    d.queue.queue_limit = w.scalar<int>(n["queue_limit"], at + ".queue_limit", "an integer");
    if (d.queue.queue_limit < 1) w.fail(n["queue_limit"], at + ".queue_limit", "must be at least 1");
  }
  if (n["balancer"]) {
    const std::string b = w.scalar<std::string>(n["balancer"], at + ".balancer", "a balancer");
    if (auto parsed = parse_balancer(b)) d.balancer = *parsed;
    else w.fail(n["balancer"], at + ".balancer", "expected round-robin, least-outstanding or power-of-two, got '" + b + "'");
  }
  if (auto slo = n["slo"]) {
    w.only(slo, at + ".slo", {"latency_p99"});
    if (!slo["latency_p99"]) w.fail(slo, at + ".slo.latency_p99", "missing");
    d.slo_p99 = w.unit(slo["latency_p99"], at + ".slo.latency_p99", parse_seconds);
    if (d.slo_p99 <= 0) w.fail(slo["latency_p99"], at + ".slo.latency_p99", "must be positive");
  }
  if (auto a = n["autoscale"]) parse_autoscale(w, a, at + ".autoscale", d);
  return d;
}

}  // namespace drydock::scenario_parser
