// The simulated platform: a manager, a registry and the worker hosts of the scenario, each with its own
// link to one switch (a SimGrid star zone). Image pulls are real flows from the registry, so hosts
// that pull at once share the registry's bandwidth.
#pragma once

#include <simgrid/s4u.hpp>

#include <vector>

#include "workloads/scenario.h"

namespace drydock::sim {

struct Platform {
  simgrid::s4u::Host* manager = nullptr;
  simgrid::s4u::Host* registry = nullptr;
  std::vector<simgrid::s4u::Host*> workers;  // in scenario order: index = HostId
};

Platform build_platform(const Scenario& scenario);

}  // namespace drydock::sim
