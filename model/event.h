// One row of a run's event log (events.csv). Both runtimes and the control plane produce these; the
// analysis reads them back. `kind` is a closed set so that a typo can never create a new metric.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/time.h"

namespace drydock {

enum class EventKind {
  kSubmitted,           // a replica exists in desired state, not yet placed
  kPlaced,              // the scheduler chose a host
  kUnschedulable,       // the scheduler found no host; detail says why
  kStarted,             // the container runs (ground truth from the runtime)
  kStopped,             // the container was stopped on purpose
  kExited,              // the container ended by itself or died with its host; detail says which
  kRemoved,             // the control plane gave a replica up (its host was declared down, scale down)
  kHostJoined,
  kHostFailed,          // ground truth: the host crashed (runtime only)
  kHostSuspected,       // the detector's first doubt
  kHostDeclaredDown,    // the detector's verdict
  kHostRecovered,       // ground truth: the host is back (runtime)
  kHostReady,           // the detector sees the host alive again
  kScaled,              // desired replicas of a service changed
  kFault,               // a fault was injected; detail names it
  kCompleted,           // a replica ended and, by its restart policy, is done: not replaced (batch task)
  kUpdate,              // a rolling update of a service: start, progress, complete (detail)
  kHostAdded,           // the cluster autoscaler powered a pool host on; it joins after booting
  kHostRemoved,         // the cluster autoscaler powered an idle pool host off
};

std::string_view to_string(EventKind kind);
std::optional<EventKind> parse_event_kind(std::string_view text);

// Why something happened, for the kinds where the analysis needs to know. Each cause belongs to one
// kind and is written in `detail` by the name in its comment.
enum class EventCause {
  kNone,
  kFinished,          // exited: the replica ran its run time ("finished")
  kCrashed,           // exited: an injected container crash ("crashed")
  kHostFailed,        // exited: it died with its host ("host failed")
  kHostRemoved,       // exited: its host was powered off by the cluster autoscaler ("host removed")
  kCrash,             // host_failed: turned off ("crash")
  kHang,              // host_failed: frozen, its containers serve nothing ("hang")
  kReboot,            // host_recovered: back on, empty ("reboot")
  kResume,            // host_recovered: thawed, its containers go on ("resume")
  kScaleDown,         // removed ("scale down")
  kDrain,             // removed: its host is drained ("drain")
  kUpdate,            // removed: replaced by a rolling update ("update")
  kHostDeclaredDown,  // removed: its host was declared down ("host declared down")
  kStartTimedOut,     // removed: no news of its start ("start timed out")
  kSucceeded,         // completed ("succeeded")
  kFailed,            // completed ("failed")
  kClusterAutoscaler, // host_joined: a pool host powered on ("cluster autoscaler")
};

// Which fault a `fault` event injected (its `detail`: the name in the comment).
enum class InjectedFault {
  kNone,
  kHostCrash,       // "host_crash"
  kHostRecover,     // "host_recover"
  kHostHang,        // "host_hang"
  kHostResume,      // "host_resume" (live: the hang's end is a command of its own)
  kHeartbeatDelay,  // "heartbeat_delay 20s": the agent pauses for `duration`
  kPartition,       // "partition"
  kPartitionHeal,   // "partition_heal"
  kContainerCrash,  // "container_crash"
};

// What an event says beyond who and when: typed where the analysis reads it, free text otherwise (an
// unschedulable reason, a detector's description, a rolling update's progress, a container id). One
// of cause, fault, scaled counts or text is set; render_detail() writes it as events.csv's `detail`,
// parse_detail() reads it back.
struct EventPayload {
  EventCause cause = EventCause::kNone;
  InjectedFault fault = InjectedFault::kNone;
  Time duration = 0;       // fault kHeartbeatDelay: how long the agent pauses
  int from = -1, to = -1;  // scaled: desired replicas before and after
  std::string text;        // free text, when nothing above is set

  EventPayload() = default;
  EventPayload(EventCause c) : cause(c) {}                                    // NOLINT: implicit on purpose
  EventPayload(InjectedFault f, Time d = 0) : fault(f), duration(d) {}       // NOLINT
  EventPayload(std::string t) : text(std::move(t)) {}                        // NOLINT
  EventPayload(const char* t) : text(t) {}                                   // NOLINT
  static EventPayload scaled(int before, int after) {
    EventPayload p;
    p.from = before;
    p.to = after;
    return p;
  }
  bool operator==(const EventPayload&) const = default;
};

// The payload as events.csv's detail column writes it, and back. parse_detail(k, render_detail(k, p))
// == p for every payload a writer builds; a detail that names no cause or fault of `kind` is text.
std::string render_detail(EventKind kind, const EventPayload& payload);
EventPayload parse_detail(EventKind kind, std::string_view detail);

struct Event {
  Time time = 0;
  EventKind kind = EventKind::kSubmitted;
  std::string service;  // names, not ids: the log is read by people and by other tools
  std::string replica;  // replica_name(service, index)
  std::string host;
  EventPayload payload;
  std::string detail;   // render_detail(kind, payload): what events.csv writes
};

// Every writer builds its events here, so that payload and detail always agree.
Event make_event(Time time, EventKind kind, std::string service, std::string replica, std::string host,
                 EventPayload payload = {});

// The name of a service's replica in the event log and everywhere a person reads it: "web.12".
std::string replica_name(std::string_view service, std::uint64_t index);

}  // namespace drydock
