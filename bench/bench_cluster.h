// A cluster with realistic mixed occupancy for scheduler benchmarks, built deterministically from a
// seed: three host shapes (16/64, 32/128, 64/256 cores/GiB; one host in ten with 4 GPUs), pre-filled to
// between 20 % and 85 % with replicas of 40 services of mixed sizes (small web replicas to large batch
// tasks), as in the Google and Alibaba traces where most machines are partly allocated.
#pragma once

#include <vector>

#include "model/cluster_state.h"
#include "schedulers/scheduler.h"

namespace drydock::bench {

struct BenchCluster {
  ClusterState state;
  std::vector<ServiceSpec> services;  // 40 services; the first 20 are the ones the benchmark places
  // `count` pending replicas, cycling over the first 20 services in runs of `run` replicas each.
  std::vector<PlacementRequest> requests(std::size_t count, std::size_t run, std::uint64_t first_replica = 0) const;
};

BenchCluster make_cluster(std::size_t hosts, std::uint64_t seed = 42);

}  // namespace drydock::bench
