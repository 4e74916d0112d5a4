#include "model/event.h"

#include <array>
#include <utility>

namespace drydock {
namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 19> kNames = {{
    {EventKind::kSubmitted, "submitted"},
    {EventKind::kPlaced, "placed"},
    {EventKind::kUnschedulable, "unschedulable"},
    {EventKind::kStarted, "started"},
    {EventKind::kStopped, "stopped"},
    {EventKind::kExited, "exited"},
    {EventKind::kRemoved, "removed"},
    {EventKind::kHostJoined, "host_joined"},
    {EventKind::kHostFailed, "host_failed"},
    {EventKind::kHostSuspected, "host_suspected"},
    {EventKind::kHostDeclaredDown, "host_declared_down"},
    {EventKind::kHostRecovered, "host_recovered"},
    {EventKind::kHostReady, "host_ready"},
    {EventKind::kScaled, "scaled"},
    {EventKind::kFault, "fault"},
    {EventKind::kCompleted, "completed"},
    {EventKind::kUpdate, "update"},
    {EventKind::kHostAdded, "host_added"},
    {EventKind::kHostRemoved, "host_removed"},
}};

}  // namespace

std::string_view to_string(EventKind kind) {
  for (const auto& [k, name] : kNames)
    if (k == kind) return name;
  return "unknown";
}

std::optional<EventKind> parse_event_kind(std::string_view text) {
  for (const auto& [k, name] : kNames)
    if (name == text) return k;
  return std::nullopt;
}

}  // namespace drydock
