#include "traces/google2011.h"

#include <algorithm>
#include <filesystem>
#include <limits>

#include "traces/merged_reader.h"

namespace drydock::traces {

namespace {

const char* const kMachineFields[] = {"time", "machine ID", "event type", "platform ID", "CPUs", "memory"};
const char* const kTaskFields[] = {"time",     "missing info",     "job ID",         "task index",
                                   "machine ID", "event type",     "user",           "scheduling class",
                                   "priority", "CPU request",      "memory request", "disk space request",
                                   "different machines restriction"};

constexpr TraceEventKind kTaskKinds[] = {
    TraceEventKind::kTaskSubmit, TraceEventKind::kTaskSchedule,      TraceEventKind::kTaskEvict,
    TraceEventKind::kTaskFail,   TraceEventKind::kTaskFinish,        TraceEventKind::kTaskKill,
    TraceEventKind::kTaskLost,   TraceEventKind::kTaskUpdatePending, TraceEventKind::kTaskUpdateRunning,
};

Time parse_time(const Row& row, std::size_t i) {
  std::int64_t t = row.integer(i);
  if (t < 0) row.fail(i, "a non-negative time in microseconds");
  return google_time(t);
}

double parse_fraction(const Row& row, std::size_t i, double v) {
  // Normalised to the largest machine: a request or a capacity above 1.0 does not exist in 2011 data,
  // but we only reject what cannot be a size (negative); a bigger value is kept and shows in stats.
  if (v < 0) row.fail(i, "a non-negative normalised size");
  return v;
}

}  // namespace

Time google_time(std::int64_t micros) {
  if (micros == std::numeric_limits<std::int64_t>::max()) return kNever;
  return static_cast<double>(micros) * 1e-6;
}

GoogleMachineEventsReader::GoogleMachineEventsReader(std::vector<std::string> shards, ReaderOptions options)
    : LineTraceReader(ShardedLines(std::move(shards)), std::move(options)), row_(kMachineFields, 6) {}

GoogleMachineEventsReader::GoogleMachineEventsReader(std::string_view text, std::string name,
                                                     ReaderOptions options)
    : LineTraceReader(ShardedLines(text, std::move(name)), std::move(options)), row_(kMachineFields, 6) {}

bool GoogleMachineEventsReader::parse_line(std::string_view line) {
  row_.split(line, ',');
  row_.expect_fields(6);
  TraceEvent ev;
  ev.time = parse_time(row_, 0);
  ev.machine_id = row_.integer(1);
  if (ev.machine_id < 0) row_.fail(1, "a non-negative machine ID");
  std::int64_t type = row_.integer(2);
  if (type < 0 || type > 2) row_.fail(2, "0 (ADD), 1 (REMOVE) or 2 (UPDATE)");
  ev.kind = static_cast<TraceEventKind>(static_cast<int>(TraceEventKind::kMachineAdd) + type);
  if (!row_.empty(3)) ev.platform = stable_hash(row_.text(3));
  auto cpu = row_.opt_number(4);
  auto mem = row_.opt_number(5);
  if (cpu) ev.resources.cpu = parse_fraction(row_, 4, *cpu) * options().units.google_cpu_cores;
  if (mem) ev.resources.memory_mib = parse_fraction(row_, 5, *mem) * options().units.google_memory_mib;
  ev.resources_known = cpu.has_value() && mem.has_value();
  emit(ev);
  return true;
}

GoogleTaskEventsReader::GoogleTaskEventsReader(std::vector<std::string> shards, ReaderOptions options)
    : LineTraceReader(ShardedLines(std::move(shards)), std::move(options)), row_(kTaskFields, 13) {}

GoogleTaskEventsReader::GoogleTaskEventsReader(std::string_view text, std::string name, ReaderOptions options)
    : LineTraceReader(ShardedLines(text, std::move(name)), std::move(options)), row_(kTaskFields, 13) {}

bool GoogleTaskEventsReader::parse_line(std::string_view line) {
  row_.split(line, ',');
  row_.expect_fields(13);
  TraceEvent ev;
  ev.time = parse_time(row_, 0);
  ev.job_id = row_.integer(2);
  if (ev.job_id < 0) row_.fail(2, "a non-negative job ID");
  std::int64_t index = row_.integer(3);
  if (index < 0 || index > std::numeric_limits<std::int32_t>::max()) row_.fail(3, "a task index in int32");
  ev.task_index = static_cast<std::int32_t>(index);
  if (auto m = row_.opt_integer(4)) {
    if (*m < 0) row_.fail(4, "a non-negative machine ID");
    ev.machine_id = *m;
  }
  std::int64_t type = row_.integer(5);
  if (type < 0 || type > 8) row_.fail(5, "an event type 0..8");
  ev.kind = kTaskKinds[type];
  std::string_view user = row_.text(6);
  if (!user.empty()) {
    if (user != last_user_copy_) {
      last_user_copy_.assign(user);
      last_user_hash_ = stable_hash(user);
    }
    ev.user = last_user_hash_;
  }
  if (auto c = row_.opt_integer(7)) {
    if (*c < 0 || *c > 3) row_.fail(7, "a scheduling class 0..3");
    ev.scheduling_class = static_cast<std::int32_t>(*c);
  }
  std::int64_t prio = row_.integer(8);
  if (prio < 0 || prio > 11) row_.fail(8, "a priority 0..11");
  ev.priority = static_cast<std::int32_t>(prio);
  auto cpu = row_.opt_number(9);
  auto mem = row_.opt_number(10);
  if (cpu) ev.resources.cpu = parse_fraction(row_, 9, *cpu) * options().units.google_cpu_cores;
  if (mem) ev.resources.memory_mib = parse_fraction(row_, 10, *mem) * options().units.google_memory_mib;
  ev.resources_known = cpu.has_value() && mem.has_value();
  if (auto disk = row_.opt_number(11); disk && *disk < 0) row_.fail(11, "a non-negative disk request");
  if (auto dm = row_.opt_integer(12)) {
    if (*dm != 0 && *dm != 1) row_.fail(12, "0 or 1");
    ev.different_machines = *dm == 1;
  }
  emit(ev);
  return true;
}

std::vector<std::string> google_shards(const std::string& dir, const std::string& table) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  fs::path d = fs::path(dir) / table;
  std::error_code ec;
  if (!fs::is_directory(d, ec)) return out;
  for (const auto& entry : fs::directory_iterator(d, ec)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.rfind("part-", 0) != 0) continue;
    if (name.find(".csv") == std::string::npos) continue;
    out.push_back(entry.path().string());
  }
  // part-00000-of-00500 sorts correctly as text; the .head20000 sample of the same shard is excluded
  // because it repeats rows of its shard.
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](const std::string& p) { return p.find(".head") != std::string::npos; }),
            out.end());
  std::sort(out.begin(), out.end());
  return out;
}

std::unique_ptr<TraceReader> open_google2011_dir(const std::string& dir, ReaderOptions options) {
  auto machines = google_shards(dir, "machine_events");
  auto tasks = google_shards(dir, "task_events");
  if (machines.empty() && tasks.empty())
    throw std::runtime_error(dir + ": no machine_events/part-*.csv[.gz] or task_events/part-*.csv[.gz]");
  std::vector<std::unique_ptr<TraceReader>> inputs;
  if (!machines.empty()) inputs.push_back(std::make_unique<GoogleMachineEventsReader>(machines, options));
  if (!tasks.empty()) inputs.push_back(std::make_unique<GoogleTaskEventsReader>(tasks, options));
  return std::make_unique<MergedReader>(std::move(inputs));
}

}  // namespace drydock::traces
