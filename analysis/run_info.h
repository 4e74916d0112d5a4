// What the analysis must know about a run besides its event log: the inventory it ran on.
// Both runtimes fill it in; it is also written into summary.json so that a results directory stands
// on its own.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "model/resources.h"
#include "model/time.h"

namespace drydock {

struct RunInfo {
  std::string scenario;
  std::string runtime;  // "sim" or "live"
  std::string policy;
  std::map<std::string, std::string> policy_params;  // empty: the policy's defaults
  std::uint64_t seed = 0;
  Time duration = 0;
  std::map<std::string, Resources> hosts;     // name -> capacity
  std::map<std::string, Resources> services;  // name -> request per replica
  std::string detector;                       // description of the failure detector
};

}  // namespace drydock
