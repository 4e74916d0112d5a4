// A fill experiment's input from the openb CSVs (`--trace openb:NODES.csv,PODS.csv`). Kept apart from
// the pure experiment: this is the only part of fill/ that reads files.
#pragma once

#include <string>
#include <vector>

#include "fill/fill_experiment.h"

namespace drydock::fill {

struct OpenbInput {
  std::vector<GpuNodeSpec> nodes;
  std::vector<TracePod> pods;
};

// "openb:NODES.csv,PODS.csv" (the prefix optional). Throws std::invalid_argument / TraceError naming
// the option or the file and line.
OpenbInput read_openb_input(const std::string& spec);
OpenbInput read_openb_input(const std::string& nodes_path, const std::string& pods_path);

}  // namespace drydock::fill
