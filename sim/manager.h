// The manager: drives the control plane in virtual time. It sleeps until the control plane's next
// wakeup or a prompt message, delivers every message that has arrived, steps, and executes actions.
#pragma once

#include <memory>

#include "control/control_plane.h"
#include "sim/simulation.h"
#include "sim/world.h"

namespace drydock::sim {

void run_manager(World& world, ControlPlane& control, const SimOptions& options, SimPerf& perf);

}  // namespace drydock::sim
