#include "traces/parse_error.h"

namespace drydock::traces {

TraceError::TraceError(std::string file, std::uint64_t line, std::string what)
    : std::runtime_error(file + ":" + std::to_string(line) + ": " + what), file_(std::move(file)), line_(line) {}

void ParseStats::add(const ParseStats& o) {
  lines += o.lines;
  rows += o.rows;
  events += o.events;
  bytes += o.bytes;
  corrupt += o.corrupt;
  out_of_order += o.out_of_order;
  for (const auto& e : o.first_errors)
    if (first_errors.size() < kMaxKeptErrors) first_errors.push_back(e);
}

void report_corrupt(ErrorPolicy policy, ParseStats& stats, const std::string& file, std::uint64_t line,
                    const std::string& message) {
  if (policy == ErrorPolicy::kStrict) throw TraceError(file, line, message);
  ++stats.corrupt;
  if (stats.first_errors.size() < ParseStats::kMaxKeptErrors)
    stats.first_errors.push_back(file + ":" + std::to_string(line) + ": " + message);
}

}  // namespace drydock::traces
