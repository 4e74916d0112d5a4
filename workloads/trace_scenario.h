// A trace replay as a scenario: the machines and tasks of a cluster trace turned into hosts, faults,
// services and scale changes that the simulator runs under any placement policy.
//
// The mapping (one time-ordered pass over the trace, window [from, to], times shifted so the window
// starts at 0):
//  - machine add at or before `from`: a host up at the start; a later add: a host that joins then (it
//    exists from the start, switched off, since SimGrid's platform is fixed once built); remove: a
//    crash the failure detector must notice; re-add: the host recovers. The first known capacity of a
//    machine is its capacity (updates are counted, not applied).
//  - job: a service per (job, request) — tasks of a job that ask for the same resources are replicas
//    of one service. Each task submit raises its service's desired count by one at the submit time.
//  - a task runs, once placed by the policy under test, for as long as the trace ran it (its first
//    SCHEDULE to its next end event: finish, fail, kill, evict or lost; to the end of the window when
//    it has none), then exits successfully and is not replaced. Tasks the trace never scheduled in
//    the window are counted and left out: their run time is unknown.
//  - evictions and resubmissions after a task's first run are counted and left out (one run per task).
//  - an event standing for several identical instances (TraceEvent::count: an SWF job's processors, an
//    Alibaba batch task's instance_num) becomes that many replicas; the facts count instances.
//  - with no `to`, the window ends at the last task event (the machine table may span weeks more).
#pragma once

#include <cstdint>
#include <string>

#include "model/time.h"
#include "traces/trace_reader.h"
#include "workloads/scenario.h"

namespace drydock {

struct TraceReplayOptions {
  Time from = 0;
  Time to = kNever;             // kNever: to the trace's last task event
  std::string name = "trace-replay";
  Resources default_machine{16, 64 * 1024, 0};  // for a machine whose capacity the trace leaves empty
};

// What the trace itself did in the window, to set beside what the policy did.
struct TraceReplayFacts {
  std::uint64_t machines = 0, machine_removes = 0, machine_updates = 0;
  std::uint64_t tasks_submitted = 0;       // distinct tasks submitted in the window
  std::uint64_t tasks_scheduled = 0;       // of those, placed by the trace's own scheduler
  std::uint64_t tasks_never_scheduled = 0;
  std::uint64_t resubmissions_ignored = 0;
  std::uint64_t tasks_without_request = 0;  // request fields empty: replayed with a zero request
  std::vector<double> trace_queueing_delay;  // SCHEDULE - SUBMIT per scheduled task, seconds
  Time window_end = 0;                      // sim time of the last event
};

// Reads `reader` to the end of the window. Throws traces::TraceError on an unreadable input (and on a
// corrupt row in strict mode).
Scenario scenario_from_trace(traces::TraceReader& reader, const TraceReplayOptions& options,
                             TraceReplayFacts& facts);

}  // namespace drydock
