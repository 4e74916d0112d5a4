// Runs a scenario in the SimGrid simulator and returns what happened. One call per process: SimGrid's
// engine is a process-wide singleton (run several simulations as several processes).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/run_info.h"
#include "model/event.h"
#include "model/sample.h"
#include "workloads/scenario.h"

namespace drydock::sim {

struct SimOptions {
  bool progress = true;  // a progress line on stderr about once a second
  // Withhold the beats of healthy hosts in steady runs (sim/heartbeat_clock.h) when the detector allows
  // it exactly; false delivers every beat, the check that both give the same results.
  bool withhold_steady_heartbeats = true;
};

// Counters for throughput figures; wall-clock based, so kept out of summary.json (which must be
// byte-identical across runs).
struct SimPerf {
  double wall_seconds = 0;
  double step_seconds = 0;               // time inside the control plane's step()
  std::uint64_t decisions = 0;           // placement decisions made
  std::uint64_t sim_events = 0;          // heartbeats + observations + actions + logged events
  std::uint64_t invariant_checks = 0;    // instants checked against sim/invariants.h
  // Heartbeats of steady runs never sent one by one (sim/heartbeat_clock.h), counted when a run ended.
  std::uint64_t heartbeats_withheld = 0;
};

struct SimResult {
  RunInfo info;
  std::vector<Event> events;   // time-ordered
  std::vector<Sample> samples;
  SimPerf perf;
  // The first broken invariant (sim/invariants.h), empty when all held; the run stopped there, and
  // events and samples hold what happened up to it.
  std::string invariant_violation;
};

SimResult simulate(const Scenario& scenario, const SimOptions& options = {});

}  // namespace drydock::sim
