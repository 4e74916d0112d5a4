// Invariants checked on a run's event log alone (events.csv), so that a live run, whose ground truth
// is not in memory as a simulation's is (sim/invariants.h), is held to the rules its log can show:
//
//   lifecycle   a replica starts at most once, only after it was placed, and on the host it was placed
//               on; nothing of it starts after it stopped or exited
//   running     per service, the replicas running and still counted by the control plane (started, not
//               stopped or exited, not removed) are at most desired (the last `scaled` target minus the
//               `completed` batch tasks) plus, during a rolling update, its max_surge (from the `update
//               start` row; scaled in proportion when desired grew during the update, as a percentage
//               budget does). Source: the Deployment's maxSurge and the ReplicaSet's replica count; a
//               replica the control plane removed (stopping, or given up with its host) is not counted,
//               as Kubernetes does not count terminating pods.
//
// Rows at one time are applied together before the rules are checked.
#pragma once

#include <string>
#include <vector>

#include "model/event.h"

namespace drydock {

// What is broken, one line each ("t=12.000000 s: running: service web: 5 counted, desired 3 + surge 1").
std::vector<std::string> check_event_log(const std::vector<Event>& events);

}  // namespace drydock
