#include "analysis/results.h"

#include "analysis/code_version.h"
#include "model/variant.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#ifndef DRYDOCK_VERSION
#define DRYDOCK_VERSION "unknown"
#endif

namespace drydock {
namespace {

// Times are written with microsecond precision: enough for any latency we model, and stable text.
std::string format_time(double t) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", t);
  return buf;
}

// Splits one CSV line with RFC 4180 quoting. Returns false on an unterminated quote.
bool split_csv(const std::string& line, std::vector<std::string>& fields) {
  fields.assign(1, "");
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return !quoted;
}

std::ofstream open_out(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw ResultsError(path + ": cannot write");
  return out;
}

nlohmann::json percentiles_json(const Percentiles& p) {
  return {{"count", p.count}, {"p50", p.p50}, {"p95", p.p95}, {"p99", p.p99}, {"max", p.max}, {"mean", p.mean}};
}

nlohmann::json resources_json(const Resources& r) {
  return {{"cpu", r.cpu}, {"memory_mib", r.memory_mib}, {"gpu", r.gpu}};
}

template <typename T>
nlohmann::json optional_json(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void write_events_csv(const std::string& path, const std::vector<Event>& events) {
  std::ofstream out = open_out(path);
  out << "time,kind,service,replica,host,detail\n";
  for (const Event& e : events)
    out << format_time(e.time) << ',' << to_string(e.kind) << ',' << csv_field(e.service) << ','
        << csv_field(e.replica) << ',' << csv_field(e.host) << ',' << csv_field(e.detail) << '\n';
}

void write_timeseries_csv(const std::string& path, const std::vector<Sample>& samples) {
  std::ofstream out = open_out(path);
  out << "time,scope,name,metric,value\n";
  char value[64];
  for (const Sample& s : samples) {
    std::snprintf(value, sizeof value, "%.6g", s.value);
    out << format_time(s.time) << ',' << s.scope << ',' << csv_field(s.name) << ',' << s.metric << ',' << value << '\n';
  }
}

std::vector<Event> read_events_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ResultsError(path + ": cannot open events file");
  std::vector<Event> events;
  std::string line;
  std::vector<std::string> f;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1) {
      if (line != "time,kind,service,replica,host,detail")
        throw ResultsError(path + ":1: not an events.csv header: '" + line + "'");
      continue;
    }
    if (line.empty()) continue;
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    if (!split_csv(line, f)) throw ResultsError(where + "unterminated quote");
    if (f.size() != 6) throw ResultsError(where + "expected 6 fields, found " + std::to_string(f.size()));
    Event e;
    try {
      std::size_t used = 0;
      e.time = std::stod(f[0], &used);
      if (used != f[0].size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      throw ResultsError(where + "time: not a number: '" + f[0] + "'");
    }
    auto kind = parse_event_kind(f[1]);
    if (!kind) throw ResultsError(where + "kind: unknown event kind '" + f[1] + "'");
    e.kind = *kind;
    e.service = f[2];
    e.replica = f[3];
    e.host = f[4];
    e.detail = f[5];
    events.push_back(std::move(e));
  }
  return events;
}

nlohmann::json summary_json(const RunInfo& info, const Metrics& m) {
  nlohmann::json failures = nlohmann::json::array();
  for (const auto& f : m.failures) {
    failures.push_back({
        {"host", f.host},
        {"failed_at", f.failed_at},
        {"detected_at", optional_json(f.detected_at)},
        {"detection_time", f.detected_at ? nlohmann::json(*f.detected_at - f.failed_at) : nlohmann::json(nullptr)},
        {"detected_by", f.detected_by},
        {"replicas_lost", f.replicas_lost},
        {"recovered_at", optional_json(f.recovered_at)},
        {"recovery_time", f.recovered_at ? nlohmann::json(*f.recovered_at - f.failed_at) : nlohmann::json(nullptr)},
        {"replica_seconds_lost", f.replica_seconds_lost},
    });
  }
  nlohmann::json load = nlohmann::json::object();
  for (const auto& [name, l] : m.load)
    load[name] = {{"requests", l.requests},
                  {"dropped", l.dropped},
                  {"dropped_fraction", l.dropped_fraction},
                  {"latency_p50", percentiles_json(l.latency_p50)},
                  {"latency_p99", percentiles_json(l.latency_p99)},
                  {"slo_violation_fraction", l.slo_violation_fraction},
                  {"samples", l.samples}};
  nlohmann::json hosts = nlohmann::json::object(), services = nlohmann::json::object();
  for (const auto& [name, r] : info.hosts) hosts[name] = resources_json(r);
  for (const auto& [name, r] : info.services) services[name] = resources_json(r);
  nlohmann::json out = {
      {"scenario", info.scenario},
      {"runtime", info.runtime},
      {"policy", info.policy},
      {"seed", info.seed},
      {"duration", info.duration},
      {"code_version", code_version()},
      {"detector", info.detector},
      {"inventory", {{"hosts", hosts}, {"services", services}}},
      {"metrics",
       {
           {"all_running_at", optional_json(m.all_running_at)},
           {"placement_latency", percentiles_json(m.placement_latency)},
           {"time_to_running", percentiles_json(m.time_to_running)},
           {"failures", failures},
           {"false_suspicions", m.false_suspicions},
           {"false_downs", m.false_downs},
           {"detection_time", percentiles_json(m.detection_time)},
           {"undetected_failures", m.undetected_failures},
           {"injected", {{"heartbeat_delays", m.heartbeat_delays}, {"partitions", m.partitions},
                         {"container_crashes", m.container_crashes}}},
           {"unschedulable", m.unschedulable},
           {"completed", m.completed},
           {"submitted", m.submitted},
           {"placed", m.placed},
           {"started", m.started},
           {"stopped", m.stopped},
           {"exited", m.exited},
           {"removed", m.removed},
           {"churn", m.churn},
           {"hosts_in_use_end", m.hosts_in_use_end},
           {"hosts_in_use_max", m.hosts_in_use_max},
           {"hosts_up_max", m.hosts_up_max},
           {"hosts_added", m.hosts_added},
           {"hosts_removed", m.hosts_removed},
           {"cpu_allocated_end", m.cpu_allocated_end},
           {"memory_allocated_end", m.memory_allocated_end},
           {"cpu_allocated_mean", m.cpu_allocated_mean},
           {"memory_allocated_mean", m.memory_allocated_mean},
           {"imbalance_cv_end", m.imbalance_cv_end},
           {"fragmentation_end", m.fragmentation_end},
           {"replicas_running_end", m.replicas_running_end},
           {"replicas_desired_end", m.replicas_desired_end},
           {"energy_kwh", m.energy_kwh},
           {"energy_kwh_all_up", m.energy_kwh_all_up},
       }},
  };
  // A policy run with parameters is a variant: its label names it in every table (written only then,
  // so the results of default-parameter runs stay as they were).
  if (!info.policy_params.empty()) {
    out["policy_params"] = info.policy_params;
    out["variant"] = Variant{info.policy, info.policy_params}.label();
  }

  if (!m.load.empty()) out["metrics"]["load"] = load;  // only services with a load model have one
  return out;
}

void write_json(const std::string& path, const nlohmann::json& json) {
  std::ofstream out = open_out(path);
  out << json.dump(2) << '\n';
}

RunInfo run_info_from_summary(const nlohmann::json& s) {
  RunInfo info;
  info.scenario = s.at("scenario").get<std::string>();
  info.runtime = s.at("runtime").get<std::string>();
  info.policy = s.at("policy").get<std::string>();
  if (s.contains("policy_params")) info.policy_params = s.at("policy_params").get<std::map<std::string, std::string>>();
  info.seed = s.at("seed").get<std::uint64_t>();
  info.duration = s.at("duration").get<double>();
  info.detector = s.value("detector", "");
  auto resources = [](const nlohmann::json& j) {
    return Resources{j.at("cpu").get<double>(), j.at("memory_mib").get<double>(), j.value("gpu", 0.0)};
  };
  for (const auto& [name, r] : s.at("inventory").at("hosts").items()) info.hosts[name] = resources(r);
  for (const auto& [name, r] : s.at("inventory").at("services").items()) info.services[name] = resources(r);
  return info;
}

std::string format_summary(const RunInfo& info, const Metrics& m) {
  std::ostringstream out;
  char line[256];
  auto put = [&](const char* fmt, auto... args) {
    std::snprintf(line, sizeof line, fmt, args...);
    out << line << '\n';
  };
  put("%s  (%s, policy %s, seed %llu, %zu hosts, %.0f s)", info.scenario.c_str(), info.runtime.c_str(),
      Variant{info.policy, info.policy_params}.label().c_str(), static_cast<unsigned long long>(info.seed),
      info.hosts.size(), info.duration);
  if (m.all_running_at)
    put("  all replicas running      at %.2f s", *m.all_running_at);
  else
    put("  all replicas running      never (%d of %d at the end)", m.replicas_running_end, m.replicas_desired_end);
  put("  placement latency         p50 %.4f s  p95 %.4f s  p99 %.4f s  (%zu placements)", m.placement_latency.p50,
      m.placement_latency.p95, m.placement_latency.p99, m.placement_latency.count);
  put("  time to running           p50 %.2f s  p95 %.2f s  p99 %.2f s", m.time_to_running.p50, m.time_to_running.p95,
      m.time_to_running.p99);
  for (const auto& f : m.failures) {
    put("  %-25s at %.2f s, %d replicas lost", ("host " + f.host + " failed").c_str(), f.failed_at, f.replicas_lost);
    if (f.detected_at)
      put("    declared down           at %.2f s (+%.2f s) by %s", *f.detected_at, *f.detected_at - f.failed_at,
          f.detected_by.c_str());
    else
      put("    declared down           never");
    if (f.recovered_at)
      put("    replicas running again  at %.2f s (+%.2f s), %.1f replica-seconds lost", *f.recovered_at,
          *f.recovered_at - f.failed_at, f.replica_seconds_lost);
    else
      put("    replicas running again  never, %.1f replica-seconds lost", f.replica_seconds_lost);
  }
  put("  replicas at the end       %d running of %d desired", m.replicas_running_end, m.replicas_desired_end);
  put("  hosts in use              %d at the end, %d at most", m.hosts_in_use_end, m.hosts_in_use_max);
  if (m.hosts_added + m.hosts_removed > 0)
    put("  cluster autoscaler        %d hosts added, %d removed, %d powered at most", m.hosts_added, m.hosts_removed,
        m.hosts_up_max);
  put("  allocated                 cpu %.1f%%  memory %.1f%% at the end (mean %.1f%% / %.1f%%)",
      100 * m.cpu_allocated_end, 100 * m.memory_allocated_end, 100 * m.cpu_allocated_mean, 100 * m.memory_allocated_mean);
  put("  imbalance (cv of cpu)     %.3f    fragmentation %.1f%%", m.imbalance_cv_end, 100 * m.fragmentation_end);
  put("  energy                    %.2f kWh on hosts in use (%.2f kWh with every host up on)", m.energy_kwh,
      m.energy_kwh_all_up);
  put("  false suspicions          %d    unschedulable %d    churn %d (starts + stops)", m.false_suspicions,
      m.unschedulable, m.churn);
  // Runs with several failures or injected faults (fault models, detector studies) get a digest.
  if (m.failures.size() > 1 || m.false_downs > 0 || m.heartbeat_delays + m.partitions + m.container_crashes > 0) {
    put("  detection time            mean %.2f s  p50 %.2f s  max %.2f s  (%zu detected, %d not)", m.detection_time.mean,
        m.detection_time.p50, m.detection_time.max, m.detection_time.count, m.undetected_failures);
    put("  false downs               %d    injected: %d heartbeat delays, %d partitions, %d container crashes",
        m.false_downs, m.heartbeat_delays, m.partitions, m.container_crashes);
  }
  for (const auto& [name, l] : m.load)
    put("  load %-20s %.0f requests, %.3f%% dropped, p99 %.0f ms (median sample), SLO violated in %.1f%% of samples",
        name.c_str(), l.requests, 100 * l.dropped_fraction, 1000 * l.latency_p99.p50, 100 * l.slo_violation_fraction);
  return out.str();
}

void write_results(const std::string& dir, const RunInfo& info, const std::vector<Event>& events,
                   const std::vector<Sample>& samples, const Metrics& metrics) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw ResultsError(dir + ": cannot create results directory: " + ec.message());
  write_events_csv(dir + "/events.csv", events);
  write_timeseries_csv(dir + "/timeseries.csv", samples);
  write_json(dir + "/summary.json", summary_json(info, metrics));
}

}  // namespace drydock
