// Alibaba's Kubernetes GPU trace v2023 ("openb", clusterdata/cluster-trace-gpu-v2023).
//
// Two CSV files with a header row; columns are found by name, so extra or reordered columns are fine.
// - node list: sn,cpu_milli,memory_mib,gpu,model -> one MACHINE_ADD at time 0 per node, capacity
//   cpu_milli/1000 cores, memory_mib, gpu devices; platform = hash of the GPU model.
// - pod list: name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,
//   deletion_time,scheduled_time (seconds) -> SUBMIT at creation_time, SCHEDULE at scheduled_time (when
//   given; the trace does not say on which node), then FINISH (or FAIL when pod_phase is Failed) at
//   deletion_time when given. The GPU request is num_gpu * gpu_milli / 1000: a pod with num_gpu 1 and
//   gpu_milli 500 asks for half of one GPU. gpu_spec (allowed GPU models) is hashed into `platform`.
//   Device-level fields too: gpu_devices (node gpu / pod num_gpu), gpu_milli (per GPU) and gpu_models,
//   bits of gpu_models(): the node's model, the models the pod's gpu_spec accepts ('|'-separated).
//   qos gives scheduling_class: BE 0, Burstable 1, LS 2, Guaranteed 3, other -1.
// Ids: the trailing digits of sn / name ("openb-node-0042" -> 42), or order of appearance if none.
#pragma once

#include <string>
#include <vector>

#include "traces/id_interner.h"
#include "traces/row.h"
#include "traces/trace_reader.h"

namespace drydock::traces {

class OpenbReader : public LineTraceReader {
 public:
  explicit OpenbReader(std::vector<std::string> files, ReaderOptions options = {});
  OpenbReader(std::string_view text, std::string name, ReaderOptions options = {});

  enum class Table { kUnknown, kNodes, kPods };
  Table table() const { return table_; }
  // GPU model names in order of first appearance; bit m of TraceEvent::gpu_models is model m.
  const std::vector<std::string>& gpu_models() const { return models_; }

 protected:
  bool parse_line(std::string_view line) override;

 private:
  void header(std::string_view line);
  std::int64_t id_of(std::size_t field);
  void node();
  void pod();

  Table table_ = Table::kUnknown;
  std::vector<std::string> names_;       // header names, for messages
  std::vector<const char*> name_ptrs_;
  Row row_{nullptr, 0};
  std::size_t columns_ = 0;
  // Column index of each field we read; -1 when the header lacks an optional one.
  int c_id_ = -1, c_cpu_ = -1, c_mem_ = -1, c_gpu_ = -1, c_model_ = -1;
  int c_num_gpu_ = -1, c_gpu_milli_ = -1, c_spec_ = -1, c_qos_ = -1, c_phase_ = -1;
  int c_created_ = -1, c_deleted_ = -1, c_scheduled_ = -1;
  IdInterner unnumbered_;
  std::vector<std::string> models_;
  std::uint32_t model_bits(std::string_view list, int column);  // '|'-separated names -> bits
};

}  // namespace drydock::traces
