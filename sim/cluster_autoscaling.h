// The simulator's side of the cluster autoscaler, which lives in the control plane
// (control/autoscaling.cc): it executes act::PowerOnHost (the host joins after its boot delay) and
// act::PowerOffHost. A pool host is a platform host turned off at the start (the SimGrid platform is
// fixed once built).
#pragma once

#include "model/ids.h"
#include "model/time.h"
#include "sim/world.h"

namespace drydock::sim {

// A pool host is switched on now and joins `boot_delay` later.
void boot_host(World& world, HostId host, Time boot_delay);
// A pool host joins (an empty machine: its agent starts, it heartbeats and becomes schedulable).
void power_on_host(World& world, HostId host);
// An idle pool host is switched off; the control plane has retired it already.
void power_off_host(World& world, HostId host);

}  // namespace drydock::sim
