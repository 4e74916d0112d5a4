#include "traces/alibaba2018.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "traces/merged_reader.h"

namespace drydock::traces {

namespace {

const char* const kMachineMeta[] = {"machine_id", "time_stamp", "failure_domain_1", "failure_domain_2",
                                    "cpu_num",    "mem_size",   "status"};
const char* const kContainerMeta[] = {"container_id", "machine_id",  "time_stamp", "app_du",
                                      "status",       "cpu_request", "cpu_limit",  "mem_size"};
const char* const kBatchTask[] = {"task_name",  "instance_num", "job_name", "task_type", "status",
                                  "start_time", "end_time",     "plan_cpu", "plan_mem"};
const char* const kBatchInstance[] = {"instance_name", "task_name", "job_name",     "task_type", "status",
                                      "start_time",    "end_time",  "machine_id",   "seq_no",    "total_seq_no",
                                      "cpu_avg",       "cpu_max",   "mem_avg",      "mem_max"};

struct TableInfo {
  const char* const* names;
  std::size_t fields;
  const char* file;
};
const TableInfo kTables[] = {
    {kMachineMeta, 7, "machine_meta"},
    {kContainerMeta, 8, "container_meta"},
    {kBatchTask, 9, "batch_task"},
    {kBatchInstance, 14, "batch_instance"},
};
const TableInfo& info(AlibabaTable t) { return kTables[static_cast<int>(t)]; }

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (auto w : words)
    if (lower.find(w) != std::string::npos) return true;
  return false;
}

// -1 and 101 are the trace's "invalid value" markers for normalised fields.
bool valid_normalised(double v) { return v >= 0 && v <= 100; }

std::optional<TraceEventKind> batch_end(std::string_view status) {
  if (status == "Terminated") return TraceEventKind::kTaskFinish;
  if (status == "Failed") return TraceEventKind::kTaskFail;
  if (status == "Cancelled" || status == "Interrupted") return TraceEventKind::kTaskKill;
  return std::nullopt;  // Running, Waiting, Ready: no end inside the trace
}

std::int32_t task_number(std::string_view name) {
  // "M1", "R4_2", "J5_3_4": the digits after the leading letters; "task_<base64>": independent, hashed.
  std::size_t i = 0;
  while (i < name.size() && std::isalpha(static_cast<unsigned char>(name[i]))) ++i;
  std::size_t j = i;
  while (j < name.size() && std::isdigit(static_cast<unsigned char>(name[j]))) ++j;
  std::int64_t v = 0;
  if (i > 0 && j > i && j - i < 10 && (j == name.size() || name[j] == '_') && parse_int64(name.substr(i, j - i), v))
    return static_cast<std::int32_t>(v);
  return static_cast<std::int32_t>(stable_hash(name) & 0x3fffffff) | 0x40000000;  // above DAG numbers
}

}  // namespace

std::optional<AlibabaTable> alibaba_table_from_path(std::string_view path) {
  std::string_view base = path.substr(path.find_last_of('/') == std::string_view::npos ? 0 : path.find_last_of('/') + 1);
  for (int t = 0; t < 4; ++t)
    if (base.rfind(kTables[t].file, 0) == 0) return static_cast<AlibabaTable>(t);
  return std::nullopt;
}

Alibaba2018Reader::Alibaba2018Reader(AlibabaTable table, std::vector<std::string> files, ReaderOptions options)
    : LineTraceReader(ShardedLines(std::move(files)), std::move(options)),
      table_(table),
      row_(info(table).names, info(table).fields) {}

Alibaba2018Reader::Alibaba2018Reader(AlibabaTable table, std::string_view text, std::string name,
                                     ReaderOptions options)
    : LineTraceReader(ShardedLines(text, std::move(name)), std::move(options)),
      table_(table),
      row_(info(table).names, info(table).fields) {}

std::int64_t Alibaba2018Reader::id_of(std::size_t field) {
  auto v = trailing_number(row_.required(field));
  if (!v) row_.fail(field, "an id ending in digits");
  return *v;
}

bool Alibaba2018Reader::parse_line(std::string_view line) {
  if (line.empty()) return false;
  row_.split(line, ',');
  row_.expect_fields(info(table_).fields);
  switch (table_) {
    case AlibabaTable::kMachineMeta: machine_meta(); break;
    case AlibabaTable::kContainerMeta: container_meta(); break;
    case AlibabaTable::kBatchTask: batch_task(); break;
    case AlibabaTable::kBatchInstance: batch_instance(); break;
  }
  return true;
}

void Alibaba2018Reader::machine_meta() {
  TraceEvent ev;
  ev.machine_id = id_of(0);
  ev.time = static_cast<Time>(row_.integer(1));
  if (!row_.empty(3)) ev.platform = stable_hash(row_.text(3));
  auto cpu = row_.opt_number(4);
  auto mem = row_.opt_number(5);
  if (cpu && *cpu < 0) row_.fail(4, "a non-negative core count");
  ev.resources_known = cpu && mem && valid_normalised(*mem);
  if (ev.resources_known) {
    ev.resources.cpu = *cpu;
    ev.resources.memory_mib = *mem / 100.0 * options().units.alibaba_memory_mib_at_100;
  }
  bool first = seen_.insert(ev.machine_id).second;
  if (first) ev.kind = TraceEventKind::kMachineAdd;
  else if (contains_any(row_.text(6), {"offline", "down", "fail", "error", "dead", "remove"}))
    ev.kind = TraceEventKind::kMachineRemove;
  else ev.kind = TraceEventKind::kMachineUpdate;
  emit(ev);
}

void Alibaba2018Reader::container_meta() {
  TraceEvent ev;
  std::int64_t container = id_of(0);
  if (!row_.empty(1)) ev.machine_id = id_of(1);
  ev.time = static_cast<Time>(row_.integer(2));
  ev.job_id = id_of(3);
  if (container > std::numeric_limits<std::int32_t>::max()) row_.fail(0, "a container number in int32");
  ev.task_index = static_cast<std::int32_t>(container);
  auto cpu = row_.opt_number(5);
  auto mem = row_.opt_number(7);
  if (cpu && *cpu < 0) row_.fail(5, "a non-negative request");
  ev.resources_known = cpu && mem && valid_normalised(*mem);
  if (ev.resources_known) {
    ev.resources.cpu = *cpu / 100.0;
    ev.resources.memory_mib = *mem / 100.0 * options().units.alibaba_memory_mib_at_100;
  }
  std::string_view status = row_.text(4);
  if (seen_.insert(container).second) {
    ev.kind = TraceEventKind::kTaskSubmit;
    TraceEvent pending = ev;
    pending.machine_id = -1;
    emit(pending);
    ev.kind = TraceEventKind::kTaskSchedule;
  } else if (contains_any(status, {"stop", "dead", "delet", "terminat"})) {
    ev.kind = TraceEventKind::kTaskFinish;
  } else {
    ev.kind = TraceEventKind::kTaskUpdateRunning;
  }
  emit(ev);
}

void Alibaba2018Reader::batch_task() {
  TraceEvent ev;
  ev.task_index = task_number(row_.required(0));
  std::int64_t instances = row_.integer(1);
  if (instances < 0 || instances > std::numeric_limits<std::int32_t>::max()) row_.fail(1, "an instance count");
  ev.count = static_cast<std::int32_t>(instances);
  ev.job_id = id_of(2);
  ev.time = static_cast<Time>(row_.integer(5));
  auto end = row_.opt_integer(6);
  auto cpu = row_.opt_number(7);
  auto mem = row_.opt_number(8);
  if (cpu && *cpu < 0) row_.fail(7, "a non-negative plan_cpu");
  ev.resources_known = cpu && mem && valid_normalised(*mem);
  if (ev.resources_known) {
    ev.resources.cpu = *cpu / 100.0;
    ev.resources.memory_mib = *mem / 100.0 * options().units.alibaba_memory_mib_at_100;
  }
  ev.kind = TraceEventKind::kTaskSubmit;
  emit(ev);
  auto end_kind = batch_end(row_.text(4));
  if (end_kind && end && *end > 0) {
    if (static_cast<Time>(*end) < ev.time) row_.fail(6, "an end_time not before start_time");
    ev.kind = *end_kind;
    ev.time = static_cast<Time>(*end);
    emit(ev);
  }
}

void Alibaba2018Reader::batch_instance() {
  TraceEvent ev;
  ev.task_index = task_number(row_.required(1));
  ev.job_id = id_of(2);
  ev.time = static_cast<Time>(row_.integer(5));
  auto end = row_.opt_integer(6);
  if (!row_.empty(7)) ev.machine_id = id_of(7);
  auto cpu = row_.opt_number(11);
  auto mem = row_.opt_number(13);
  if (cpu && *cpu < 0) row_.fail(11, "a non-negative cpu_max");
  ev.resources_known = cpu && mem && valid_normalised(*mem);
  if (ev.resources_known) {
    ev.resources.cpu = *cpu / 100.0;
    ev.resources.memory_mib = *mem / 100.0 * options().units.alibaba_memory_mib_at_100;
  }
  TraceEvent submit = ev;
  submit.kind = TraceEventKind::kTaskSubmit;
  submit.machine_id = -1;
  emit(submit);
  ev.kind = TraceEventKind::kTaskSchedule;
  emit(ev);
  auto end_kind = batch_end(row_.text(4));
  if (end_kind && end && *end > 0) {
    if (static_cast<Time>(*end) < ev.time) row_.fail(6, "an end_time not before start_time");
    ev.kind = *end_kind;
    ev.time = static_cast<Time>(*end);
    emit(ev);
  }
}

std::unique_ptr<TraceReader> open_alibaba2018_dir(const std::string& dir, ReaderOptions options) {
  namespace fs = std::filesystem;
  std::vector<std::vector<std::string>> files(4);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    if (auto t = alibaba_table_from_path(entry.path().string())) files[static_cast<int>(*t)].push_back(entry.path().string());
  }
  if (ec) throw std::runtime_error(dir + ": " + ec.message());
  std::vector<std::unique_ptr<TraceReader>> inputs;
  for (int t = 0; t < 4; ++t) {
    std::sort(files[t].begin(), files[t].end());
    if (!files[t].empty())
      inputs.push_back(std::make_unique<Alibaba2018Reader>(static_cast<AlibabaTable>(t), files[t], options));
  }
  if (inputs.empty()) throw std::runtime_error(dir + ": no machine_meta, container_meta, batch_task or batch_instance file");
  return std::make_unique<MergedReader>(std::move(inputs));
}

}  // namespace drydock::traces
