// The checks every policy shares before it scores a host, and the explanation of a failed placement.
#pragma once

#include <array>
#include <string>

#include "control/cluster_state.h"
#include "schedulers/scheduler.h"

namespace drydock {

enum class Rejection { kNone, kNotSchedulable, kCpu, kMemory, kGpu, kConstraint, kMaxPerHost, kCount };

// Why host h cannot take the replica, or kNone when it can.
Rejection check_host(const ClusterState& state, HostId h, const PlacementRequest& request);

// Tallies rejections over hosts and renders "insufficient memory on 7 hosts; constraint zone==b on 3 hosts".
class RejectionTally {
 public:
  void add(Rejection r) { ++counts_[static_cast<std::size_t>(r)]; }
  std::string explain(const PlacementRequest& request) const;

 private:
  std::array<std::size_t, static_cast<std::size_t>(Rejection::kCount)> counts_{};
};

// Filter every host, returning the feasible ones in id order; fills `tally` for the unplaced case.
void feasible_hosts(const ClusterState& state, const PlacementRequest& request, std::vector<HostId>& out,
                    RejectionTally& tally);

}  // namespace drydock
