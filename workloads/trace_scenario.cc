#include "workloads/trace_scenario.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace drydock {
namespace {

using traces::TraceEvent;
using traces::TraceEventKind;

struct Task {
  Time submit = -1, schedule = -1, end = -1;  // trace times; -1 = not seen
  Resources request;
  int count = 1;  // identical instances this task stands for (SWF processors, Alibaba instance_num)
  bool request_known = false;
  bool resubmitted = false;
};

struct Machine {
  std::size_t index = 0;
  bool on = false;
};

}  // namespace

Scenario scenario_from_trace(traces::TraceReader& reader, const TraceReplayOptions& options,
                             TraceReplayFacts& facts) {
  Scenario s;
  s.name = options.name;
  s.file = options.name;
  s.policy = "spread";
  s.start_interval = 0;  // a trace's tasks start when the trace says; no daemon queue is modelled
  std::map<std::int64_t, Machine> machines;
  std::map<std::pair<std::int64_t, std::int32_t>, Task> tasks;  // ordered: reproducible output
  Time last = options.from;
  Time last_task = -1;  // the machine table often spans far longer than the task shards read with it
  std::vector<Time> first_added;  // per host, in order: trace time of its first add
  std::vector<Time> removed_at, updated_at;  // counted once the window's end is known
  const auto sim_time = [&](Time t) { return std::max<Time>(0, t - options.from); };

  TraceEvent ev;
  while (reader.next(ev)) {
    if (ev.time > options.to || ev.time == kNever) break;
    last = std::max(last, ev.time);
    const bool machine_event = ev.kind == TraceEventKind::kMachineAdd || ev.kind == TraceEventKind::kMachineRemove ||
                               ev.kind == TraceEventKind::kMachineUpdate;
    if (!machine_event) last_task = std::max(last_task, ev.time);
    switch (ev.kind) {
      case TraceEventKind::kMachineAdd: {
        auto [it, fresh] = machines.try_emplace(ev.machine_id);
        Machine& m = it->second;
        if (fresh) {
          m.index = s.hosts.size();
          HostSpec host;
          host.name = "m" + std::to_string(ev.machine_id);
          host.capacity = ev.resources_known ? ev.resources : options.default_machine;
          s.hosts.push_back(host);
          s.host_off_at_start.push_back(ev.time <= options.from ? 0 : 1);
          first_added.push_back(ev.time);
        } else if (m.on) {
          break;  // a repeated add of a machine that is up: nothing changes
        }
        if (ev.time <= options.from) {
          s.host_off_at_start[m.index] = 0;
        } else {
          s.faults.push_back({sim_time(ev.time), FaultSpec::Kind::kHostRecover, s.hosts[m.index].name});
        }
        m.on = true;
        break;
      }
      case TraceEventKind::kMachineRemove: {
        auto it = machines.find(ev.machine_id);
        if (it == machines.end() || !it->second.on) break;
        removed_at.push_back(ev.time);
        it->second.on = false;
        if (ev.time <= options.from)
          s.host_off_at_start[it->second.index] = 1;
        else
          s.faults.push_back({sim_time(ev.time), FaultSpec::Kind::kHostCrash, s.hosts[it->second.index].name});
        break;
      }
      case TraceEventKind::kMachineUpdate: updated_at.push_back(ev.time); break;
      case TraceEventKind::kTaskSubmit: {
        Task& t = tasks[{ev.job_id, ev.task_index}];
        if (t.submit >= 0) {
          t.resubmitted = true;  // one run per task: see the header
          break;
        }
        t.submit = ev.time;
        t.count = std::max(1, ev.count);
        if (ev.resources_known) {
          t.request = ev.resources;
          t.request_known = true;
        }
        break;
      }
      case TraceEventKind::kTaskSchedule: {
        auto it = tasks.find({ev.job_id, ev.task_index});
        if (it == tasks.end() || it->second.schedule >= 0) break;
        it->second.schedule = ev.time;
        if (!it->second.request_known && ev.resources_known) {
          it->second.request = ev.resources;
          it->second.request_known = true;
        }
        break;
      }
      case TraceEventKind::kTaskEvict:
      case TraceEventKind::kTaskFail:
      case TraceEventKind::kTaskFinish:
      case TraceEventKind::kTaskKill:
      case TraceEventKind::kTaskLost: {
        auto it = tasks.find({ev.job_id, ev.task_index});
        if (it != tasks.end() && it->second.schedule >= 0 && it->second.end < 0) it->second.end = ev.time;
        break;
      }
      default: break;
    }
  }
  // With no end given, the window closes with the last task event (or the last event of a machines-only
  // trace): replaying weeks of machine churn after the tasks are over measures nothing.
  const Time window_end = options.to != kNever ? options.to : last_task >= options.from ? last_task : last;
  facts.window_end = sim_time(window_end);
  s.duration = std::max<Time>(facts.window_end, 1.0);
  // Machines first added after the window and machine events past it play no part: hosts are numbered
  // in order of first add, so the ones to leave out are a suffix.
  const auto kept = static_cast<std::size_t>(
      std::upper_bound(first_added.begin(), first_added.end(), window_end) - first_added.begin());
  s.hosts.resize(kept);
  s.host_off_at_start.resize(kept);
  facts.machines = kept;
  const auto within = [&](const std::vector<Time>& times) {
    return static_cast<std::uint64_t>(std::upper_bound(times.begin(), times.end(), window_end) - times.begin());
  };
  facts.machine_removes = within(removed_at);
  facts.machine_updates = within(updated_at);
  std::erase_if(s.faults, [&](const FaultSpec& f) { return f.at > s.duration; });

  // Tasks in submit order become replicas of their (job, request) service.
  struct Replay {
    Time at;
    std::int64_t job;
    std::int32_t index;
    const Task* task;
  };
  std::vector<Replay> order;
  for (const auto& [key, t] : tasks) {
    if (t.resubmitted) ++facts.resubmissions_ignored;
    if (t.end >= 0 && t.end < options.from) continue;  // over before the window
    facts.tasks_submitted += t.count;
    if (t.schedule < 0) {
      facts.tasks_never_scheduled += t.count;
      continue;
    }
    facts.tasks_scheduled += t.count;
    if (!t.request_known) facts.tasks_without_request += t.count;
    if (t.submit > 0 && t.submit >= options.from)
      facts.trace_queueing_delay.insert(facts.trace_queueing_delay.end(), t.count, t.schedule - t.submit);
    order.push_back({sim_time(t.submit), key.first, key.second, &t});
  }
  std::stable_sort(order.begin(), order.end(), [](const Replay& a, const Replay& b) {
    return std::tie(a.at, a.job, a.index) < std::tie(b.at, b.job, b.index);
  });

  std::map<std::tuple<std::int64_t, double, double, double>, std::size_t> service_of;  // (job, request)
  std::map<std::int64_t, int> variants;  // services already made for a job
  std::vector<int> desired;
  for (const Replay& r : order) {
    const Resources& req = r.task->request;
    auto [it, fresh] = service_of.try_emplace({r.job, req.cpu, req.memory_mib, req.gpu}, s.services.size());
    if (fresh) {
      ServiceSpec spec;
      const int variant = variants[r.job]++;
      spec.name = "job" + std::to_string(r.job) + (variant == 0 ? "" : "-" + std::to_string(variant));
      spec.image = spec.name;
      spec.request = req;
      spec.restart.condition = RestartPolicy::Condition::kOnFailure;
      spec.restart.delay = 0;
      spec.run_time = 0;  // finite: the simulator takes each replica's own time from run_times
      s.services.push_back(spec);
      s.start_latency[spec.name] = 0;  // a trace models no daemons: no start latency, no start queue
      desired.push_back(0);
    }
    const std::size_t svc = it->second;
    const std::string& name = s.services[svc].name;
    const Time begin = std::max(r.task->schedule, options.from);
    const Time end = r.task->end >= 0 ? r.task->end : window_end;
    s.run_times[name].insert(s.run_times[name].end(), r.task->count, std::max<Time>(0, end - begin));
    desired[svc] += r.task->count;
    // Submits of one service at one instant become one change.
    if (!s.changes.empty() && s.changes.back().service == name && s.changes.back().at == r.at)
      s.changes.back().replicas = desired[svc];
    else
      s.changes.push_back({r.at, name, desired[svc]});
  }
  if (s.hosts.empty()) throw ScenarioError(options.name + ": the trace window holds no machine");
  return s;
}

}  // namespace drydock
