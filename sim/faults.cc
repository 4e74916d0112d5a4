#include "sim/faults.h"

#include <algorithm>
#include <cstdio>

#include "sim/heartbeat_clock.h"
#include "sim/host_agent.h"

namespace drydock::sim {
namespace s4u = simgrid::s4u;

namespace {

// What the host reports when it is heard from again: the containers it really runs.
void report_containers(World& world, HostId host) {
  world.rejoined_at[host.value] = s4u::Engine::get_clock();
  obs::HostReport report{host, {}};
  for (const auto& [id, c] : world.containers)
    if (c.host == host && c.running) report.running.push_back(id);
  world.send_from(host, std::move(report), true);
}

bool in_autoscaler_pool(const World& world, HostId host) {
  const ClusterAutoscalerSpec& spec = world.scenario->cluster_autoscaler;
  return spec.enabled && std::find(spec.pool_hosts.begin(), spec.pool_hosts.end(), host.value) != spec.pool_hosts.end();
}

// When the plan resumes the host that plan[i] hangs: its next kResume (kNever if none).
Time resume_time(const std::vector<FaultAction>& plan, std::size_t i) {
  for (std::size_t j = i + 1; j < plan.size(); ++j)
    if (plan[j].kind == FaultAction::Kind::kResume && plan[j].host == plan[i].host) return plan[j].at;
  return kNever;
}

}  // namespace

void hang_host(World& world, HostId host, Time resume_at) {
  if (!world.host_on[host.value] || world.hung[host.value]) return;
  world.resume_at[host.value] = resume_at;
  world.set_hung(host, true, s4u::Engine::get_clock());  // its actors stand still (host_agent.h)
  world.record(EventKind::kHostFailed, {}, {}, host, EventCause::kHang);
  // Transfers to it stop: each pull keeps what is left and goes on after the resume.
  for (auto& [name, image] : world.images[host.value])
    if (image.transfer && image.status == ImageState::Status::kPulling) {
      image.left = image.transfer->get_remaining();
      image.transfer->cancel();
    }
  world.beats->freeze(host, s4u::Engine::get_clock());
}

void resume_host(World& world, HostId host) {
  if (!world.host_on[host.value] || !world.hung[host.value]) return;
  world.set_hung(host, false, s4u::Engine::get_clock());
  world.record(EventKind::kHostRecovered, {}, {}, host, EventCause::kResume);
  world.beats->thaw(host, s4u::Engine::get_clock());
  report_containers(world, host);
}

void delay_heartbeats(World& world, HostId host, Time duration) {
  if (!world.host_on[host.value] || world.hung[host.value]) return;
  world.record(EventKind::kFault, {}, {}, host, EventPayload(InjectedFault::kHeartbeatDelay, duration));
  const std::uint64_t epoch = world.agent_epoch[host.value];
  if (world.beats->frozen(host)) return;  // already paused: the pause under way ends it
  world.beats->freeze(host, s4u::Engine::get_clock());
  // The pause ends on its own clock, on the manager's host (the paused host's actors are frozen).
  s4u::Actor::create("gc-pause", world.manager, [&world, host, duration, epoch] {
    s4u::this_actor::sleep_for(duration);
    // Not if the host crashed meanwhile (a new agent) or is hung (its resume wakes the agent).
    if (world.host_on[host.value] && !world.hung[host.value] && world.agent_epoch[host.value] == epoch) {
      world.beats->thaw(host, s4u::Engine::get_clock());
      // An agent silent for long enough to be declared down finds its session gone and re-registers
      // with the containers it runs, as Swarm's does; the control plane stops the ones it replaced.
      report_containers(world, host);
    }
  });
}

void partition_host(World& world, HostId host) {
  if (world.partitioned[host.value]) return;
  world.beats->cut(host, s4u::Engine::get_clock());  // beats due before the cut still reach the manager
  world.partitioned[host.value] = true;
  world.record(EventKind::kFault, {}, {}, host, InjectedFault::kPartition);
}

void heal_host(World& world, HostId host) {
  if (!world.partitioned[host.value]) return;
  world.beats->advance(s4u::Engine::get_clock());  // beats due during the cut are lost
  world.partitioned[host.value] = false;
  world.record(EventKind::kFault, {}, {}, host, InjectedFault::kPartitionHeal);
  if (world.host_on[host.value] && !world.hung[host.value]) report_containers(world, host);
}

void crash_container(World& world, ServiceId service, Rng& rng) {
  std::vector<ReplicaId> candidates;  // containers map is ordered: the choice is reproducible
  for (const auto& [id, c] : world.containers)
    if (c.service == service && c.running && world.host_on[c.host.value] && !world.hung[c.host.value])
      candidates.push_back(id);
  if (candidates.empty()) return;
  const ReplicaId victim = candidates[rng.below(candidates.size())];
  const Container c = world.containers.at(victim);
  world.containers.erase(victim);  // its start actor (a batch task's) sees it gone and ends
  const std::string name = world.replica_name(victim, service);
  world.record(EventKind::kFault, world.service_names[service.value], name, c.host, InjectedFault::kContainerCrash);
  world.record(EventKind::kExited, world.service_names[service.value], name, c.host, EventCause::kCrashed);
  world.send_from(c.host, obs::ReplicaExited{victim, c.host, true}, true);
}

void run_fault_plan(World& world, const std::vector<FaultAction>& plan) {
  using K = FaultAction::Kind;
  Rng rng(world.scenario->seed ^ 0xC0C0A5ULL);  // which replica a container crash hits
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const FaultAction& a = plan[i];
    if (a.at > world.scenario->duration) break;
    s4u::this_actor::sleep_until(a.at);
    const HostId host(static_cast<HostId::repr>(a.host));
    switch (a.kind) {
      case K::kCrash:
        if (world.host_on[host.value]) world.record(EventKind::kFault, {}, {}, host, InjectedFault::kHostCrash);
        crash_host(world, host);
        break;
      case K::kRecover:
        // Only a host that a crash took down (or a trace's machine that never joined) comes back: a pool
        // host the cluster autoscaler keeps off is its to power on, not the fault plan's.
        if (!world.crashed[host.value] && (world.joined[host.value] || in_autoscaler_pool(world, host))) break;
        if (!world.host_on[host.value]) {
          world.record(EventKind::kFault, {}, {}, host, InjectedFault::kHostRecover);
          world.rejoined_at[host.value] = s4u::Engine::get_clock();  // its agent reports on start
        }
        recover_host(world, host);
        break;
      case K::kHang:
        if (world.host_on[host.value] && !world.hung[host.value]) world.record(EventKind::kFault, {}, {}, host, InjectedFault::kHostHang);
        hang_host(world, host, resume_time(plan, i));
        break;
      case K::kResume: resume_host(world, host); break;
      case K::kDelayHeartbeats: delay_heartbeats(world, host, a.duration); break;
      case K::kPartition: partition_host(world, host); break;
      case K::kHeal: heal_host(world, host); break;
      case K::kContainerCrash: crash_container(world, ServiceId(static_cast<ServiceId::repr>(a.service)), rng); break;
    }
  }
}

}  // namespace drydock::sim
