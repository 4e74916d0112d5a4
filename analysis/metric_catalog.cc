#include "analysis/metric_catalog.h"

namespace drydock {
namespace {

using D = Direction;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Numeric leaves of nested objects at any depth, named by their dotted path ("load.web.latency_p99.p95");
// null stays "no value". The "failures" list is summarised by the caller.
void flatten(const std::string& prefix, const nlohmann::json& node,
             std::map<std::string, std::optional<double>>& out) {
  for (const auto& [key, value] : node.items()) {
    const std::string name = prefix.empty() ? key : prefix + "." + key;
    if (name == "failures") continue;
    if (value.is_number()) out[name] = value.get<double>();
    else if (value.is_null()) out[name] = std::nullopt;
    else if (value.is_object()) flatten(name, value, out);
  }
}

// Metrics named per service ("load.<service>.<field>...") or per fault kind cannot be listed one by one;
// their direction follows from the field.
std::optional<MetricDef> pattern_def(const std::string& name) {
  if (ends_with(name, ".count") || ends_with(name, ".samples"))
    return MetricDef{name, "", D::kNeutral, false, "number of values behind the figure"};
  if (name.rfind("injected.", 0) == 0) return MetricDef{name, "", D::kNeutral, false, "faults injected of this kind"};
  if (name.rfind("load.", 0) != 0) return std::nullopt;
  if (ends_with(name, ".dropped_fraction"))
    return MetricDef{name, "fraction", D::kLowerIsBetter, true, "share of the offered requests dropped"};
  if (ends_with(name, ".slo_violation_fraction"))
    return MetricDef{name, "fraction", D::kLowerIsBetter, true, "share of samples with the latency SLO violated"};
  if (ends_with(name, ".dropped")) return MetricDef{name, "requests", D::kLowerIsBetter, false, "requests dropped"};
  if (ends_with(name, ".requests")) return MetricDef{name, "requests", D::kNeutral, false, "requests offered"};
  if (name.find(".latency_p99.") != std::string::npos || name.find(".latency_p50.") != std::string::npos)
    return MetricDef{name, "s", D::kLowerIsBetter, ends_with(name, ".latency_p99.mean"),
                     "request latency percentile, summarised over the run's samples"};
  return std::nullopt;
}

}  // namespace

const std::vector<MetricDef>& metric_catalog() {
  static const std::vector<MetricDef> catalog = {
      {"all_running_at", "s", D::kLowerIsBetter, true, "first time every service ran its desired count"},
      {"placement_latency.p50", "s", D::kLowerIsBetter, false, "submitted -> placed, median"},
      {"placement_latency.p95", "s", D::kLowerIsBetter, true, "submitted -> placed, p95"},
      {"placement_latency.p99", "s", D::kLowerIsBetter, false, "submitted -> placed, p99"},
      {"placement_latency.mean", "s", D::kLowerIsBetter, false, "submitted -> placed, mean"},
      {"placement_latency.max", "s", D::kLowerIsBetter, false, "submitted -> placed, max"},
      {"placement_latency.count", "", D::kNeutral, false, "placements"},
      {"time_to_running.p50", "s", D::kLowerIsBetter, false, "submitted -> started, median"},
      {"time_to_running.p95", "s", D::kLowerIsBetter, true, "submitted -> started, p95"},
      {"time_to_running.p99", "s", D::kLowerIsBetter, false, "submitted -> started, p99"},
      {"time_to_running.mean", "s", D::kLowerIsBetter, false, "submitted -> started, mean"},
      {"time_to_running.max", "s", D::kLowerIsBetter, false, "submitted -> started, max"},
      {"time_to_running.count", "", D::kNeutral, false, "starts with a known submission"},
      {"failures.count", "", D::kNeutral, false, "host failures injected"},
      {"failures.detection_time", "s", D::kLowerIsBetter, true, "crash -> declared down, mean over failures"},
      {"failures.recovery_time", "s", D::kLowerIsBetter, true, "crash -> desired replicas running again, mean over failures"},
      {"failures.replicas_lost", "replicas", D::kLowerIsBetter, true, "replicas that died with their host, summed over failures"},
      {"failures.replica_seconds_lost", "replica-s", D::kLowerIsBetter, true, "integral of missing replicas after each crash, summed"},
      {"detection_time.p50", "s", D::kLowerIsBetter, false, "crash or hang -> declared down, median over detected failures"},
      {"detection_time.p95", "s", D::kLowerIsBetter, false, "crash or hang -> declared down, p95 over detected failures"},
      {"detection_time.p99", "s", D::kLowerIsBetter, false, "crash or hang -> declared down, p99 over detected failures"},
      {"detection_time.mean", "s", D::kLowerIsBetter, false, "crash or hang -> declared down, mean over detected failures"},
      {"detection_time.max", "s", D::kLowerIsBetter, false, "crash or hang -> declared down, slowest"},
      {"undetected_failures", "", D::kLowerIsBetter, true, "failures never declared down"},
      {"false_suspicions", "", D::kLowerIsBetter, false, "hosts suspected or declared down while up"},
      {"false_downs", "", D::kLowerIsBetter, true, "hosts declared down while up (they cost replicas)"},
      {"unschedulable", "", D::kLowerIsBetter, true, "replicas the scheduler found no host for"},
      {"completed", "", D::kNeutral, false, "replicas done for good by their restart policy (batch tasks)"},
      {"churn", "", D::kLowerIsBetter, false, "container starts + stops"},
      {"hosts_in_use_end", "hosts", D::kLowerIsBetter, true, "hosts running a replica at the end (fewer = less energy)"},
      {"hosts_in_use_max", "hosts", D::kLowerIsBetter, false, "most hosts running a replica at once"},
      {"hosts_up_max", "hosts", D::kLowerIsBetter, false, "most hosts powered on at once (cluster autoscaler: booting included)"},
      {"hosts_added", "hosts", D::kLowerIsBetter, false, "pool hosts the cluster autoscaler powered on"},
      {"energy_kwh", "kWh", D::kLowerIsBetter, true, "energy of the hosts in use (linear power model; empty hosts off)"},
      {"energy_kwh_all_up", "kWh", D::kLowerIsBetter, false, "energy with every host up kept on"},
      {"cpu_allocated_mean", "fraction", D::kHigherIsBetter, false, "time-weighted cpu allocated / capacity of hosts up"},
      {"memory_allocated_mean", "fraction", D::kHigherIsBetter, false, "time-weighted memory allocated / capacity of hosts up"},
      {"cpu_allocated_end", "fraction", D::kHigherIsBetter, false, "cpu allocated / capacity of hosts up, at the end"},
      {"memory_allocated_end", "fraction", D::kHigherIsBetter, false, "memory allocated / capacity of hosts up, at the end"},
      {"imbalance_cv_end", "", D::kLowerIsBetter, true, "coefficient of variation of per-host cpu allocation at the end"},
      {"fragmentation_end", "fraction", D::kLowerIsBetter, true, "share of free cpu on hosts where the typical request no longer fits"},
      {"replicas_running_end", "replicas", D::kHigherIsBetter, false, "replicas running at the end"},
      {"replicas_desired_end", "replicas", D::kNeutral, false, "replicas desired at the end"},
      {"submitted", "", D::kNeutral, false, "replicas submitted"},
      {"placed", "", D::kNeutral, false, "placements"},
      {"started", "", D::kNeutral, false, "container starts"},
      {"stopped", "", D::kNeutral, false, "container stops"},
      {"exited", "", D::kNeutral, false, "container exits"},
      {"removed", "", D::kNeutral, false, "replicas given up"},
  };
  return catalog;
}

MetricDef metric_def(const std::string& name) {
  for (const auto& m : metric_catalog())
    if (m.name == name) return m;
  if (auto p = pattern_def(name)) return *p;
  return {name, "", Direction::kNeutral, false, "(not in drydock's metric catalog)"};
}

std::map<std::string, std::optional<double>> scalar_metrics(const nlohmann::json& summary) {
  std::map<std::string, std::optional<double>> out;
  const nlohmann::json& metrics = summary.at("metrics");
  if (!metrics.is_object()) throw std::invalid_argument("\"metrics\" is not an object");
  flatten("", metrics, out);
  if (auto f = metrics.find("failures"); f != metrics.end() && f->is_array()) {
    out["failures.count"] = static_cast<double>(f->size());
    // Mean over failures; one failure without a value (never detected, never recovered) leaves the
    // whole run without one, since averaging only the good ones would flatter the policy.
    auto mean_of = [&](const char* field) -> std::optional<double> {
      if (f->empty()) return std::nullopt;
      double sum = 0;
      for (const auto& x : *f) {
        auto it = x.find(field);
        if (it == x.end() || !it->is_number()) return std::nullopt;
        sum += it->get<double>();
      }
      return sum / static_cast<double>(f->size());
    };
    auto sum_of = [&](const char* field) -> std::optional<double> {
      double sum = 0;
      for (const auto& x : *f) {
        auto it = x.find(field);
        if (it == x.end() || !it->is_number()) return std::nullopt;
        sum += it->get<double>();
      }
      return sum;
    };
    out["failures.detection_time"] = mean_of("detection_time");
    out["failures.recovery_time"] = mean_of("recovery_time");
    out["failures.replicas_lost"] = sum_of("replicas_lost");
    out["failures.replica_seconds_lost"] = sum_of("replica_seconds_lost");
  }
  return out;
}

}  // namespace drydock
