// One row of a run's event log (events.csv). Both runtimes and the control plane produce these; the
// analysis reads them back. `kind` is a closed set so that a typo can never create a new metric.
#pragma once

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

struct Event {
  Time time = 0;
  EventKind kind = EventKind::kSubmitted;
  std::string service;  // names, not ids: the log is read by people and by other tools
  std::string replica;
  std::string host;
  std::string detail;
};

}  // namespace drydock
