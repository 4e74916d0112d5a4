#include "live/prometheus_metrics.h"

#include <charconv>
#include <map>

namespace drydock::live {
namespace {

std::string num(double v) {
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

// A label value with the exposition format's escapes (backslash, double quote, newline).
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

void header(std::string& out, const std::string& name, const char* type, const std::string& help) {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void sample(std::string& out, const std::string& name, const std::string& labels, double value) {
  out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + num(value) + "\n";
}

}  // namespace

void LatencyHistogram::observe(double seconds) {
  std::lock_guard lock(mu_);
  std::size_t b = 0;
  while (b < kBounds.size() && seconds > kBounds[b]) ++b;
  if (b < kBounds.size()) ++buckets_[b];
  ++count_;
  sum_ += seconds;
}

void LatencyHistogram::write(std::string& out, const std::string& name, const std::string& help) const {
  std::lock_guard lock(mu_);
  header(out, name, "histogram", help);
  std::uint64_t cumulative = 0;
  for (std::size_t b = 0; b < kBounds.size(); ++b) {
    cumulative += buckets_[b];
    sample(out, name + "_bucket", "le=\"" + num(kBounds[b]) + "\"", static_cast<double>(cumulative));
  }
  sample(out, name + "_bucket", "le=\"+Inf\"", static_cast<double>(count_));
  sample(out, name + "_sum", "", sum_);
  sample(out, name + "_count", "", static_cast<double>(count_));
}

std::string prometheus_text(LiveRuntime& runtime, const std::vector<RejectedHost>& rejected, const ManagerMetrics& m) {
  std::string out;
  const std::vector<ServiceView> services = runtime.services();
  header(out, "drydock_services", "gauge", "Services the manager runs.");
  sample(out, "drydock_services", "", static_cast<double>(services.size()));
  header(out, "drydock_service_replicas_desired", "gauge", "Replicas a service asks for.");
  for (const ServiceView& s : services)
    sample(out, "drydock_service_replicas_desired", "service=\"" + label(s.service.spec.name) + "\"", s.service.spec.replicas);
  header(out, "drydock_service_replicas_running", "gauge", "Replicas of a service whose container runs.");
  for (const ServiceView& s : services)
    sample(out, "drydock_service_replicas_running", "service=\"" + label(s.service.spec.name) + "\"", s.running);

  std::map<std::pair<std::string, std::string>, int> by_state;
  for (const ReplicaView& r : runtime.replicas()) ++by_state[{r.service, r.state}];
  header(out, "drydock_replicas", "gauge", "Replicas by service and state.");
  for (const auto& [key, n] : by_state)
    sample(out, "drydock_replicas", "service=\"" + label(key.first) + "\",state=\"" + label(key.second) + "\"", n);

  std::map<std::string, int> by_health;
  for (const char* h : {"unknown", "alive", "suspected", "down"}) by_health[h] = 0;  // present at 0: alerts need the series
  for (const HostView& h : runtime.hosts()) ++by_health[h.health];
  if (!rejected.empty()) by_health["invalid"] = static_cast<int>(rejected.size());
  header(out, "drydock_hosts", "gauge", "Hosts by health (invalid: a hosts.yaml entry that could not be used).");
  for (const auto& [health, n] : by_health) sample(out, "drydock_hosts", "health=\"" + label(health) + "\"", n);

  std::map<std::string, std::uint64_t> kinds;
  for (const Event& e : runtime.events()) ++kinds[std::string(to_string(e.kind))];
  const auto counter = [&](const char* name, const char* kind, const char* help) {
    header(out, name, "counter", help);
    sample(out, name, "", static_cast<double>(kinds[kind]));
  };
  counter("drydock_placements_total", "placed", "Replicas placed on a host by the scheduler.");
  counter("drydock_unschedulable_total", "unschedulable", "Placement attempts that found no feasible host.");
  counter("drydock_detector_suspicions_total", "host_suspected", "Hosts the failure detector suspected.");
  counter("drydock_hosts_declared_down_total", "host_declared_down", "Hosts the failure detector declared down.");

  m.reconcile.write(out, "drydock_reconcile_duration_seconds", "Time of one control loop step (decide and dispatch).");
  m.api.write(out, "drydock_api_request_duration_seconds", "Time to answer one API request.");
  return out;
}

}  // namespace drydock::live
