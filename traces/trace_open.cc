#include "traces/trace_open.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <stdexcept>

#include "traces/alibaba2018.h"
#include "traces/azure_vm.h"
#include "traces/google2011.h"
#include "traces/merged_reader.h"
#include "traces/openb.h"
#include "traces/swf.h"

namespace drydock::traces {

namespace fs = std::filesystem;

namespace {
constexpr std::array<std::string_view, 5> kFormatNames = {"google2011", "alibaba2018", "openb", "azure", "swf"};

bool has(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }
}  // namespace

std::string_view to_string(TraceFormat f) { return kFormatNames[static_cast<std::size_t>(f)]; }

std::optional<TraceFormat> parse_trace_format(std::string_view name) {
  for (std::size_t i = 0; i < kFormatNames.size(); ++i)
    if (kFormatNames[i] == name) return static_cast<TraceFormat>(i);
  if (name == "google") return TraceFormat::kGoogle2011;
  if (name == "alibaba") return TraceFormat::kAlibaba2018;
  return std::nullopt;
}

std::optional<TraceFormat> detect_trace_format(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    if (!google_shards(path, "machine_events").empty() || !google_shards(path, "task_events").empty())
      return TraceFormat::kGoogle2011;
    for (const auto& e : fs::directory_iterator(path, ec))
      if (alibaba_table_from_path(e.path().string())) return TraceFormat::kAlibaba2018;
    return std::nullopt;
  }
  std::string name = fs::path(path).filename().string();
  if (has(path, "machine_events") || has(path, "task_events")) return TraceFormat::kGoogle2011;
  if (alibaba_table_from_path(path)) return TraceFormat::kAlibaba2018;
  if (has(name, ".swf")) return TraceFormat::kSwf;
  if (has(name, "vmtable") || has(path, "azure")) return TraceFormat::kAzure;
  if (has(path, "openb") || has(name, "node_list") || has(name, "pod_list")) return TraceFormat::kOpenb;
  return std::nullopt;
}

namespace {

std::unique_ptr<TraceReader> open_google(const std::vector<std::string>& paths, const ReaderOptions& o) {
  if (paths.size() == 1 && fs::is_directory(paths[0])) return open_google2011_dir(paths[0], o);
  std::vector<std::string> machines, tasks;
  for (const auto& p : paths) {
    if (has(p, "machine_events")) machines.push_back(p);
    else if (has(p, "task_events")) tasks.push_back(p);
    else throw std::runtime_error(p + ": a google2011 file must be under machine_events/ or task_events/");
  }
  // Shard names (part-00000-of-00500, ...) sort in shard order, whatever order the shell gave them in.
  std::sort(machines.begin(), machines.end());
  std::sort(tasks.begin(), tasks.end());
  std::vector<std::unique_ptr<TraceReader>> in;
  if (!machines.empty()) in.push_back(std::make_unique<GoogleMachineEventsReader>(machines, o));
  if (!tasks.empty()) in.push_back(std::make_unique<GoogleTaskEventsReader>(tasks, o));
  if (in.size() == 1) return std::move(in[0]);
  return std::make_unique<MergedReader>(std::move(in));
}

std::unique_ptr<TraceReader> open_alibaba(const std::vector<std::string>& paths, const ReaderOptions& o) {
  if (paths.size() == 1 && fs::is_directory(paths[0])) return open_alibaba2018_dir(paths[0], o);
  std::vector<std::vector<std::string>> by_table(4);
  for (const auto& p : paths) {
    auto t = alibaba_table_from_path(p);
    if (!t) throw std::runtime_error(p + ": an alibaba2018 file must be named machine_meta, container_meta, batch_task or batch_instance");
    by_table[static_cast<int>(*t)].push_back(p);
  }
  std::vector<std::unique_ptr<TraceReader>> in;
  for (int t = 0; t < 4; ++t)
    if (!by_table[t].empty()) in.push_back(std::make_unique<Alibaba2018Reader>(static_cast<AlibabaTable>(t), by_table[t], o));
  if (in.size() == 1) return std::move(in[0]);
  return std::make_unique<MergedReader>(std::move(in));
}

// Node and pod lists are separate files with headers: each its own reader, nodes (time 0) merge first.
std::unique_ptr<TraceReader> open_each(const std::vector<std::string>& paths, const ReaderOptions& o) {
  std::vector<std::unique_ptr<TraceReader>> in;
  for (const auto& p : paths) in.push_back(std::make_unique<OpenbReader>(std::vector<std::string>{p}, o));
  if (in.size() == 1) return std::move(in[0]);
  return std::make_unique<MergedReader>(std::move(in));
}

}  // namespace

std::unique_ptr<TraceReader> open_trace(const std::vector<std::string>& paths, std::optional<TraceFormat> format,
                                        ReaderOptions options, bool sort) {
  if (paths.empty()) throw std::runtime_error("no trace files given");
  if (!format) {
    format = detect_trace_format(paths[0]);
    if (!format) throw std::runtime_error(paths[0] + ": cannot tell the trace format from the path; give --format");
  }
  for (const auto& p : paths)
    if (!fs::exists(p)) throw std::runtime_error(p + ": no such file or directory");
  std::unique_ptr<TraceReader> r;
  switch (*format) {
    case TraceFormat::kGoogle2011: r = open_google(paths, options); break;
    case TraceFormat::kAlibaba2018: r = open_alibaba(paths, options); break;
    case TraceFormat::kOpenb: r = open_each(paths, options); break;
    case TraceFormat::kAzure: r = std::make_unique<AzureVmReader>(paths, options); break;
    case TraceFormat::kSwf: r = std::make_unique<SwfReader>(paths, options); break;
  }
  if (sort) r = std::make_unique<SortingReader>(std::move(r));
  return r;
}

}  // namespace drydock::traces
