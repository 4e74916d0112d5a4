#include "analysis/metrics.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <set>

namespace drydock {
namespace {

// "80->100" -> 100; the desired count after a scaled event.
int scaled_to(const std::string& detail) {
  const auto arrow = detail.find("->");
  return arrow == std::string::npos ? 0 : std::stoi(detail.substr(arrow + 2));
}

struct Allocation {
  std::string host;
  Resources request;
};

}  // namespace

Metrics compute_metrics(const std::vector<Event>& events, const RunInfo& info, PowerProbe* power) {
  Metrics m;
  std::map<std::string, int> desired;
  std::map<std::string, std::string> running;  // replica -> host
  std::map<std::string, int> running_on;       // host -> replicas running
  std::map<std::string, Time> submitted_at;
  std::map<std::string, Allocation> allocations;  // replica -> where its request is reserved
  std::map<std::string, Resources> allocated;     // host -> reserved
  std::set<std::string> up;
  std::set<std::string> partitioned;  // up, but cut off from the manager: suspecting it is right
  std::set<std::string> hung;         // frozen: its containers exist but serve nothing
  std::set<std::size_t> host_back;    // failures whose host is up again (a short hang ends by itself)
  std::vector<double> placement, to_running;
  int desired_total = 0;

  // Cluster sums over the hosts, kept up to date host by host: `touch` takes a host's share out of the
  // sums, applies a change to its state, and puts the new share back. Summing over every host at every
  // instant instead is O(events x hosts): hours for a trace replay of 12,500 machines.
  // Energy, linear power model (kPowerIdle + (kPowerMax - kPowerIdle) x cpu allocated share) per host
  // that is up: watts counting only hosts that run a replica (empty hosts switched off, as a
  // consolidating cluster would) and counting every host that is up.
  Resources capacity_up, allocated_up;
  double watts_all_up = 0, watts_in_use = 0;
  int hosts_in_use = 0;
  Time last = events.empty() ? 0 : events.front().time;  // the instant integrated up to
  // Each probed host's own energy, closed at every change of its power: O(1) per change.
  struct HostMeter {
    double watts = 0, joules = 0;
    Time since = 0;
  };
  std::map<std::string, HostMeter> meters;
  if (power)
    for (const auto& h : power->hosts) meters[h];
  auto share_of = [&](const std::string& h, double sign) {
    const bool is_up = up.count(h) > 0;
    const int on_host = running_on.count(h) ? running_on.at(h) : 0;
    hosts_in_use += sign > 0 ? (on_host > 0) : -(on_host > 0);
    double watts = 0;  // this host's draw; 0 while down
    if (is_up) {
      const Resources alloc = allocated.count(h) ? allocated.at(h) : Resources{};
      allocated_up += alloc * sign;
      auto it = info.hosts.find(h);
      if (it != info.hosts.end()) {
        capacity_up += it->second * sign;
        if (it->second.cpu > 0) {
          const double share = std::min(1.0, std::max(0.0, alloc.cpu / it->second.cpu));
          watts = kPowerIdleWatts + (kPowerMaxWatts - kPowerIdleWatts) * share;
          watts_all_up += sign * watts;
          if (on_host > 0) watts_in_use += sign * watts;
        }
      }
    }
    if (auto m = meters.find(h); m != meters.end()) {
      if (sign < 0) m->second.joules += m->second.watts * (last - m->second.since);
      else m->second.watts = watts;
      m->second.since = last;
    }
  };
  auto touch = [&](const std::string& h, auto&& change) {
    share_of(h, -1);
    change();
    share_of(h, +1);
  };
  auto release = [&](const std::string& replica) {
    auto it = allocations.find(replica);
    if (it == allocations.end()) return;
    touch(it->second.host, [&] { allocated[it->second.host] -= it->second.request; });
    allocations.erase(it);
  };

  // Replicas doing work: running, and not on a hung host.
  auto serving = [&] {
    int n = static_cast<int>(running.size());
    for (const auto& h : hung) n -= running_on[h];
    return n;
  };

  double cpu_area = 0, mem_area = 0, covered = 0;
  double joules_in_use = 0, joules_all_up = 0;
  auto add_energy = [&](double dt) {
    joules_all_up += std::max(0.0, watts_all_up) * dt;
    joules_in_use += std::max(0.0, watts_in_use) * dt;
  };
  // The probe's rows for its sample times up to `limit` (included or not), from the state after every
  // event at or before each time: the energy integrated so far plus the current draw since `last`.
  std::size_t next_probe = 0;
  auto report = [&](Time limit, bool through) {
    if (!power) return;
    for (; next_probe < power->at.size(); ++next_probe) {
      const Time t = power->at[next_probe];
      if (t > limit || (t == limit && !through)) break;
      const double span = std::max(0.0, t - last);
      auto add = [&](const char* scope, const std::string& name, const char* metric, double value) {
        power->rows.push_back({t, scope, name, metric, value});
      };
      add("cluster", "all", "power_w", std::max(0.0, watts_in_use));
      add("cluster", "all", "power_w_all_up", std::max(0.0, watts_all_up));
      add("cluster", "all", "energy_kwh", (joules_in_use + std::max(0.0, watts_in_use) * span) / 3.6e6);
      add("cluster", "all", "energy_kwh_all_up", (joules_all_up + std::max(0.0, watts_all_up) * span) / 3.6e6);
      for (const auto& h : power->hosts) {
        const HostMeter& m = meters.at(h);
        add("host", h, "power_w", m.watts);
        add("host", h, "energy_kwh", (m.joules + m.watts * std::max(0.0, t - m.since)) / 3.6e6);
      }
    }
  };
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    report(e.time, false);  // samples before this instant see the state that held until it
    // Integrate what held since the previous event, before applying this one.
    const double dt = e.time - last;
    if (dt > 0) {
      const int missing = std::max(0, desired_total - serving());
      for (auto& f : m.failures)
        if (!f.recovered_at) f.replica_seconds_lost += f.missing_of(missing) * dt;
      if (capacity_up.cpu > 0) cpu_area += dt * allocated_up.cpu / capacity_up.cpu;
      if (capacity_up.memory_mib > 0) mem_area += dt * allocated_up.memory_mib / capacity_up.memory_mib;
      add_energy(dt);
      covered += dt;
      last = e.time;
    }

    switch (e.kind) {
      case EventKind::kScaled: {
        const int to = scaled_to(e.detail);
        desired_total += to - desired[e.service];
        desired[e.service] = to;
        break;
      }
      case EventKind::kSubmitted:
        ++m.submitted;
        submitted_at[e.replica] = e.time;
        break;
      case EventKind::kPlaced: {
        ++m.placed;
        if (auto it = submitted_at.find(e.replica); it != submitted_at.end()) placement.push_back(e.time - it->second);
        Resources request;
        if (auto it = info.services.find(e.service); it != info.services.end()) request = it->second;
        release(e.replica);
        allocations[e.replica] = {e.host, request};
        touch(e.host, [&] { allocated[e.host] += request; });
        break;
      }
      case EventKind::kUnschedulable: ++m.unschedulable; break;
      case EventKind::kCompleted:
        // Done for good (a batch task): no longer wanted running, as the control plane counts it.
        ++m.completed;
        if (desired_total > 0) --desired_total;
        break;
      case EventKind::kStarted:
        ++m.started;
        running[e.replica] = e.host;
        touch(e.host, [&] { ++running_on[e.host]; });
        if (auto it = submitted_at.find(e.replica); it != submitted_at.end()) to_running.push_back(e.time - it->second);
        break;
      case EventKind::kStopped:
      case EventKind::kExited:
        (e.kind == EventKind::kStopped ? m.stopped : m.exited)++;
        if (running.erase(e.replica) > 0) touch(e.host, [&] { --running_on[e.host]; });
        release(e.replica);
        if (e.kind == EventKind::kExited && e.detail == "host failed")
          for (auto& f : m.failures)
            if (f.host == e.host && !f.recovered_at) ++f.replicas_lost;
        break;
      case EventKind::kRemoved:
        ++m.removed;
        release(e.replica);
        break;
      case EventKind::kHostAdded:  // powered on: it draws power while it boots
        ++m.hosts_added;
        touch(e.host, [&] { up.insert(e.host); });
        break;
      case EventKind::kHostRemoved:
        ++m.hosts_removed;
        touch(e.host, [&] { up.erase(e.host); });
        break;
      case EventKind::kHostJoined:
      case EventKind::kHostRecovered:
        touch(e.host, [&] { up.insert(e.host); });
        hung.erase(e.host);
        for (std::size_t k = 0; k < m.failures.size(); ++k)
          if (m.failures[k].host == e.host) host_back.insert(k);
        break;
      case EventKind::kHostFailed:
        touch(e.host, [&] { up.erase(e.host); });
        m.failures.push_back({e.host, e.time, std::nullopt, {}, 0, std::nullopt, 0, std::max(0, desired_total - serving())});
        // A hung host's containers do not exit, but they are lost to the service just the same.
        if (e.detail == "hang") {
          hung.insert(e.host);
          m.failures.back().replicas_lost = running_on[e.host];
        }
        break;
      case EventKind::kFault:
        if (e.detail == "partition") ++m.partitions, partitioned.insert(e.host);
        if (e.detail == "partition_heal") partitioned.erase(e.host);
        if (e.detail.rfind("heartbeat_delay", 0) == 0) ++m.heartbeat_delays;
        if (e.detail == "container_crash") ++m.container_crashes;
        break;
      case EventKind::kHostSuspected:
      case EventKind::kHostDeclaredDown:
        if (up.count(e.host) && !partitioned.count(e.host)) {
          ++m.false_suspicions;
          if (e.kind == EventKind::kHostDeclaredDown) ++m.false_downs;
        } else if (e.kind == EventKind::kHostDeclaredDown) {
          for (auto& f : m.failures)
            if (f.host == e.host && !f.detected_at) {
              f.detected_at = e.time;
              f.detected_by = e.detail;
            }
        }
        break;
      default: break;
    }

    // Judge the state only once every event of this instant is in: a crash and the exits it causes
    // share one timestamp, and the state between them is not real.
    if (i + 1 < events.size() && events[i + 1].time == e.time) continue;
    m.hosts_in_use_max = std::max(m.hosts_in_use_max, hosts_in_use);
    m.hosts_up_max = std::max(m.hosts_up_max, static_cast<int>(up.size()));
    const bool whole = desired_total > 0 && serving() >= desired_total;
    if (whole && !m.all_running_at) m.all_running_at = e.time;
    // A failure is over once its loss was detected and replaced (or nothing was lost).
    for (std::size_t k = 0; k < m.failures.size(); ++k) {
      auto& f = m.failures[k];
      if (!f.recovered_at && whole && (f.replicas_lost == 0 || f.detected_at || host_back.count(k))) f.recovered_at = e.time;
    }
  }
  // The tail from the last event to the end of the run.
  report(info.duration, true);
  if (info.duration > last) {
    const double dt = info.duration - last;
    const int missing = std::max(0, desired_total - serving());
    for (auto& f : m.failures)
      if (!f.recovered_at) f.replica_seconds_lost += f.missing_of(missing) * dt;
    if (capacity_up.cpu > 0) cpu_area += dt * allocated_up.cpu / capacity_up.cpu;
    if (capacity_up.memory_mib > 0) mem_area += dt * allocated_up.memory_mib / capacity_up.memory_mib;
    add_energy(dt);
    covered += dt;
    last = info.duration;
  }
  report(kNever, true);  // samples past the end (none in a well-formed run)
  m.energy_kwh = joules_in_use / 3.6e6;
  m.energy_kwh_all_up = joules_all_up / 3.6e6;

  std::vector<double> detection;
  for (const auto& f : m.failures) {
    if (f.detected_at) detection.push_back(*f.detected_at - f.failed_at);
    else ++m.undetected_failures;
  }
  m.detection_time = percentiles(detection);
  m.placement_latency = percentiles(placement);
  m.time_to_running = percentiles(to_running);
  m.churn = m.started + m.stopped;
  for (const auto& [h, n] : running_on) m.hosts_in_use_end += n > 0;
  m.replicas_running_end = static_cast<int>(running.size());
  m.replicas_desired_end = desired_total;
  // Summed afresh for the end figures, free of the running sums' rounding.
  Resources cap, alloc;
  for (const auto& h : up) {
    if (auto it = info.hosts.find(h); it != info.hosts.end()) cap += it->second;
    if (auto it = allocated.find(h); it != allocated.end()) alloc += it->second;
  }
  m.cpu_allocated_end = cap.cpu > 0 ? alloc.cpu / cap.cpu : 0;
  m.memory_allocated_end = cap.memory_mib > 0 ? alloc.memory_mib / cap.memory_mib : 0;
  m.cpu_allocated_mean = covered > 0 ? cpu_area / covered : 0;
  m.memory_allocated_mean = covered > 0 ? mem_area / covered : 0;

  // Imbalance and fragmentation over the hosts up at the end.
  std::vector<double> shares;
  std::string typical;
  for (const auto& [s, n] : desired)
    if (typical.empty() || n > desired[typical]) typical = s;
  const Resources typical_request = typical.empty() ? Resources{} : info.services.count(typical) ? info.services.at(typical) : Resources{};
  double free_cpu = 0, stranded_cpu = 0;
  for (const auto& h : up) {
    auto it = info.hosts.find(h);
    if (it == info.hosts.end() || it->second.cpu <= 0) continue;
    shares.push_back(allocated[h].cpu / it->second.cpu);
    const Resources free = it->second - allocated[h];
    free_cpu += std::max(0.0, free.cpu);
    if (!free.fits(typical_request)) stranded_cpu += std::max(0.0, free.cpu);
  }
  if (!shares.empty()) {
    double mean = 0, var = 0;
    for (double s : shares) mean += s;
    mean /= static_cast<double>(shares.size());
    for (double s : shares) var += (s - mean) * (s - mean);
    var /= static_cast<double>(shares.size());
    m.imbalance_cv_end = mean > 0 ? std::sqrt(var) / mean : 0;
  }
  m.fragmentation_end = free_cpu > 0 ? stranded_cpu / free_cpu : 0;
  return m;
}

void add_load_metrics(Metrics& m, const std::vector<Sample>& samples) {
  struct Acc {
    double requests = 0, dropped = 0, last_t = 0, last_rate = 0, last_drop = 0;
    bool started = false;
    std::vector<double> p50, p99;
    int slo_samples = 0, violated = 0, samples = 0;
  };
  std::map<std::string, Acc> acc;
  for (const Sample& s : samples) {
    if (s.scope != "service") continue;
    if (s.metric == "request_rate") {
      Acc& a = acc[s.name];
      if (a.started) {
        a.requests += a.last_rate * (s.time - a.last_t);
        a.dropped += a.last_drop * (s.time - a.last_t);
      }
      a.started = true;
      a.last_t = s.time;
      a.last_rate = s.value;
      ++a.samples;
    } else if (s.metric == "dropped_rate") {
      acc[s.name].last_drop = s.value;
    } else if (s.metric == "latency_p50") {
      acc[s.name].p50.push_back(s.value);
    } else if (s.metric == "latency_p99") {
      acc[s.name].p99.push_back(s.value);
    } else if (s.metric == "slo_violated") {
      Acc& a = acc[s.name];
      ++a.slo_samples;
      a.violated += s.value > 0;
    }
  }
  for (auto& [name, a] : acc) {
    ServiceLoadMetrics& l = m.load[name];
    l.requests = a.requests;
    l.dropped = a.dropped;
    l.dropped_fraction = a.requests > 0 ? a.dropped / a.requests : 0;
    l.latency_p50 = percentiles(a.p50);
    l.latency_p99 = percentiles(a.p99);
    l.slo_violation_fraction = a.slo_samples > 0 ? static_cast<double>(a.violated) / a.slo_samples : 0;
    l.samples = a.samples;
  }
}

}  // namespace drydock

namespace drydock {

Metrics compute_metrics_and_power(const std::vector<Event>& events, const RunInfo& info, std::vector<Sample>& samples) {
  PowerProbe probe;
  std::set<std::string> seen;
  for (const Sample& s : samples) {
    if (s.scope == "cluster" && (probe.at.empty() || s.time > probe.at.back())) probe.at.push_back(s.time);
    if (s.scope == "host" && seen.insert(s.name).second) probe.hosts.push_back(s.name);
  }
  Metrics metrics = compute_metrics(events, info, &probe);
  // Each time's power rows right after that time's other rows (both are in time order).
  std::vector<Sample> merged;
  merged.reserve(samples.size() + probe.rows.size());
  std::merge(samples.begin(), samples.end(), probe.rows.begin(), probe.rows.end(), std::back_inserter(merged),
             [](const Sample& a, const Sample& b) { return a.time < b.time; });
  samples = std::move(merged);
  return metrics;
}

}  // namespace drydock
