// Alibaba cluster-trace v2018: machine_meta, container_meta, batch_task, batch_instance.
//
// Column order follows schema.txt (../shared/traces/schemas/alibaba-v2018-schema.txt); the files have
// no header. Times are seconds from the start of the 8-day window (0 or negative = before it). Ids are
// strings with a numeric suffix ("m_1932", "c_7", "app_52", "j_3"); the suffix is the int64 id.
// Units: machine cpu_num is in cores; request cpu is in 1/100 core; memory is normalised to [0, 100] and
// scaled by TraceUnits::alibaba_memory_mib_at_100. Values of -1 or 101 mark invalid measurements and
// are read as unknown (resources_known = false), not as corrupt rows.
//
// Mapping (stated assumptions, the trace documents no event semantics):
// - machine_meta: the first row of a machine is ADD; later rows are UPDATE, except a status that reads
//   as out of service (contains "offline", "down", "fail", "error", "dead", "remove", case-insensitive)
//   which is REMOVE. Each machine is a distinct machine_id.
// - container_meta (online services): job = app_du, task_index = container number, placed on machine_id.
//   The first row of a container gives SUBMIT and SCHEDULE; a status containing "stop", "dead", "delet"
//   or "terminat" gives FINISH; other later rows UPDATE_RUNNING.
// - batch_task: one event pair per task with count = instance_num: SUBMIT at start_time, then at
//   end_time FINISH (status Terminated), FAIL (Failed), KILL (Cancelled/Interrupted); Running/Waiting
//   tasks have no end. task_index = the task number in its DAG name ("R4_2" -> 4), or a stable hash for
//   independent tasks named task_<base64>.
// - batch_instance: SCHEDULE on machine_id at start_time (SUBMIT at the same instant, the trace has no
//   queueing time), end as for batch_task. The request is the instance's max usage (cpu_max, mem_max)
//   because the table has no request; join with batch_task's plan_cpu/plan_mem for requests.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "traces/id_interner.h"
#include "traces/row.h"
#include "traces/trace_reader.h"

namespace drydock::traces {

enum class AlibabaTable { kMachineMeta, kContainerMeta, kBatchTask, kBatchInstance };

// The table a file holds, from its name ("machine_meta.csv", "batch_task.csv.gz", ...); nullopt if none.
std::optional<AlibabaTable> alibaba_table_from_path(std::string_view path);

class Alibaba2018Reader : public LineTraceReader {
 public:
  Alibaba2018Reader(AlibabaTable table, std::vector<std::string> files, ReaderOptions options = {});
  Alibaba2018Reader(AlibabaTable table, std::string_view text, std::string name, ReaderOptions options = {});

 protected:
  bool parse_line(std::string_view line) override;

 private:
  void machine_meta();
  void container_meta();
  void batch_task();
  void batch_instance();
  std::int64_t id_of(std::size_t field);  // numeric suffix of an id field

  AlibabaTable table_;
  Row row_;
  std::unordered_set<std::int64_t> seen_;  // machines / containers already added: lookups only
};

// Every table found under DIR (machine_meta.csv[.gz], container_meta..., batch_task..., batch_instance...)
// merged into one stream, machines first at equal times.
std::unique_ptr<TraceReader> open_alibaba2018_dir(const std::string& dir, ReaderOptions options = {});

}  // namespace drydock::traces
