#include "model/event.h"

#include <array>
#include <cstdio>
#include <cstdlib>
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

struct CauseName {
  EventKind kind;
  EventCause cause;
  std::string_view name;
};
constexpr CauseName kCauses[] = {
    {EventKind::kExited, EventCause::kFinished, "finished"},
    {EventKind::kExited, EventCause::kCrashed, "crashed"},
    {EventKind::kExited, EventCause::kHostFailed, "host failed"},
    {EventKind::kExited, EventCause::kHostRemoved, "host removed"},
    {EventKind::kHostFailed, EventCause::kCrash, "crash"},
    {EventKind::kHostFailed, EventCause::kHang, "hang"},
    {EventKind::kHostRecovered, EventCause::kReboot, "reboot"},
    {EventKind::kHostRecovered, EventCause::kResume, "resume"},
    {EventKind::kRemoved, EventCause::kScaleDown, "scale down"},
    {EventKind::kRemoved, EventCause::kDrain, "drain"},
    {EventKind::kRemoved, EventCause::kUpdate, "update"},
    {EventKind::kRemoved, EventCause::kHostDeclaredDown, "host declared down"},
    {EventKind::kRemoved, EventCause::kStartTimedOut, "start timed out"},
    {EventKind::kCompleted, EventCause::kSucceeded, "succeeded"},
    {EventKind::kCompleted, EventCause::kFailed, "failed"},
    {EventKind::kHostJoined, EventCause::kClusterAutoscaler, "cluster autoscaler"},
};

constexpr std::pair<InjectedFault, std::string_view> kFaults[] = {
    {InjectedFault::kHostCrash, "host_crash"},
    {InjectedFault::kHostRecover, "host_recover"},
    {InjectedFault::kHostHang, "host_hang"},
    {InjectedFault::kHostResume, "host_resume"},
    {InjectedFault::kHeartbeatDelay, "heartbeat_delay"},
    {InjectedFault::kPartition, "partition"},
    {InjectedFault::kPartitionHeal, "partition_heal"},
    {InjectedFault::kContainerCrash, "container_crash"},
};

std::string_view fault_name(InjectedFault f) {
  for (const auto& [k, name] : kFaults)
    if (k == f) return name;
  return "?";
}

// "80->100": the counts of a scaled event; nullopt if `text` is not two counts around an arrow.
std::optional<std::pair<int, int>> parse_counts(std::string_view text) {
  const auto arrow = text.find("->");
  if (arrow == std::string_view::npos) return std::nullopt;
  auto count = [](std::string_view digits) -> std::optional<int> {
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos)
      return std::nullopt;
    return std::atoi(std::string(digits).c_str());
  };
  auto from = count(text.substr(0, arrow)), to = count(text.substr(arrow + 2));
  if (!from || !to) return std::nullopt;
  return std::make_pair(*from, *to);
}

}  // namespace

std::string render_detail(EventKind kind, const EventPayload& p) {
  if (p.cause != EventCause::kNone)
    for (const auto& c : kCauses)
      if (c.cause == p.cause) return std::string(c.name);
  if (p.fault == InjectedFault::kHeartbeatDelay) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "heartbeat_delay %gs", p.duration);
    return buf;
  }
  if (p.fault != InjectedFault::kNone) return std::string(fault_name(p.fault));
  if (p.from >= 0 && p.to >= 0) return std::to_string(p.from) + "->" + std::to_string(p.to);
  return p.text;
}

EventPayload parse_detail(EventKind kind, std::string_view detail) {
  for (const auto& c : kCauses)
    if (c.kind == kind && c.name == detail) return c.cause;
  if (kind == EventKind::kFault) {
    constexpr std::string_view kDelay = "heartbeat_delay ";
    if (detail.substr(0, kDelay.size()) == kDelay && detail.size() > kDelay.size() && detail.back() == 's') {
      const std::string number(detail.substr(kDelay.size(), detail.size() - kDelay.size() - 1));
      char* end = nullptr;
      const double d = std::strtod(number.c_str(), &end);
      if (end == number.c_str() + number.size()) return EventPayload(InjectedFault::kHeartbeatDelay, d);
    }
    for (const auto& [f, name] : kFaults)
      if (name == detail && f != InjectedFault::kHeartbeatDelay) return f;
  }
  if (kind == EventKind::kScaled)
    if (auto counts = parse_counts(detail)) return EventPayload::scaled(counts->first, counts->second);
  return std::string(detail);
}

Event make_event(Time time, EventKind kind, std::string service, std::string replica, std::string host,
                 EventPayload payload) {
  Event e;
  e.time = time;
  e.kind = kind;
  e.service = std::move(service);
  e.replica = std::move(replica);
  e.host = std::move(host);
  e.detail = render_detail(kind, payload);
  e.payload = std::move(payload);
  return e;
}

std::string replica_name(std::string_view service, std::uint64_t index) {
  std::string name(service);
  name += '.';
  name += std::to_string(index);
  return name;
}

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
