// Fault injection beyond a clean crash: hangs, heartbeat pauses, partitions, container crashes.
// Each function changes the ground truth and records it in the event log, so that the analysis can
// tell a true suspicion (the host really was hung or unreachable) from a false one.
//
//   hang      SIGSTOP-like: every actor on the host (agent, container starts, pulls) stands still, its
//             clock stopped (host_agent.h: host_sleep), and transfers to it pause;
//             logged as host_failed "hang" / host_recovered "resume". On resume the agent reports
//             the containers it runs, as an agent does when it reconnects.
//   delay     a GC-like pause of the agent alone: no heartbeats for a while, containers keep working;
//             logged as fault "heartbeat_delay". Any suspicion meanwhile is false. When the pause ends
//             the agent reports its containers (re-registering, in case it was declared down).
//   partition messages between the manager and the host are dropped both ways (World::send_from,
//             World::reachable); logged as fault "partition" / "partition_heal". On heal the agent
//             reports its containers.
//   container a running replica crashes (exit, failed): logged as exited "crashed".
#pragma once

#include <vector>

#include "workloads/fault_plan.h"
#include "sim/world.h"

namespace drydock::sim {

// `resume_at`: when the plan resumes it (its actors sleep until then, host_agent.h).
void hang_host(World& world, HostId host, Time resume_at);
void resume_host(World& world, HostId host);
void delay_heartbeats(World& world, HostId host, Time duration);
void partition_host(World& world, HostId host);
void heal_host(World& world, HostId host);
void crash_container(World& world, ServiceId service, Rng& rng);

// Runs the plan in the calling actor: sleeps until each action's time and applies it.
void run_fault_plan(World& world, const std::vector<FaultAction>& plan);

}  // namespace drydock::sim
