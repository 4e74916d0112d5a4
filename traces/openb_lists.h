// The openb node list and pod list as plain rows (the fill experiment takes the trace as a bag of pod
// shapes; traces/openb.h reads the same files as a timed event stream). Every field of the format the
// FGD experiment uses is kept, including the node's GPU model and the pod's gpu_spec (accepted models).
// Errors name the file, the line and the field; a file that is not such a list is refused.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::traces {

struct OpenbNodeRow {
  std::string name;  // sn
  std::int64_t cpu_milli = 0;
  std::int64_t memory_mib = 0;
  int gpus = 0;
  std::string model;  // empty for a CPU-only node
};

struct OpenbPodRow {
  std::string name;
  std::int64_t cpu_milli = 0;
  std::int64_t memory_mib = 0;
  int num_gpu = 0;
  int gpu_milli = 0;     // per GPU; clamped into (0, 1000] when num_gpu > 0, 0 otherwise (as the authors' converter)
  std::string gpu_spec;  // '|'-separated accepted models; empty = any
};

std::vector<OpenbNodeRow> read_openb_nodes(const std::string& path);
std::vector<OpenbPodRow> read_openb_pods(const std::string& path);
// The same from text (tests); `name` is used in messages.
std::vector<OpenbNodeRow> parse_openb_nodes(std::string_view text, const std::string& name);
std::vector<OpenbPodRow> parse_openb_pods(std::string_view text, const std::string& name);

}  // namespace drydock::traces
