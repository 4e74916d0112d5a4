// One event of a cluster trace, whatever format it came from.
//
// Every reader in traces/ turns its rows into this one type, so that a replay, `drydock trace stats` and
// the tests never care which trace they read. Units are drydock's (control/resources.h): seconds, CPU
// cores, MiB, GPU devices. Normalised traces (Google 2011, Alibaba 2018 memory) are scaled by a stated
// machine size (traces/trace_units.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/resources.h"
#include "model/time.h"

namespace drydock::traces {

enum class TraceEventKind : std::uint8_t {
  kMachineAdd,
  kMachineRemove,   // the machine left the cluster: a failure or maintenance, the trace does not say
  kMachineUpdate,   // new capacity (or attributes) of a known machine
  kTaskSubmit,      // the task became eligible for scheduling (pending)
  kTaskSchedule,    // the trace's own scheduler placed it on `machine_id`
  kTaskEvict,       // descheduled by the trace's scheduler (preemption, machine failure)
  kTaskFail,        // the task ended abnormally
  kTaskFinish,      // the task ended normally
  kTaskKill,        // cancelled by the user or a driver program
  kTaskLost,        // the trace lost track of it (Google: LOST, no end record)
  kTaskUpdatePending,   // request or constraints changed while pending
  kTaskUpdateRunning,   // request or constraints changed while running
};
inline constexpr int kTraceEventKinds = 12;

std::string_view to_string(TraceEventKind kind);
std::optional<TraceEventKind> parse_trace_event_kind(std::string_view text);

inline bool is_machine_event(TraceEventKind k) { return k <= TraceEventKind::kMachineUpdate; }
// Events after which the task no longer holds resources on a machine (it may be submitted again).
inline bool is_task_end(TraceEventKind k) {
  return k >= TraceEventKind::kTaskEvict && k <= TraceEventKind::kTaskLost;
}

// Time before the trace window (Google 2011 time 0: "the event happened before the trace started").
inline constexpr Time kBeforeWindow = 0.0;

struct TraceEvent {
  Time time = 0;                 // seconds from the trace's origin; kNever = after the window
  TraceEventKind kind = TraceEventKind::kTaskSubmit;
  std::int64_t machine_id = -1;  // -1: none (a pending task) or unknown
  std::int64_t job_id = -1;      // -1 on machine events
  std::int32_t task_index = -1;  // index of the task within its job; -1 on machine events
  std::int32_t count = 1;        // how many identical tasks this event stands for (Alibaba batch_task)
  Resources resources;           // machine: capacity; task: request (drydock units)
  bool resources_known = false;  // false when the row left the resource fields empty
  std::int32_t priority = -1;    // trace's own scale (Google 0..11, higher = more important); -1 unknown
  std::int32_t scheduling_class = -1;  // Google 0..3 (latency sensitivity), Alibaba/openb QoS class
  std::uint64_t user = 0;        // 64-bit hash of the user / tenant / subscription string; 0 = none
  std::uint64_t platform = 0;    // machines: hash of the platform / model string; 0 = none
  // Device-level GPUs (openb): a machine's GPU count; a task's GPU count and share of each GPU (milli,
  // 1..1000); GPU models as bits of the reader's model table (OpenbReader::gpu_models()): a machine's
  // model, the models a task accepts (0 = any).
  std::int32_t gpu_devices = 0;
  std::int32_t gpu_milli = 0;
  std::uint32_t gpu_models = 0;
  bool different_machines = false;  // Google: tasks of this job must run on distinct machines
  std::uint32_t source = 0;      // which input of a merged stream this came from (0 for a single reader)
  std::uint64_t line = 0;        // line number in that input (1-based), for error messages and debugging
};

// FNV-1a: a stable 64-bit hash for anonymised strings (users, platforms). Stable across runs and builds,
// unlike std::hash, so hashed ids may reach outputs. Never returns 0 (0 means "none").
std::uint64_t stable_hash(std::string_view text);

}  // namespace drydock::traces
