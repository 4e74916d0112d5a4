// The scenario's `faults:` turned into a time-ordered list of concrete actions on hosts and services,
// the one fault timeline both runtimes follow (sim/faults.cc injects it in the simulator,
// live/scenario_runner.cc on real hosts).
// Generators (random_failures, container_crashes) are drawn here from the scenario's seed, so the plan
// is a pure function of the scenario: the same seed gives the same faults, whatever the policy.
#pragma once

#include <cstddef>
#include <vector>

#include "workloads/scenario.h"

namespace drydock {

struct FaultAction {
  enum class Kind {
    kCrash,           // turn the host off
    kRecover,         // turn it back on
    kHang,            // freeze every actor on the host
    kResume,          // unfreeze them
    kDelayHeartbeats, // freeze the agent only, for `duration`
    kPartition,       // drop messages between the manager and the host
    kHeal,            // stop dropping them
    kContainerCrash,  // one running replica of `service` (chosen when it happens) crashes
  };
  Time at = 0;
  Kind kind = Kind::kCrash;
  std::size_t host = 0;     // index into scenario.hosts
  std::size_t service = 0;  // index into scenario.services (kContainerCrash)
  Time duration = 0;        // kDelayHeartbeats
};

// Sorted by time; actions at the same time keep the order of the scenario's faults.
std::vector<FaultAction> plan_faults(const Scenario& scenario);

// A Weibull-distributed time with the given mean and shape (shape 1 = exponential), from the uniform
// draw u in [0, 1): inverse CDF scale * (-ln(1 - u))^(1/shape), scale = mean / Gamma(1 + 1/shape).
Time weibull_time(double u, Time mean, double shape);

}  // namespace drydock
