// The FGD paper's fill experiment as a pure loop (FGD-PROTOCOL.md 1.4): the arrivals of
// plan_arrivals() placed one at a time by one policy, no departures, no retries; a pod that fits
// nowhere fails and still counts as arrived. After every attempt the cluster's GPU allocation,
// idle GPU and fragmentation are recorded. No clock, no I/O: the CLI reads the trace and writes files.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "fill/arrivals.h"
#include "schedulers/gpu/gpu_policy.h"

namespace drydock::fill {

struct FillSetup {
  std::vector<GpuNodeSpec> nodes;  // any order; the experiment sorts by name and ranks them
  std::vector<TracePod> pods;      // the original trace, any order
  std::string policy = "fgd";
  std::optional<GpuChoice> gpu_choice;  // default: the paper's choice for the policy
  std::int64_t seed = 42;
  double inflate = 1.3;
  double typical_coverage = 0.95;
};

struct FillEvent {
  std::int64_t arrived_milli = 0;  // GPU milli requested by all attempts so far, failed ones included
  std::int64_t used_milli = 0;     // GPU milli allocated after this attempt
  std::int64_t idle_milli = 0;
  double fragment_milli = 0;       // cluster fragmentation against the typical shapes
  int pod = 0;                     // index into FillResult::pods (name-sorted trace)
  int node = -1;                   // index into FillResult::node_names; -1 = failed
  std::uint32_t gpus = 0;          // bit g: the pod took GPU g of the node
};

struct FillResult {
  std::vector<TracePod> pods;             // the trace sorted by name
  std::vector<std::string> node_names;    // in tie-break order (index 0 wins ties)
  std::vector<std::string> node_models;
  ArrivalPlan plan;
  std::vector<FillEvent> events;          // one per arrival
  std::int64_t capacity_milli = 0;
  int placed = 0, failed = 0;
  std::size_t typical_shapes = 0, distinct_shapes = 0;
  double typical_coverage_pct = 0;        // share of the trace's pods the typical shapes cover
  double initial_fragment_milli = 0;      // the empty cluster's fragmentation
  std::string policy;
  GpuChoice gpu_choice = GpuChoice::kBest;
};

// `progress(done, total)` is called now and then (may be empty).
FillResult run_fill(const FillSetup& setup, const std::function<void(std::size_t, std::size_t)>& progress = {});
// The same with a policy object the caller built (setup.policy and gpu_choice are then only labels).
FillResult run_fill_with(const FillSetup& setup, GpuPolicy& policy,
                         const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace drydock::fill
