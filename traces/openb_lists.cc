#include "traces/openb_lists.h"

#include <algorithm>
#include <memory>

#include "traces/line_reader.h"
#include "traces/parse_error.h"
#include "traces/row.h"

namespace drydock::traces {

namespace {

constexpr std::int64_t kMaxGpusPerNode = 16;
constexpr std::int64_t kMaxCpuMilli = 100'000'000;      // 100,000 cores: anything above is a unit mistake
constexpr std::int64_t kMaxMemoryMib = 1'000'000'000;   // ~1 PiB

struct Header {
  std::vector<std::string> names;
  std::vector<const char*> ptrs;
  int col(std::string_view n) const {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == n) return static_cast<int>(i);
    return -1;
  }
};

Header read_header(LineReader& in, const std::vector<std::string_view>& required) {
  std::string_view line;
  if (!in.next(line)) throw TraceError(in.name(), 0, "empty file (want an openb CSV header)");
  if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  Header h;
  Row split(nullptr, 0);
  split.split(line, ',');
  for (std::size_t i = 0; i < split.size(); ++i) h.names.emplace_back(split.text(i));
  for (auto r : required)
    if (h.col(r) < 0)
      throw TraceError(in.name(), 1, "missing column '" + std::string(r) + "' (header: '" + std::string(line.substr(0, 100)) + "')");
  for (const auto& n : h.names) h.ptrs.push_back(n.c_str());
  return h;
}

std::int64_t bounded(const Row& row, int col, std::int64_t lo, std::int64_t hi, std::string_view what) {
  const std::int64_t v = row.integer(static_cast<std::size_t>(col));
  if (v < lo || v > hi)
    row.fail(static_cast<std::size_t>(col), std::string(what) + " in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return v;
}

template <class Parse>
void for_each_row(LineReader& in, const Header& h, Parse parse) {
  Row row(h.ptrs.data(), h.ptrs.size());
  std::string_view line;
  while (in.next(line)) {
    if (line.empty()) continue;
    try {
      row.split(line, ',');
      row.expect_fields(h.names.size());
      parse(row);
    } catch (const BadRow& e) {
      throw TraceError(in.name(), in.line_number(), e.what());
    }
  }
}

std::vector<OpenbNodeRow> nodes_from(LineReader in) {
  const Header h = read_header(in, {"sn", "cpu_milli", "memory_mib", "gpu", "model"});
  const int sn = h.col("sn"), cpu = h.col("cpu_milli"), mem = h.col("memory_mib"), gpu = h.col("gpu"), model = h.col("model");
  std::vector<OpenbNodeRow> out;
  for_each_row(in, h, [&](const Row& r) {
    OpenbNodeRow n;
    n.name = std::string(r.required(sn));
    n.cpu_milli = bounded(r, cpu, 0, kMaxCpuMilli, "milli-CPU");
    n.memory_mib = bounded(r, mem, 0, kMaxMemoryMib, "MiB");
    n.gpus = static_cast<int>(bounded(r, gpu, 0, kMaxGpusPerNode, "a GPU count"));
    n.model = std::string(r.text(model));
    if (n.gpus > 0 && n.model.empty()) r.fail(model, "a GPU model for a node with GPUs");
    out.push_back(std::move(n));
  });
  return out;
}

std::vector<OpenbPodRow> pods_from(LineReader in) {
  const Header h = read_header(in, {"name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli", "gpu_spec"});
  const int name = h.col("name"), cpu = h.col("cpu_milli"), mem = h.col("memory_mib"), num = h.col("num_gpu"),
            milli = h.col("gpu_milli"), spec = h.col("gpu_spec");
  std::vector<OpenbPodRow> out;
  for_each_row(in, h, [&](const Row& r) {
    OpenbPodRow p;
    p.name = std::string(r.required(name));
    p.cpu_milli = bounded(r, cpu, 0, kMaxCpuMilli, "milli-CPU");
    p.memory_mib = bounded(r, mem, 0, kMaxMemoryMib, "MiB");
    p.num_gpu = static_cast<int>(bounded(r, num, 0, kMaxGpusPerNode, "a GPU count"));
    if (p.num_gpu > 0) {
      const std::int64_t m = r.integer(static_cast<std::size_t>(milli));
      p.gpu_milli = static_cast<int>(std::clamp<std::int64_t>(m, 1, 1000));
      p.gpu_spec = std::string(r.text(spec));
    }
    out.push_back(std::move(p));
  });
  return out;
}

}  // namespace

std::vector<OpenbNodeRow> read_openb_nodes(const std::string& path) { return nodes_from(LineReader::open(path)); }
std::vector<OpenbPodRow> read_openb_pods(const std::string& path) { return pods_from(LineReader::open(path)); }
std::vector<OpenbNodeRow> parse_openb_nodes(std::string_view text, const std::string& name) {
  return nodes_from(LineReader(memory_byte_source(text), name));
}
std::vector<OpenbPodRow> parse_openb_pods(std::string_view text, const std::string& name) {
  return pods_from(LineReader(memory_byte_source(text), name));
}

}  // namespace drydock::traces
