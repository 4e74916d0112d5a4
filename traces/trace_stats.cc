#include "traces/trace_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

namespace drydock::traces {

void Distribution::add(double v) {
  if (count_ == 0) min_ = max_ = v;
  min_ = std::min(min_, v);
  max_ = std::max(max_, v);
  sum_ += v;
  ++count_;
  sorted_ = false;
  if (kept_.size() < kMaxKept) {
    kept_.push_back(v);
    return;
  }
  // Reservoir sampling (Algorithm R) with splitmix64: the same trace always keeps the same sample.
  rng_ += 0x9E3779B97F4A7C15ull;
  std::uint64_t z = rng_;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  std::uint64_t slot = z % count_;
  if (slot < kMaxKept) kept_[slot] = v;
}

double Distribution::quantile(double q) const {
  if (kept_.empty()) return 0;
  if (!sorted_) {
    std::sort(kept_.begin(), kept_.end());
    sorted_ = true;
  }
  q = std::clamp(q, 0.0, 1.0);
  std::size_t rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(kept_.size())));
  return kept_[rank == 0 ? 0 : rank - 1];
}

void TraceStats::add(const TraceEvent& ev) {
  ++events;
  ++by_kind[static_cast<std::size_t>(ev.kind)];
  if (ev.time == 0) ++at_time_zero;
  else if (ev.time == kNever) ++after_window;
  else {
    first = std::min(first, ev.time);
    last = std::max(last, ev.time);
    if (!is_machine_event(ev.kind)) {
      task_first = std::min(task_first, ev.time);
      task_last = std::max(task_last, ev.time);
    }
  }
  // Machines named by task events count too: a task_events table alone still says how many it used.
  if (ev.machine_id >= 0) machines.insert(ev.machine_id);
  if (is_machine_event(ev.kind)) {
    if (ev.kind == TraceEventKind::kMachineAdd) {
      if (!ev.resources_known) ++unknown_resources;
      else {
        machine_cpu.add(ev.resources.cpu);
        machine_memory_mib.add(ev.resources.memory_mib);
        machine_gpu.add(ev.resources.gpu);
      }
    }
    return;
  }
  if (ev.job_id >= 0) jobs.insert(ev.job_id);
  if (ev.kind == TraceEventKind::kTaskSubmit) {
    task_count.add(ev.count);
    if (ev.priority >= 0) task_priority.add(ev.priority);
    if (!ev.resources_known) ++unknown_resources;
    else {
      task_cpu.add(ev.resources.cpu);
      task_memory_mib.add(ev.resources.memory_mib);
      task_gpu.add(ev.resources.gpu);
    }
  }
}

namespace {

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

void print_distribution(std::ostream& os, const char* name, const Distribution& d) {
  if (d.count() == 0) return;
  os << "  " << name;
  for (std::size_t i = std::char_traits<char>::length(name); i < 18; ++i) os << ' ';
  os << "n=" << d.count() << "  min " << fmt("%.4g", d.min()) << "  p50 " << fmt("%.4g", d.quantile(0.5))
     << "  p90 " << fmt("%.4g", d.quantile(0.9)) << "  p99 " << fmt("%.4g", d.quantile(0.99)) << "  max "
     << fmt("%.4g", d.max()) << "  mean " << fmt("%.4g", d.mean()) << "\n";
}

}  // namespace

void TraceStats::print(std::ostream& os) const {
  os << "rows " << parse.rows << ", events " << events << ", corrupt rows " << parse.corrupt << ", out of order "
     << parse.out_of_order << ", " << fmt("%.1f", static_cast<double>(parse.bytes) / 1e6) << " MB read\n";
  os << "events by type:\n";
  for (int k = 0; k < kTraceEventKinds; ++k)
    if (by_kind[k]) {
      std::string name(to_string(static_cast<TraceEventKind>(k)));
      os << "  " << name << std::string(name.size() < 16 ? 16 - name.size() : 1, ' ') << by_kind[k] << "\n";
    }
  os << "time: ";
  if (first <= last)
    os << fmt("%.6f", first) << " .. " << fmt("%.6f", last) << " s (" << fmt("%.2f", (last - first) / 3600.0)
       << " h)";
  else os << "no event inside the window";
  os << "; " << at_time_zero << " events at time 0, " << after_window << " after the window\n";
  os << "task window: ";
  if (task_first <= task_last)
    os << fmt("%.6f", task_first) << " .. " << fmt("%.6f", task_last) << " s (" << fmt("%.2f", (task_last - task_first) / 3600.0)
       << " h): the span of the task events, what `drydock replay --from/--to` can use\n";
  else os << "no task event inside the window\n";
  os << "distinct machines " << machines.size() << ", distinct jobs " << jobs.size()
     << ", submits/adds with empty resources " << unknown_resources << "\n";
  os << "task requests (per task, on submit):\n";
  print_distribution(os, "cpu cores", task_cpu);
  print_distribution(os, "memory MiB", task_memory_mib);
  if (task_gpu.max() > 0) print_distribution(os, "gpu", task_gpu);
  if (task_count.max() > 1) print_distribution(os, "tasks per event", task_count);
  print_distribution(os, "priority", task_priority);
  if (machine_cpu.count()) {
    os << "machine capacity (on add):\n";
    print_distribution(os, "cpu cores", machine_cpu);
    print_distribution(os, "memory MiB", machine_memory_mib);
    if (machine_gpu.max() > 0) print_distribution(os, "gpu", machine_gpu);
  }
  if (!parse.first_errors.empty()) {
    os << "first corrupt rows:\n";
    for (const auto& e : parse.first_errors) os << "  " << e << "\n";
  }
}

}  // namespace drydock::traces
