#include "traces/trace_event.h"

#include <array>

namespace drydock::traces {

namespace {
// The names a user sees in `trace stats` and may type on the command line.
constexpr std::array<std::string_view, kTraceEventKinds> kNames = {
    "machine_add",   "machine_remove", "machine_update", "submit", "schedule",       "evict",
    "fail",          "finish",         "kill",           "lost",   "update_pending", "update_running",
};
}  // namespace

std::string_view to_string(TraceEventKind kind) { return kNames[static_cast<std::size_t>(kind)]; }

std::optional<TraceEventKind> parse_trace_event_kind(std::string_view text) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == text) return static_cast<TraceEventKind>(i);
  return std::nullopt;
}

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h == 0 ? 1 : h;
}

}  // namespace drydock::traces
