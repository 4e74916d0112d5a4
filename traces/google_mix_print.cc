#include <cstdio>
#include <ostream>
#include <string>

#include "traces/google_mix.h"

namespace drydock::traces {

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string list(const std::vector<double>& v) {
  std::string s = "{";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + num(v[i]);
  return s + "}";
}

std::string shapes(const std::vector<WeightedShape>& v, const char* indent) {
  std::string s = "{\n";
  for (const auto& w : v) s += std::string(indent) + "  {" + num(w.cpu) + ", " + num(w.memory) + ", " + num(w.weight) + "},\n";
  return s + indent + "}";
}

}  // namespace

void print_google_mix(std::ostream& os, const GoogleMix& m, bool as_cpp) {
  if (as_cpp) {
    os << "  GoogleMix m;\n"
       << "  m.machine_shapes = " << shapes(m.machine_shapes, "  ") << ";\n"
       << "  m.task_shapes = " << shapes(m.task_shapes, "  ") << ";\n"
       << "  m.other_cpu = " << list(m.other_cpu) << ";\n"
       << "  m.other_memory = " << list(m.other_memory) << ";\n"
       << "  m.priority_weights = " << list(m.priority_weights) << ";\n"
       << "  m.class_weights = " << list(m.class_weights) << ";\n"
       << "  m.tasks_per_job = " << list(m.tasks_per_job) << ";\n"
       << "  m.schedule_delay = " << list(m.schedule_delay) << ";\n"
       << "  m.duration = " << list(m.duration) << ";\n"
       << "  m.finish = " << num(m.finish) << ";\n"
       << "  m.kill = " << num(m.kill) << ";\n"
       << "  m.fail = " << num(m.fail) << ";\n"
       << "  m.evict = " << num(m.evict) << ";\n"
       << "  m.submits_per_machine_hour = " << num(m.submits_per_machine_hour) << ";\n"
       << "  m.machine_removes_per_day = " << num(m.machine_removes_per_day) << ";\n"
       << "  m.machine_downtime = " << list(m.machine_downtime) << ";\n";
    return;
  }
  double covered = 0;
  for (const auto& s : m.task_shapes) covered += s.weight;
  os << "machine shapes (normalised cpu, memory: fraction of machines):\n";
  for (const auto& s : m.machine_shapes) os << "  " << num(s.cpu) << ", " << num(s.memory) << ": " << num(s.weight) << "\n";
  os << "task request shapes: the " << m.task_shapes.size() << " most common cover " << num(covered * 100)
     << "% of submits; the most common:\n";
  for (std::size_t i = 0; i < m.task_shapes.size() && i < 10; ++i)
    os << "  " << num(m.task_shapes[i].cpu) << ", " << num(m.task_shapes[i].memory) << ": " << num(m.task_shapes[i].weight) << "\n";
  os << "other requests, cpu quantiles (0, 5%, ..., 100%): " << list(m.other_cpu) << "\n"
     << "other requests, memory quantiles: " << list(m.other_memory) << "\n"
     << "priority weights 0..11: " << list(m.priority_weights) << "\n"
     << "scheduling class weights 0..3: " << list(m.class_weights) << "\n"
     << "tasks per job quantiles: " << list(m.tasks_per_job) << "\n"
     << "submit->schedule delay quantiles (s): " << list(m.schedule_delay) << "\n"
     << "schedule->end duration quantiles (s): " << list(m.duration) << "\n"
     << "ends: finish " << num(m.finish) << ", kill " << num(m.kill) << ", fail " << num(m.fail) << ", evict "
     << num(m.evict) << "\n"
     << "new tasks per machine per hour: " << num(m.submits_per_machine_hour) << "\n"
     << "machine removes per machine per day: " << num(m.machine_removes_per_day) << "\n"
     << "machine downtime quantiles (s): " << list(m.machine_downtime) << "\n";
}

}  // namespace drydock::traces
