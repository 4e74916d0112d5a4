#include "sim/invariants.h"

#include <cstdio>
#include <vector>

namespace drydock::sim {
namespace {

[[noreturn]] void fail(Time now, const std::string& rule, const std::string& what) {
  char at[64];
  std::snprintf(at, sizeof at, "invariant violated at t=%.6f s: ", now);
  throw InvariantViolation(at + rule + ": " + what);
}

bool over(const Resources& used, const Resources& cap) { return !(cap - used).fits(Resources{}); }

std::string describe(const Resources& r) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "cpu %.3f, memory %.0f MiB, gpu %.2f", r.cpu, r.memory_mib, r.gpu);
  return buf;
}

}  // namespace

void check_invariants(const World& world, const ControlPlane& control, Time now) {
  const ClusterState& cluster = control.cluster();
  for (std::size_t i = 0; i < cluster.host_count(); ++i) {
    const HostId h(static_cast<HostId::repr>(i));
    if (over(cluster.allocated(h), cluster.capacity(h)))
      fail(now, "books", "host " + cluster.host(h).name + " allocated " + describe(cluster.allocated(h)) + " of " +
                             describe(cluster.capacity(h)));
  }

  const std::size_t services = control.service_count();
  std::vector<int> slots(services, 0), stopping(services, 0), counted(services, 0);
  for (const auto& [id, r] : control.replicas()) {
    if (r.state == ReplicaState::kStopping) ++stopping[r.service.value];
    else ++slots[r.service.value];
  }
  // A rolling update may hold up to max_surge replicas more than desired (control/rolling_update.h).
  std::vector<int> surge(services, 0);
  for (std::size_t s = 0; s < services; ++s) {
    const ServiceStatus& st = control.service(ServiceId(static_cast<ServiceId::repr>(s)));
    const int desired = st.removed ? 0 : std::max(0, st.spec.replicas - st.completed);
    if (st.rollout.active && !st.removed) {
      surge[s] = resolve_update_budget(st.spec.update, desired).max_surge;
      continue;  // the rollout rule below bounds its slots
    }
    if (slots[s] > desired)
      fail(now, "slots", "service " + st.spec.name + " holds " + std::to_string(slots[s]) + " replicas, desired " +
                             std::to_string(desired));
  }

  std::vector<Resources> used(cluster.host_count());
  std::vector<int> available(services, 0);  // counted, and running for the control plane (not stopping)
  for (const auto& [id, c] : world.containers) {
    if (!c.running) continue;
    const ReplicaRecord* r = control.replica(id);
    if (r == nullptr || r->host != c.host) continue;  // an orphan the control plane gave up: not its own
    ++counted[c.service.value];
    available[c.service.value] += r->state == ReplicaState::kRunning;
    used[c.host.value] += world.scenario->services[c.service.value].request;
  }
  for (std::size_t s = 0; s < services && s < world.scenario->services.size(); ++s) {
    const ServiceStatus& st = control.service(ServiceId(static_cast<ServiceId::repr>(s)));
    const int desired = st.removed ? 0 : std::max(0, st.spec.replicas - st.completed);
    if (counted[s] > desired + surge[s] + stopping[s])
      fail(now, "running", "service " + st.spec.name + " runs " + std::to_string(counted[s]) + " counted replicas, desired " +
                               std::to_string(desired) + " + " + std::to_string(surge[s]) + " surge + " +
                               std::to_string(stopping[s]) + " stopping");
    if (!st.rollout.active || st.removed) continue;
    RolloutCounts rollout;
    rollout.desired = desired;
    rollout.budget = resolve_update_budget(st.spec.update, desired);
    rollout.replicas = slots[s];
    rollout.available = available[s];
    rollout.floor_applies = st.rollout.available_at_start && st.spec.replicas == st.rollout.desired_at_start &&
                            st.spec.run_time == kNever && world.last_fault == -kNever &&
                            world.last_loss == -kNever;
    if (auto broken = rollout_violation(rollout)) fail(now, "rollout", "service " + st.spec.name + ": " + *broken);
  }
  for (std::size_t i = 0; i < cluster.host_count(); ++i) {
    const HostId h(static_cast<HostId::repr>(i));
    if (over(used[i], cluster.capacity(h)))
      fail(now, "capacity", "host " + cluster.host(h).name + " runs " + describe(used[i]) + " of " + describe(cluster.capacity(h)));
  }

  // A replica the control plane believes running, on a host it believes alive and that really is up,
  // reachable and not frozen, must exist there, or its end must still be on the way to the manager.
  for (const auto& [id, r] : control.replicas()) {
    if (r.state != ReplicaState::kRunning) continue;
    const std::size_t h = r.host.value;
    if (control.host_health(r.host) != HostHealth::kAlive || !world.host_on[h] || world.partitioned[h] || world.hung[h]) continue;
    auto it = world.containers.find(id);
    if (it != world.containers.end() && it->second.host == r.host && it->second.running) continue;
    if (now - r.since <= 2 * world.message_latency() + 1e-9) continue;
    // The host just came back and its report of what it runs is on the way.
    if (now - world.rejoined_at[h] <= 2 * world.message_latency() + 1e-9) continue;
    // Its exit or stop is in flight when the container vanished within one message latency.
    bool in_flight = false;
    for (auto e = world.log.rbegin(); e != world.log.rend() && now - e->time <= 2 * world.message_latency() + 1e-9; ++e)
      in_flight = in_flight || (e->replica == world.replica_name(id, r.service) &&
                                (e->kind == EventKind::kExited || e->kind == EventKind::kStopped));
    if (!in_flight)
      fail(now, "accounted", "replica " + world.replica_name(id, r.service) + " is running on " + cluster.host(r.host).name +
                                 " for the control plane but not on the host");
  }
}

}  // namespace drydock::sim
