// What runs on a simulated worker host: the agent that heartbeats, and the short-lived actors that
// pull images and start or stop containers. All of them live on the host, so a crash (host turned
// off) kills them exactly as it kills a real node's daemon and containers; a hang freezes them (they
// sleep through host_sleep and wait at their next step until the host resumes).
#pragma once

#include "model/ids.h"
#include "sim/world.h"

namespace drydock::sim {

// A hung host's actors make no progress (sim/faults.h): they call these instead of sleeping directly.
// Waits, if the host is hung, until it resumes.
void wait_while_hung(World& world, HostId host);
// Sleeps `duration` of the host's own time: time it spends hung does not count, as a frozen machine's
// timers and work stand still; returns once the time is up and the host is not hung.
void host_sleep(World& world, HostId host, Time duration);

// Starts the heartbeat agent of `host`; `rejoining` adds a full report of (no) running containers.
void start_host_agent(World& world, HostId host, bool rejoining);

// Executes the control plane's actions on the host, after the control message's latency.
void start_container(World& world, ReplicaId replica, ServiceId service, HostId host);
void stop_container(World& world, ReplicaId replica, ServiceId service, HostId host);

// A container's start once its image is local: marks it running, logs and reports it. Returns how long
// it runs (kNever for a server). Does nothing (returns kNever) when the container is gone.
Time container_started(World& world, ReplicaId replica, ServiceId service, HostId host);
// A batch task's normal end, if its container still exists.
void container_finished(World& world, ReplicaId replica, ServiceId service, HostId host);

// The machine goes off: every container on it ends (logged as exited with `exit_detail` if it ran),
// its queued starts and heartbeats stop. Shared by a crash and the autoscaler's removal.
void switch_off_host(World& world, HostId host, const char* exit_detail);
// Ground truth of a crash: every container on the host dies, pulls in progress are lost.
void crash_host(World& world, HostId host);
void recover_host(World& world, HostId host);

}  // namespace drydock::sim
