// FoundationDB-style: a random but seeded runtime drives the control plane through scale changes,
// crashes, lost and late messages, silent hosts and returning ones, and after every step the books
// must add up. Any failure prints the seed and the time to replay it.
#include <gtest/gtest.h>

#include <map>

#include "tests/control/driver.h"

namespace drydock {
namespace {

using testing::Driver;
using testing::service_spec;
using testing::starts;
using testing::stops;

// What a real runtime would have: containers per host, and hosts that are up or not.
struct FakeRuntime {
  struct Container {
    HostId host;
    bool running = false;
  };
  std::map<ReplicaId, Container> containers;
};

void check_books(const ControlPlane& cp, const std::string& where) {
  const ClusterState& c = cp.cluster();
  std::vector<Resources> held(c.host_count());
  std::vector<std::uint32_t> tasks(c.host_count(), 0);
  std::map<std::pair<ServiceId, HostId>, std::uint32_t> per_service;
  for (const auto& [id, r] : cp.replicas()) {
    ASSERT_EQ(r.id, id) << where;
    if (r.state == ReplicaState::kPending) ASSERT_FALSE(r.holds) << where;
    if (r.state == ReplicaState::kStarting || r.state == ReplicaState::kRunning) ASSERT_TRUE(r.holds) << where;
    if (r.state == ReplicaState::kExited) ASSERT_FALSE(r.holds) << where << " exited replicas free their resources";
    if (!r.holds) continue;
    held[r.host.value] += r.held;
    ++tasks[r.host.value];
    ++per_service[{r.service, r.host}];
  }
  for (std::size_t i = 0; i < c.host_count(); ++i) {
    const HostId h(static_cast<HostId::repr>(i));
    ASSERT_NEAR(c.allocated(h).cpu, held[i].cpu, 1e-6) << where << " host " << i;
    ASSERT_NEAR(c.allocated(h).memory_mib, held[i].memory_mib, 1e-6) << where << " host " << i;
    ASSERT_EQ(c.task_count(h), tasks[i]) << where << " host " << i;
    ASSERT_TRUE(c.free(h).non_negative() || c.free(h).fits({0, 0, 0})) << where << " host " << i << " overcommitted";
    for (std::size_t s = 0; s < cp.service_count(); ++s) {
      const ServiceId sid(static_cast<ServiceId::repr>(s));
      const auto it = per_service.find({sid, h});
      ASSERT_EQ(c.service_count(sid, h), it == per_service.end() ? 0u : it->second) << where;
    }
  }
  // After a step, every service has exactly the number of replicas it wants (pending ones included).
  for (std::size_t s = 0; s < cp.service_count(); ++s) {
    const ServiceId sid(static_cast<ServiceId::repr>(s));
    const ServiceStatus& st = cp.service(sid);
    const int want = st.removed ? 0 : std::max(0, st.spec.replicas - st.completed);
    int have = 0;
    for (const auto& [id, r] : cp.replicas()) have += r.service == sid && r.state != ReplicaState::kStopping;
    ASSERT_EQ(have, want) << where << " service " << st.spec.name;
  }
}

void chaos(std::uint64_t seed) {
  Rng rng(seed);
  ControlConfig config;
  config.seed = seed;
  config.start_timeout = 20;
  Driver d(rng.below(2) ? "spread" : "binpack", config);
  FakeRuntime rt;
  std::vector<HostId> hosts;
  std::vector<bool> up, silent;
  for (int i = 0; i < 5; ++i) {
    hosts.push_back(d.add_host("h" + std::to_string(i), 4, 8192, 0));
    up.push_back(true);
    silent.push_back(false);
  }
  std::vector<ServiceId> services;
  for (int s = 0; s < 3; ++s) {
    ServiceSpec spec = service_spec("s" + std::to_string(s), static_cast<int>(rng.below(8)), {0.5 + s * 0.5, 512, 0});
    spec.restart.condition = static_cast<RestartPolicy::Condition>(rng.below(3));
    spec.restart.max_attempts = static_cast<int>(rng.below(3));  // 0 = unlimited
    spec.restart.window = rng.below(2) ? 30 : 0;
    services.push_back(d.cp.apply_service(spec, 0));
  }
  std::vector<std::pair<Time, Observation>> inbox;  // delayed messages
  Time t = 0;
  for (int tick = 0; tick < 400; ++tick) {
    t += 0.5;
    const std::string where = "seed " + std::to_string(seed) + " t=" + std::to_string(t);
    // Runtime events.
    const auto roll = rng.below(100);
    if (roll < 3) {
      const ServiceId s = services[rng.below(services.size())];
      d.cp.scale(s, static_cast<int>(rng.below(12)), t);
    } else if (roll < 5) {  // a host crashes: its containers vanish, it falls silent
      const std::size_t h = rng.below(hosts.size());
      up[h] = false;
      for (auto it = rt.containers.begin(); it != rt.containers.end();)
        it = it->second.host == hosts[h] ? rt.containers.erase(it) : std::next(it);
    } else if (roll < 7) {  // a host is partitioned: containers keep running, no heartbeats
      silent[rng.below(hosts.size())] = true;
    } else if (roll < 10) {  // a host recovers or reconnects and lists what it runs
      const std::size_t h = rng.below(hosts.size());
      up[h] = true;
      silent[h] = false;
      obs::HostReport report{hosts[h], {}};
      for (const auto& [id, c] : rt.containers)
        if (c.host == hosts[h] && c.running) report.running.push_back(id);
      inbox.push_back({t + 0.1, report});
    } else if (roll < 14 && !rt.containers.empty()) {  // a container crashes or finishes
      auto it = rt.containers.begin();
      std::advance(it, rng.below(rt.containers.size()));
      if (it->second.running) {
        inbox.push_back({t + 0.1, obs::ReplicaExited{it->first, it->second.host, rng.below(2) == 0}});
        rt.containers.erase(it);
      }
    }
    // Heartbeats every 5 s from live, connected hosts.
    if (tick % 10 == 0)
      for (std::size_t h = 0; h < hosts.size(); ++h)
        if (up[h] && !silent[h]) d.heartbeat(hosts[h], t);
    // Deliver due messages (most of them; a few are lost).
    std::vector<std::pair<Time, Observation>> later;
    for (auto& [at, o] : inbox) {
      if (at > t) later.push_back({at, o});
      else if (rng.below(20) != 0) d.cp.observe(o, t);
    }
    inbox.swap(later);
    const auto actions = d.step(t);
    ASSERT_NO_FATAL_FAILURE(check_books(d.cp, where));
    // One step does all the work there is at this instant: a runtime that trusts next_wakeup() and does
    // not loop must not be left with a half-reconciled state.
    ASSERT_GT(d.cp.next_wakeup(), t) << where << ": work left after one step";
    // Level-triggered: a second step at the same instant finds nothing left to do.
    const auto again = d.step(t);
    ASSERT_TRUE(again.empty()) << where << ": second step acted";
    ASSERT_GT(d.cp.next_wakeup(), t) << where << ": work left after stepping";
    for (const auto& a : starts(actions)) {
      ASSERT_TRUE(d.cp.cluster().schedulable(a.host)) << where << " placed on an unready host";
      const std::size_t h = a.host.value;
      if (!up[h]) continue;  // the start is lost with the host
      rt.containers[a.replica] = {a.host, false};
      // Started after a random latency, sometimes too late (start timeout) or never reported.
      const Time delay = 0.5 + rng.uniform(0, 25);
      inbox.push_back({t + delay, obs::ReplicaStarted{a.replica, a.host}});
    }
    for (const auto& a : stops(actions)) {
      auto it = rt.containers.find(a.replica);
      if (it != rt.containers.end() && it->second.host == a.host && up[a.host.value]) {
        rt.containers.erase(it);
        inbox.push_back({t + 0.2, obs::ReplicaStopped{a.replica, a.host}});
      }
    }
    // Containers whose start message is delivered are running.
    for (const auto& [at, o] : inbox)
      if (auto* s = std::get_if<obs::ReplicaStarted>(&o); s && at <= t + 0.5)
        if (auto it = rt.containers.find(s->replica); it != rt.containers.end()) it->second.running = true;
  }
}

TEST(Invariants, BooksBalanceUnderRandomFaults) {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    ASSERT_NO_FATAL_FAILURE(chaos(seed)) << "seed " << seed;
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace drydock
