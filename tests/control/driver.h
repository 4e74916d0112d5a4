// A tiny hand-cranked runtime for tests: it owns a ControlPlane, keeps every event it emitted, and has
// shorthands to register hosts, send heartbeats and confirm actions. Nothing here decides anything; the
// tests assert on what the control plane returned.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "control/control_plane.h"
#include "schedulers/scheduler.h"

namespace drydock::testing {

inline std::vector<act::StartReplica> starts(const std::vector<Action>& actions) {
  std::vector<act::StartReplica> out;
  for (const auto& a : actions)
    if (auto* s = std::get_if<act::StartReplica>(&a)) out.push_back(*s);
  return out;
}

inline std::vector<act::StopReplica> stops(const std::vector<Action>& actions) {
  std::vector<act::StopReplica> out;
  for (const auto& a : actions)
    if (auto* s = std::get_if<act::StopReplica>(&a)) out.push_back(*s);
  return out;
}

inline ServiceSpec service_spec(std::string name, int replicas, Resources request = {0.5, 512, 0}) {
  ServiceSpec s;
  s.name = std::move(name);
  s.image = "img";
  s.replicas = replicas;
  s.request = request;
  return s;
}

class Driver {
 public:
  explicit Driver(std::string policy = "spread", ControlConfig config = {})
      : cp(config, PolicyRegistry::instance().make(policy)) {}

  // Registers a host and, unless `beat` is false, delivers its first heartbeat (which makes it schedulable).
  HostId add_host(const std::string& name, double cpu = 8, double mem = 32768, Time now = 0, bool beat = true) {
    const HostId h = cp.register_host({name, {cpu, mem, 0}, {}}, now);
    if (beat) heartbeat(h, now);
    return h;
  }
  void heartbeat(HostId h, Time now) { cp.observe(obs::Heartbeat{h}, now); }

  std::vector<Action> step(Time now) {
    Ready ready = cp.step(now);
    for (auto& e : ready.events) events.push_back(std::move(e));
    return std::move(ready.actions);
  }

  // Reports every StartReplica in `actions` as started.
  void confirm_starts(const std::vector<Action>& actions, Time now) {
    for (const auto& s : starts(actions)) cp.observe(obs::ReplicaStarted{s.replica, s.host}, now);
  }
  void confirm_stops(const std::vector<Action>& actions, Time now) {
    for (const auto& s : stops(actions)) cp.observe(obs::ReplicaStopped{s.replica, s.host}, now);
  }

  void collect() {
    for (auto& e : cp.take_events()) events.push_back(std::move(e));
  }

  std::vector<Event> events_of(EventKind kind) const {
    std::vector<Event> out;
    for (const auto& e : events)
      if (e.kind == kind) out.push_back(e);
    return out;
  }

  // Replicas of `service` that are placed (starting or running), per host name.
  std::map<std::string, int> placement(ServiceId service) const {
    std::map<std::string, int> out;
    for (const auto& [id, r] : cp.replicas())
      if (r.service == service && (r.state == ReplicaState::kStarting || r.state == ReplicaState::kRunning))
        ++out[cp.cluster().host(r.host).name];
    return out;
  }
  int count_in_state(ServiceId service, ReplicaState state) const {
    int n = 0;
    for (const auto& [id, r] : cp.replicas()) n += r.service == service && r.state == state;
    return n;
  }

  ControlPlane cp;
  std::vector<Event> events;
};

}  // namespace drydock::testing
