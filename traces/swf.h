// The Standard Workload Format (SWF v2.2) of the Parallel Workloads Archive.
//
// One job a line, 18 whitespace-separated fields, -1 = unknown; header comments start with ';' and
// carry "MaxNodes: N" and "MaxProcs: P". Fields: job number, submit time, wait time, run time, allocated
// processors, average CPU time, used memory (KB per processor), requested processors, requested time,
// requested memory (KB per processor), status (1 completed, 0 failed, 5 cancelled), user, group,
// executable, queue, partition, preceding job, think time.
//
// Mapping: the header's MaxNodes machines are added at time 0, each with MaxProcs/MaxNodes processors of
// TraceUnits::swf_cores_per_processor cores (no machine events when the header lacks them). A job is
// job_id = job number, task_index 0, count = processors (allocated, else requested), resources PER
// PROCESSOR: a 128-processor job is 128 one-processor replicas, the way a gang spans nodes. SUBMIT at
// submit time; SCHEDULE at submit + wait (wait -1: at submit, the log does not know); then at
// schedule + run time FINISH (status 1 or -1), FAIL (0) or KILL (5). A job with run time -1 has no end.
// Memory: used memory, else requested memory, KB -> MiB; -1 = 0 (unknown, resources_known stays true
// for cpu). user = hash of the user number; scheduling_class = queue number.
#pragma once

#include <string>
#include <vector>

#include "traces/row.h"
#include "traces/trace_reader.h"

namespace drydock::traces {

class SwfReader : public LineTraceReader {
 public:
  explicit SwfReader(std::vector<std::string> files, ReaderOptions options = {});
  SwfReader(std::string_view text, std::string name, ReaderOptions options = {});

  std::int64_t max_nodes() const { return max_nodes_; }
  std::int64_t max_procs() const { return max_procs_; }

 protected:
  bool parse_line(std::string_view line) override;

 private:
  void header(std::string_view comment);

  Row row_;
  std::int64_t max_nodes_ = -1, max_procs_ = -1;
  bool machines_emitted_ = false;
};

}  // namespace drydock::traces
