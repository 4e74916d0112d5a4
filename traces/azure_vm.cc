#include "traces/azure_vm.h"

namespace drydock::traces {

namespace {
const char* const kFields[] = {"vm id",        "subscription id", "deployment id", "timestamp vm created",
                               "timestamp vm deleted", "max cpu",   "avg cpu",       "p95 max cpu",
                               "vm category",  "vm virtual core count bucket", "vm memory (GB) bucket"};
}

AzureVmReader::AzureVmReader(std::vector<std::string> files, ReaderOptions options)
    : LineTraceReader(ShardedLines(std::move(files)), std::move(options)), row_(kFields, 11) {}

AzureVmReader::AzureVmReader(std::string_view text, std::string name, ReaderOptions options)
    : LineTraceReader(ShardedLines(text, std::move(name)), std::move(options)), row_(kFields, 11) {}

double AzureVmReader::bucket(std::size_t field, double open_value) {
  std::string_view t = row_.required(field);
  if (t.front() == '>') {
    double floor;
    if (!parse_double(t.substr(1), floor) || floor < 0) row_.fail(field, "a size bucket such as 8 or >24");
    return std::max(open_value, floor);
  }
  double v;
  if (!parse_double(t, v) || v < 0) row_.fail(field, "a size bucket such as 8 or >24");
  return v;
}

bool AzureVmReader::parse_line(std::string_view line) {
  if (line.empty()) return false;
  row_.split(line, ',');
  row_.expect_fields(11);
  TraceEvent ev;
  row_.required(0);
  ev.user = stable_hash(row_.required(1));
  std::int64_t dep = deployments_.id(row_.required(2));
  if (static_cast<std::size_t>(dep) >= next_index_.size()) next_index_.push_back(0);
  ev.job_id = dep;
  double created = row_.number(3), deleted = row_.number(4);
  if (deleted < created) row_.fail(4, "a deletion time not before the creation time");
  for (std::size_t i = 5; i <= 7; ++i)
    if (!row_.empty(i)) row_.number(i);  // utilisation is not an event field, but garbage is still corrupt
  std::string_view cat = row_.text(8);
  ev.scheduling_class = cat == "Delay-insensitive" ? 0 : cat == "Interactive" ? 1 : -1;
  ev.resources.cpu = bucket(9, options().units.azure_cores_above_24);
  ev.resources.memory_mib = bucket(10, options().units.azure_memory_gib_above_64) * 1024.0;
  ev.resources_known = true;
  ev.task_index = next_index_[dep]++;  // after every check: a corrupt row does not consume an index
  ev.time = created;
  ev.kind = TraceEventKind::kTaskSubmit;
  emit(ev);
  ev.time = deleted;
  ev.kind = TraceEventKind::kTaskFinish;
  emit(ev);
  return true;
}

}  // namespace drydock::traces
