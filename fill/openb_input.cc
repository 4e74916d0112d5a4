#include "fill/openb_input.h"

#include <stdexcept>

#include "traces/openb_lists.h"

namespace drydock::fill {

OpenbInput read_openb_input(const std::string& nodes_path, const std::string& pods_path) {
  OpenbInput in;
  for (auto& n : traces::read_openb_nodes(nodes_path))
    in.nodes.push_back({std::move(n.name), n.cpu_milli, n.memory_mib, n.gpus, std::move(n.model)});
  for (auto& p : traces::read_openb_pods(pods_path))
    in.pods.push_back({std::move(p.name), p.cpu_milli, p.memory_mib, p.num_gpu, p.gpu_milli, std::move(p.gpu_spec)});
  if (in.nodes.empty()) throw std::invalid_argument(nodes_path + ": no nodes");
  if (in.pods.empty()) throw std::invalid_argument(pods_path + ": no pods");
  return in;
}

OpenbInput read_openb_input(const std::string& spec) {
  std::string s = spec;
  if (s.rfind("openb:", 0) == 0) s = s.substr(6);
  const auto comma = s.find(',');
  if (comma == std::string::npos || comma == 0 || comma + 1 == s.size() || s.find(',', comma + 1) != std::string::npos)
    throw std::invalid_argument("--trace: want openb:NODES.csv,PODS.csv, got '" + spec + "'");
  return read_openb_input(s.substr(0, comma), s.substr(comma + 1));
}

}  // namespace drydock::fill
