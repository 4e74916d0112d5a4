// Invariants checked on every simulation, FoundationDB style: after each instant the manager handles,
// the control plane's books and the ground truth must agree with the rules below, whatever faults were
// injected. A violation ends the run with an error naming the time, the rule and the culprit, so a
// randomized test over many seeds and fault schedules finds the bug instead of a skewed figure.
//
//   books        no host's allocation (control plane) exceeds its capacity
//   slots        no service holds more replicas (pending, starting, running, waiting to restart) than
//                desired: the reconciler never over-provisions (no rolling update surge exists yet)
//   running      containers that really run and that the control plane counts as its own (same replica,
//                same host) are at most desired per service, plus the ones it is stopping
//   capacity     on every host, the requests of those counted containers fit its capacity
//   accounted    every container the control plane counts as running on a host it believes alive
//                exists there, unless news of its end is still on the way
#pragma once

#include <stdexcept>
#include <string>

#include "control/control_plane.h"
#include "sim/world.h"

namespace drydock::sim {

class InvariantViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws InvariantViolation on the first broken rule.
void check_invariants(const World& world, const ControlPlane& control, Time now);

}  // namespace drydock::sim
