// The arrival sequence of the FGD paper's fill experiment (FGD-PROTOCOL.md 1.3): the trace's pods as
// a bag of shapes, shuffled, then resampled with replacement (or thinned) until the GPU request reaches
// `inflate` x the cluster's GPU capacity; and the seeded node ranks that break score ties. Every draw
// comes from one Go math/rand generator in the authors' order, so the sequence is theirs to the pod.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/go_rand.h"

namespace drydock::fill {

// One row of an openb pod list; every field of the format the experiment uses.
struct TracePod {
  std::string name;
  std::int64_t cpu_milli = 0;
  std::int64_t memory_mib = 0;
  int num_gpu = 0;
  int gpu_milli = 0;     // per GPU, in (0, 1000] when num_gpu > 0, else 0
  std::string gpu_spec;  // accepted models, '|'-separated; empty = any
  std::int64_t gpu_request() const { return static_cast<std::int64_t>(gpu_milli) * num_gpu; }
};

struct ArrivalPlan {
  std::vector<int> order;      // arrivals, as indices into the name-sorted pod list
  int clones = 0;              // resampled pods appended (tune up)
  int removed = 0;             // pods deleted (tune down)
  std::int64_t requested = 0;  // total GPU milli of the arrivals
  std::vector<int> node_rank;  // per node in name-sorted order: its tie-break rank (0 wins ties)
};

// `pods` sorted by name; `node_count` nodes; `capacity_milli` the cluster's GPU milli. Seeds `rng`.
ArrivalPlan plan_arrivals(const std::vector<TracePod>& pods, int node_count, std::int64_t capacity_milli,
                          double inflate, std::int64_t seed, GoRand& rng);

}  // namespace drydock::fill
