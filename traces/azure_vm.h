// Azure public VM traces: the vmtable of AzurePublicDataset V1 (2017) and V2 (2019).
//
// No header; 11 columns: vm id, subscription id, deployment id, timestamp vm created, timestamp vm
// deleted, max cpu, avg cpu, p95 max cpu, vm category, vm virtual core count bucket, vm memory (GB)
// bucket. Times are seconds from the trace start. Sizes are buckets ("2", "4", "8", "12", "24", ">24"
// cores; "2", "4", "8", "32", "64", ">64" GB): a plain bucket is read as its value, an open ">N" one as
// TraceUnits::azure_cores_above_24 / azure_memory_gib_above_64.
//
// Mapping: job = deployment (dense id by first appearance), task_index = the VM's number within its
// deployment, user = hash of the subscription; SUBMIT at created, FINISH at deleted (a VM alive at the
// end of the trace is "deleted" at the trace end: Azure does not mark it). scheduling_class: Delay-
// insensitive 0, Interactive 1, Unknown -1. The vmtable is not sorted by creation time in every
// release: wrap the reader in a SortingReader when stats() reports out_of_order events.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "traces/id_interner.h"
#include "traces/row.h"
#include "traces/trace_reader.h"

namespace drydock::traces {

class AzureVmReader : public LineTraceReader {
 public:
  explicit AzureVmReader(std::vector<std::string> files, ReaderOptions options = {});
  AzureVmReader(std::string_view text, std::string name, ReaderOptions options = {});

 protected:
  bool parse_line(std::string_view line) override;

 private:
  double bucket(std::size_t field, double open_value);

  Row row_;
  IdInterner deployments_;
  std::vector<std::int32_t> next_index_;  // per deployment id: VMs seen so far
};

}  // namespace drydock::traces
