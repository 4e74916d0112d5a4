#include "traces/openb.h"

namespace drydock::traces {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '"')) s.remove_suffix(1);
  return s;
}

}  // namespace

OpenbReader::OpenbReader(std::vector<std::string> files, ReaderOptions options)
    : LineTraceReader(ShardedLines(std::move(files)), std::move(options)) {}

OpenbReader::OpenbReader(std::string_view text, std::string name, ReaderOptions options)
    : LineTraceReader(ShardedLines(text, std::move(name)), std::move(options)) {}

void OpenbReader::header(std::string_view line) {
  names_.clear();
  if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // a UTF-8 BOM from a spreadsheet export
  Row split(nullptr, 0);
  split.split(line, ',');
  if (split.size() > Row::kMaxFields) throw TraceError(lines().file(), lines().line_number(), "header has too many columns");
  for (std::size_t i = 0; i < split.size(); ++i) names_.emplace_back(trim(split.text(i)));
  name_ptrs_.clear();
  for (const auto& n : names_) name_ptrs_.push_back(n.c_str());
  row_ = Row(name_ptrs_.data(), name_ptrs_.size());
  columns_ = names_.size();
  auto col = [&](std::string_view n) {
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == n) return static_cast<int>(i);
    return -1;
  };
  c_cpu_ = col("cpu_milli");
  c_mem_ = col("memory_mib");
  if (col("sn") >= 0) {
    table_ = Table::kNodes;
    c_id_ = col("sn");
    c_gpu_ = col("gpu");
    c_model_ = col("model");
  } else if (col("name") >= 0 && col("creation_time") >= 0) {
    table_ = Table::kPods;
    c_id_ = col("name");
    c_num_gpu_ = col("num_gpu");
    c_gpu_milli_ = col("gpu_milli");
    c_spec_ = col("gpu_spec");
    c_qos_ = col("qos");
    c_phase_ = col("pod_phase");
    c_created_ = col("creation_time");
    c_deleted_ = col("deletion_time");
    c_scheduled_ = col("scheduled_time");
  }
  // Without a recognisable header no row can be read: that is not one corrupt line but a wrong file.
  if (table_ == Table::kUnknown || c_cpu_ < 0 || c_mem_ < 0)
    throw TraceError(lines().file(), lines().line_number(),
                     "not an openb header (want sn,cpu_milli,memory_mib,... or name,cpu_milli,memory_mib,...,"
                     "creation_time,...): '" + std::string(line.substr(0, 80)) + "'");
}

std::uint32_t OpenbReader::model_bits(std::string_view list, int column) {
  std::uint32_t bits = 0;
  while (!list.empty()) {
    const auto bar = list.find('|');
    const std::string_view name = trim(list.substr(0, bar));
    if (!name.empty()) {
      std::size_t m = 0;
      while (m < models_.size() && models_[m] != name) ++m;
      if (m == models_.size()) {
        if (models_.size() == 32) row_.fail(static_cast<std::size_t>(column), "at most 32 distinct GPU models");
        models_.emplace_back(name);
      }
      bits |= 1u << m;
    }
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return bits;
}

std::int64_t OpenbReader::id_of(std::size_t field) {
  std::string_view s = row_.required(field);
  if (auto v = trailing_number(s)) return *v;
  return unnumbered_.id(s);
}

bool OpenbReader::parse_line(std::string_view line) {
  if (lines().line_number() == 1) {  // each file starts with its header (a new shard restarts at 1)
    table_ = Table::kUnknown;
    header(line);
    return false;
  }
  if (line.empty()) return false;
  row_.split(line, ',');
  row_.expect_fields(columns_);
  if (table_ == Table::kNodes) node();
  else pod();
  return true;
}

void OpenbReader::node() {
  TraceEvent ev;
  ev.kind = TraceEventKind::kMachineAdd;
  ev.time = 0;
  ev.machine_id = id_of(c_id_);
  double cpu = row_.number(c_cpu_), mem = row_.number(c_mem_);
  if (cpu < 0) row_.fail(c_cpu_, "a non-negative cpu_milli");
  if (mem < 0) row_.fail(c_mem_, "a non-negative memory_mib");
  ev.resources.cpu = cpu / 1000.0;
  ev.resources.memory_mib = mem;
  if (c_gpu_ >= 0) {
    double gpu = row_.opt_number(c_gpu_).value_or(0);
    if (gpu < 0) row_.fail(c_gpu_, "a non-negative GPU count");
    ev.resources.gpu = gpu;
  }
  ev.resources_known = true;
  if (c_model_ >= 0 && !row_.empty(c_model_)) {
    ev.platform = stable_hash(row_.text(c_model_));
    ev.gpu_models = model_bits(row_.text(c_model_), c_model_);
  }
  ev.gpu_devices = static_cast<std::int32_t>(ev.resources.gpu);
  emit(ev);
}

void OpenbReader::pod() {
  TraceEvent ev;
  ev.job_id = id_of(c_id_);
  ev.task_index = 0;
  double cpu = row_.number(c_cpu_), mem = row_.number(c_mem_);
  if (cpu < 0) row_.fail(c_cpu_, "a non-negative cpu_milli");
  if (mem < 0) row_.fail(c_mem_, "a non-negative memory_mib");
  ev.resources.cpu = cpu / 1000.0;
  ev.resources.memory_mib = mem;
  double num_gpu = c_num_gpu_ >= 0 ? row_.opt_number(c_num_gpu_).value_or(0) : 0;
  double gpu_milli = c_gpu_milli_ >= 0 ? row_.opt_number(c_gpu_milli_).value_or(num_gpu > 0 ? 1000 : 0) : 1000;
  if (num_gpu < 0) row_.fail(c_num_gpu_, "a non-negative num_gpu");
  if (gpu_milli < 0 || gpu_milli > 1000) row_.fail(c_gpu_milli_, "gpu_milli in 0..1000");
  ev.resources.gpu = num_gpu * gpu_milli / 1000.0;
  ev.resources_known = true;
  ev.gpu_devices = static_cast<std::int32_t>(num_gpu);
  ev.gpu_milli = num_gpu > 0 ? static_cast<std::int32_t>(gpu_milli) : 0;
  if (c_spec_ >= 0 && !row_.empty(c_spec_)) {
    ev.platform = stable_hash(row_.text(c_spec_));
    ev.gpu_models = model_bits(row_.text(c_spec_), c_spec_);
  }
  if (c_qos_ >= 0) {
    std::string_view q = row_.text(c_qos_);
    ev.scheduling_class = q == "BE" ? 0 : q == "Burstable" ? 1 : q == "LS" ? 2 : q == "Guaranteed" ? 3 : -1;
  }
  ev.time = row_.number(c_created_);
  // Plain values and flags rather than optionals: GCC 12 warns falsely on optional<double> here.
  bool has_scheduled = c_scheduled_ >= 0 && !row_.empty(c_scheduled_);
  bool has_deleted = c_deleted_ >= 0 && !row_.empty(c_deleted_);
  double scheduled = has_scheduled ? row_.number(c_scheduled_) : 0;
  double deleted = has_deleted ? row_.number(c_deleted_) : 0;
  if (has_scheduled && scheduled < ev.time) row_.fail(c_scheduled_, "a scheduled_time not before creation_time");
  if (has_deleted && deleted < ev.time) row_.fail(c_deleted_, "a deletion_time not before creation_time");
  ev.kind = TraceEventKind::kTaskSubmit;
  emit(ev);
  if (has_scheduled) {
    TraceEvent s = ev;
    s.kind = TraceEventKind::kTaskSchedule;
    s.time = scheduled;
    emit(s);
  }
  if (has_deleted) {
    TraceEvent d = ev;
    d.kind = c_phase_ >= 0 && row_.text(c_phase_) == "Failed" ? TraceEventKind::kTaskFail : TraceEventKind::kTaskFinish;
    d.time = has_scheduled && scheduled > deleted ? scheduled : deleted;  // never end before the start
    emit(d);
  }
}

}  // namespace drydock::traces
