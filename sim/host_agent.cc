#include "sim/host_agent.h"

#include <limits>

namespace drydock::sim {
namespace s4u = simgrid::s4u;

namespace {

const ServiceSpec& spec_of(const World& world, ServiceId s) { return world.scenario->services[s.value]; }

// Makes sure the service's image is on the host: the first caller pulls it from the registry (a real
// flow, sharing bandwidth with concurrent pulls); later callers wait for that pull.
void ensure_image(World& world, HostId host, const ServiceSpec& spec) {
  ImageState& image = world.images[host.value][spec.image];
  if (!image.mutex) {
    image.mutex = s4u::Mutex::create();
    image.ready = s4u::ConditionVariable::create();
  }
  std::unique_lock lock(*image.mutex);
  while (image.status != ImageState::Status::kReady) {
    if (image.status == ImageState::Status::kAbsent) {
      image.status = ImageState::Status::kPulling;
      lock.unlock();
      // A separate actor pulls, so that stopping the container that asked does not cancel the pull.
      s4u::Actor::create("pull-" + spec.image, world.hosts[host.value], [&world, host, &spec] {
        s4u::Comm::sendto(world.registry, world.hosts[host.value], spec.image_bytes);
        ImageState& img = world.images[host.value][spec.image];
        std::unique_lock l(*img.mutex);
        img.status = ImageState::Status::kReady;
        img.ready->notify_all();
      });
      lock.lock();
      continue;
    }
    image.ready->wait(lock);
  }
}

}  // namespace

void start_host_agent(World& world, HostId host, bool rejoining) {
  ++world.agent_epoch[host.value];
  world.agents[host.value] = s4u::Actor::create("agent", world.hosts[host.value], [&world, host, rejoining] {
    const HeartbeatSpec& hb = world.scenario->heartbeat;
    if (rejoining) world.send_from(host, obs::HostReport{host, {}}, true);
    for (;;) {
      ++world.heartbeats;
      world.send_from(host, obs::Heartbeat{host}, world.prompt_heartbeat[host.value]);
      const double jitter = world.host_rng[host.value].uniform(-hb.jitter, hb.jitter);
      s4u::this_actor::sleep_for(hb.period + jitter);
    }
  });
}

void start_container(World& world, ReplicaId replica, ServiceId service, HostId host) {
  if (!world.reachable(host)) return;  // the message is lost with the host or in the partition
  s4u::ActorPtr actor = s4u::Actor::create("start", world.hosts[host.value], [&world, replica, service, host] {
    const ServiceSpec& spec = spec_of(world, service);
    const std::string name = world.replica_name(replica, service);
    s4u::this_actor::sleep_for(world.message_latency());
    ensure_image(world, host, spec);
    s4u::this_actor::sleep_for(world.scenario->start_latency.at(spec.name));
    auto it = world.containers.find(replica);
    if (it == world.containers.end()) return;  // stopped while it was starting
    it->second.running = true;
    world.record(EventKind::kStarted, spec.name, name, host);
    world.send_from(host, obs::ReplicaStarted{replica, host}, true);
    if (spec.run_time == kNever) {
      it->second.actor = nullptr;  // a server runs until stopped; nothing left for this actor to do
      return;
    }
    s4u::this_actor::sleep_for(spec.run_time);
    world.containers.erase(replica);
    world.record(EventKind::kExited, spec.name, name, host, "finished");
    world.send_from(host, obs::ReplicaExited{replica, host, false}, true);
  });
  if (world.hung[host.value]) actor->suspend();  // a frozen host does nothing until it resumes
  world.containers[replica] = Container{service, host, false, actor};
}

void stop_container(World& world, ReplicaId replica, ServiceId service, HostId host) {
  if (!world.reachable(host)) return;
  s4u::ActorPtr actor = s4u::Actor::create("stop", world.hosts[host.value], [&world, replica, service, host] {
    s4u::this_actor::sleep_for(world.message_latency());
    auto it = world.containers.find(replica);
    if (it != world.containers.end() && it->second.host == host) {
      if (it->second.actor) it->second.actor->kill();
      const bool was_running = it->second.running;
      const ServiceId svc = it->second.service;
      world.containers.erase(it);
      if (was_running) world.record(EventKind::kStopped, world.service_names[svc.value], world.replica_name(replica, svc), host);
    }
    world.send_from(host, obs::ReplicaStopped{replica, host}, true);
  });
  if (world.hung[host.value]) actor->suspend();
}

void crash_host(World& world, HostId host) {
  if (!world.host_on[host.value]) return;
  world.record(EventKind::kHostFailed, {}, {}, host, "crash");
  for (auto it = world.containers.begin(); it != world.containers.end();) {
    if (it->second.host != host) {
      ++it;
      continue;
    }
    if (it->second.running)
      world.record(EventKind::kExited, world.service_names[it->second.service.value],
                   world.replica_name(it->first, it->second.service), host, "host failed");
    it = world.containers.erase(it);
  }
  for (auto& [name, image] : world.images[host.value])
    if (image.status == ImageState::Status::kPulling) image.status = ImageState::Status::kAbsent;
  world.host_on[host.value] = false;
  world.hung[host.value] = false;  // a crash ends a hang: nothing is left to resume
  world.hosts[host.value]->turn_off();  // kills the agent and every container actor on it
}

void recover_host(World& world, HostId host) {
  if (world.host_on[host.value]) return;
  world.hosts[host.value]->turn_on();
  world.host_on[host.value] = true;
  world.record(EventKind::kHostRecovered, {}, {}, host, "reboot");
  start_host_agent(world, host, true);
}

}  // namespace drydock::sim
