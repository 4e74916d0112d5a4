#include "traces/google_mix.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "traces/google2011.h"

namespace drydock::traces {

namespace {

std::vector<double> quantiles(std::vector<double> v) {
  std::vector<double> q(GoogleMix::kQuantiles, 0.0);
  if (v.empty()) return q;
  std::sort(v.begin(), v.end());
  for (std::size_t i = 0; i < q.size(); ++i) {
    double pos = static_cast<double>(i) / static_cast<double>(q.size() - 1) * static_cast<double>(v.size() - 1);
    std::size_t lo = static_cast<std::size_t>(pos);
    std::size_t hi = std::min(lo + 1, v.size() - 1);
    q[i] = v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
  }
  return q;
}

// Shapes by frequency, most common first; ties broken by value so the order is deterministic.
std::vector<WeightedShape> top_shapes(const std::map<std::pair<double, double>, std::uint64_t>& counts,
                                      std::uint64_t total, std::size_t keep) {
  std::vector<WeightedShape> all;
  for (const auto& [shape, n] : counts)
    all.push_back({shape.first, shape.second, static_cast<double>(n) / static_cast<double>(total)});
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.weight > b.weight; });
  if (all.size() > keep) all.resize(keep);
  return all;
}

struct TaskKey {
  std::int64_t job;
  std::int32_t index;
  bool operator==(const TaskKey&) const = default;
};
struct TaskKeyHash {
  std::size_t operator()(const TaskKey& k) const { return std::hash<std::int64_t>{}(k.job * 1000003 + k.index); }
};

}  // namespace

GoogleMix fit_google_mix(const std::vector<std::string>& machine_files, const std::vector<std::string>& task_files,
                         ParseStats* parse) {
  GoogleMix mix;
  TraceEvent ev;
  // Read in the trace's own units: 1.0 = the largest machine, so the mix is independent of TraceUnits.
  ReaderOptions normalised;
  normalised.units.google_cpu_cores = 1;
  normalised.units.google_memory_mib = 1;
  std::unique_ptr<TraceReader> machines, tasks;
  if (!machine_files.empty()) machines = std::make_unique<GoogleMachineEventsReader>(machine_files, normalised);
  if (!task_files.empty()) tasks = std::make_unique<GoogleTaskEventsReader>(task_files, normalised);

  std::size_t initial_machines = 0;
  if (machines) {
    std::map<std::pair<double, double>, std::uint64_t> shapes;  // ordered: output order is deterministic
    std::uint64_t adds = 0, removes = 0;
    Time first = kNever, last = 0;
    std::unordered_map<std::int64_t, Time> removed_at;  // lookups only
    std::vector<double> downtime;
    std::unordered_map<std::int64_t, bool> known;
    while (machines->next(ev)) {
      if (ev.time > 0 && ev.time != kNever) {
        first = std::min(first, ev.time);
        last = std::max(last, ev.time);
      }
      if (ev.kind == TraceEventKind::kMachineAdd) {
        known[ev.machine_id] = true;
        if (ev.time == 0) ++initial_machines;
        if (ev.resources_known) {
          ++shapes[{ev.resources.cpu, ev.resources.memory_mib}];
          ++adds;
        }
        if (auto it = removed_at.find(ev.machine_id); it != removed_at.end()) {
          downtime.push_back(ev.time - it->second);
          removed_at.erase(it);
        }
      } else if (ev.kind == TraceEventKind::kMachineRemove) {
        ++removes;
        if (ev.time > 0) removed_at[ev.machine_id] = ev.time;
      }
    }
    mix.machine_shapes = top_shapes(shapes, adds, 64);
    double days = last > first ? (last - first) / 86400.0 : 0;
    if (days > 0 && !known.empty())
      mix.machine_removes_per_day = static_cast<double>(removes) / static_cast<double>(known.size()) / days;
    mix.machine_downtime = quantiles(std::move(downtime));
    if (parse) parse->add(machines->stats());
  }

  if (tasks) {
    std::map<std::pair<double, double>, std::uint64_t> shapes;
    std::uint64_t with_request = 0;
    std::vector<double> prio(12, 0), cls(4, 0);
    std::unordered_map<TaskKey, Time, TaskKeyHash> submitted, scheduled;
    std::unordered_map<std::int64_t, std::int32_t> job_tasks;  // jobs first submitted in the window
    std::unordered_map<std::int64_t, bool> job_in_window;
    std::unordered_set<TaskKey, TaskKeyHash> task_seen;
    std::vector<double> delay, duration;
    std::vector<std::pair<double, double>> requests;
    double ends[4] = {0, 0, 0, 0};  // finish, kill, fail, evict
    std::uint64_t new_in_window = 0;
    Time window_first = kNever, window_last = 0;
    while (tasks->next(ev)) {
      TaskKey key{ev.job_id, ev.task_index};
      switch (ev.kind) {
        case TraceEventKind::kTaskSubmit: {
          if (ev.resources_known) {
            ++shapes[{ev.resources.cpu, ev.resources.memory_mib}];
            requests.emplace_back(ev.resources.cpu, ev.resources.memory_mib);
            ++with_request;
          }
          if (ev.priority >= 0 && ev.priority < 12) ++prio[ev.priority];
          if (ev.scheduling_class >= 0 && ev.scheduling_class < 4) ++cls[ev.scheduling_class];
          if (ev.time > 0) submitted[key] = ev.time;
          // Tasks per job: jobs whose first row is inside the window (a job at time 0 may have started
          // long before and be seen only in part), counting each task index once.
          auto it = job_in_window.emplace(ev.job_id, ev.time > 0).first;
          bool first_submit = it->second && task_seen.insert(key).second;
          if (first_submit) {
            ++job_tasks[ev.job_id];
            ++new_in_window;
          }
          if (ev.time > 0 && ev.time != kNever) {
            window_first = std::min(window_first, ev.time);
            window_last = std::max(window_last, ev.time);
          }
          break;
        }
        case TraceEventKind::kTaskSchedule:
          if (auto it = submitted.find(key); it != submitted.end()) {
            delay.push_back(ev.time - it->second);
            submitted.erase(it);
          }
          if (ev.time > 0) scheduled[key] = ev.time;
          break;
        case TraceEventKind::kTaskFinish:
        case TraceEventKind::kTaskKill:
        case TraceEventKind::kTaskFail:
        case TraceEventKind::kTaskEvict: {
          int k = ev.kind == TraceEventKind::kTaskFinish ? 0 : ev.kind == TraceEventKind::kTaskKill ? 1
                : ev.kind == TraceEventKind::kTaskFail ? 2 : 3;
          ends[k] += 1;
          if (auto it = scheduled.find(key); it != scheduled.end()) {
            duration.push_back(ev.time - it->second);
            scheduled.erase(it);
          }
          break;
        }
        default: break;
      }
    }
    mix.task_shapes = top_shapes(shapes, with_request, GoogleMix::kTopShapes);
    // The marginals of the requests the top shapes do not cover.
    std::map<std::pair<double, double>, bool> top;
    for (const auto& s : mix.task_shapes) top[{s.cpu, s.memory}] = true;
    std::vector<double> oc, om;
    for (const auto& r : requests)
      if (!top.count(r)) {
        oc.push_back(r.first);
        om.push_back(r.second);
      }
    mix.other_cpu = quantiles(std::move(oc));
    mix.other_memory = quantiles(std::move(om));
    double tp = 0, tc = 0;
    for (double p : prio) tp += p;
    for (double c : cls) tc += c;
    for (double& p : prio) p = tp > 0 ? p / tp : 0;
    for (double& c : cls) c = tc > 0 ? c / tc : 0;
    mix.priority_weights = prio;
    mix.class_weights = cls;
    std::vector<double> per_job;
    for (const auto& [job, n] : job_tasks) per_job.push_back(n);  // sorted by quantiles(): order-free
    mix.tasks_per_job = quantiles(std::move(per_job));
    mix.schedule_delay = quantiles(std::move(delay));
    mix.duration = quantiles(std::move(duration));
    double te = ends[0] + ends[1] + ends[2] + ends[3];
    if (te > 0) {
      mix.finish = ends[0] / te;
      mix.kill = ends[1] / te;
      mix.fail = ends[2] / te;
      mix.evict = ends[3] / te;
    }
    double hours = window_last > window_first ? (window_last - window_first) / 3600.0 : 0;
    if (hours > 0 && initial_machines > 0)
      mix.submits_per_machine_hour = static_cast<double>(new_in_window) / hours / static_cast<double>(initial_machines);
    if (parse) parse->add(tasks->stats());
  }
  return mix;
}

double sample_quantiles(const std::vector<double>& q, double u) {
  if (q.empty()) return 0;
  double pos = std::clamp(u, 0.0, 1.0) * static_cast<double>(q.size() - 1);
  std::size_t lo = std::min(static_cast<std::size_t>(pos), q.size() - 1);
  std::size_t hi = std::min(lo + 1, q.size() - 1);
  return q[lo] + (q[hi] - q[lo]) * (pos - static_cast<double>(lo));
}

std::size_t sample_weights(const std::vector<double>& w, double u) {
  double total = 0;
  for (double x : w) total += x;
  double target = u * total, acc = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    acc += w[i];
    if (target < acc) return i;
  }
  return w.empty() ? 0 : w.size() - 1;
}

}  // namespace drydock::traces
