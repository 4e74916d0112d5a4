#include "sim/host_agent.h"

#include <cmath>
#include <limits>

#include "sim/container_timeline.h"
#include "sim/heartbeat_clock.h"

namespace drydock::sim {
namespace s4u = simgrid::s4u;

void wait_while_hung(World& world, HostId host) {
  if (!world.hung[host.value]) return;
  // The resume time is known when the hang begins (the fault plan has it), so the actor sleeps until
  // then: no mutex or condition variable for a crash (turn_off) to kill an actor inside.
  while (world.hung[host.value]) {
    const Time now = s4u::Engine::get_clock();
    // Past the planned resume and still hung (the resume was skipped): look again shortly, never spin.
    if (world.resume_at[host.value] > now) s4u::this_actor::sleep_until(world.resume_at[host.value]);
    else s4u::this_actor::sleep_for(1.0);
  }
}

void host_sleep(World& world, HostId host, Time duration) {
  Time left = duration;
  for (;;) {
    wait_while_hung(world, host);
    const Time t0 = s4u::Engine::get_clock();
    const Time frozen0 = world.frozen_time(host, t0);
    s4u::this_actor::sleep_for(left);
    const Time t1 = s4u::Engine::get_clock();
    left -= (t1 - t0) - (world.frozen_time(host, t1) - frozen0);  // only the time the host was not hung
    if (left <= 1e-9) break;
  }
  wait_while_hung(world, host);
}

namespace {

const ServiceSpec& spec_of(const World& world, ServiceId s) { return world.specs[s.value].back(); }

// Makes sure the service's image is on the host: the first caller pulls it from the registry (a real
// flow, sharing bandwidth with concurrent pulls); later callers wait for that pull.
void ensure_image(World& world, HostId host, const ServiceSpec& spec) {
  if (spec.image_bytes == 0) return;  // nothing to pull (trace replays model no images)
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
        ImageState& img = world.images[host.value][spec.image];
        img.transfer = nullptr;  // a pull that died with the host, long finished
        img.left = static_cast<double>(spec.image_bytes);
        // A hang cancels the transfer (faults.cc) and leaves what is left to pull after the resume.
        for (bool done = false; !done;) {
          wait_while_hung(world, host);
          img.transfer = s4u::Comm::sendto_async(world.registry, world.hosts[host.value],
                                                 static_cast<std::uint64_t>(std::ceil(img.left)));
          try {
            img.transfer->wait();
            done = true;
          } catch (const simgrid::CancelException&) {  // SimGrid reports the cancel of a host-to-host
          } catch (const simgrid::NetworkFailureException&) {  // transfer as either
          }
          img.transfer = nullptr;
        }
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
  if (rejoining) world.send_from(host, obs::HostReport{host, {}}, true);
  world.beats->begin(host, s4u::Engine::get_clock());  // its heartbeats: sim/heartbeat_clock.h
}

Time container_started(World& world, ReplicaId replica, ServiceId service, HostId host) {
  auto it = world.containers.find(replica);
  if (it == world.containers.end() || it->second.host != host) return kNever;  // stopped or lost meanwhile
  const ServiceSpec& spec = spec_of(world, service);
  it->second.running = true;
  world.record(EventKind::kStarted, spec.name, world.replica_name(replica, service), host);
  world.send_from(host, obs::ReplicaStarted{replica, host}, true);
  Time run_time = spec.run_time;
  if (const auto* times = world.run_times[service.value]; times != nullptr && !times->empty())
    run_time = (*times)[std::min(world.starts[service.value], times->size() - 1)];
  ++world.starts[service.value];
  if (run_time == kNever) it->second.actor = nullptr;  // a server runs until stopped
  return run_time;
}

void container_finished(World& world, ReplicaId replica, ServiceId service, HostId host) {
  auto it = world.containers.find(replica);
  if (it == world.containers.end() || it->second.host != host || !it->second.running) return;
  world.containers.erase(it);
  world.record(EventKind::kExited, world.service_names[service.value], world.replica_name(replica, service), host,
               EventCause::kFinished);
  world.send_from(host, obs::ReplicaExited{replica, host, false}, true);
}

void start_container(World& world, ReplicaId replica, ServiceId service, HostId host) {
  if (!world.reachable(host)) return;  // the message is lost with the host or in the partition
  const ServiceSpec& spec = spec_of(world, service);
  const Time start_latency = world.scenario->start_latency.at(spec.name);
  auto image = world.images[host.value].find(spec.image);
  const bool image_local = spec.image_bytes == 0 ||
                           (image != world.images[host.value].end() && image->second.status == ImageState::Status::kReady);
  if (image_local && world.timeline != nullptr && !world.hung[host.value]) {
    // Nothing to wait for but latencies: a timeline entry instead of an actor (container_timeline.h).
    world.containers[replica] = Container{service, host, false, nullptr};
    // The start queues behind the host's other starts (sim/start_queue.h).
    const Time alone = s4u::Engine::get_clock() + world.message_latency() + start_latency;
    const Time done = world.start_queues[host.value].complete_at(alone);
    world.timeline->schedule(done, ContainerTimeline::Kind::kStart, replica, service, host);
    return;
  }
  s4u::ActorPtr actor = s4u::Actor::create("start", world.hosts[host.value], [&world, replica, service, host, start_latency] {
    // A stop or a crash erases the container instead of killing this actor: killing an actor inside a
    // SimGrid mutex or condition variable (the image wait) leaves it queued on the mutex, and the mutex
    // later hands itself to the dead actor (a segmentation fault). So the actor looks after each wait.
    const auto gone = [&world, replica, host] {
      auto it = world.containers.find(replica);
      return it == world.containers.end() || it->second.host != host;
    };
    host_sleep(world, host, world.message_latency());  // a frozen host does nothing until it resumes
    if (gone()) return;
    ensure_image(world, host, spec_of(world, service));
    wait_while_hung(world, host);
    if (gone()) return;  // before it books a start on the daemon
    // The image is local now; the start queues behind the host's other starts (sim/start_queue.h).
    const Time now = s4u::Engine::get_clock();
    host_sleep(world, host, world.start_queues[host.value].complete_at(now + start_latency) - now);
    const Time run_time = container_started(world, replica, service, host);
    if (run_time == kNever) return;
    host_sleep(world, host, run_time);
    container_finished(world, replica, service, host);
  });
  world.containers[replica] = Container{service, host, false, actor};
}

void stop_container(World& world, ReplicaId replica, ServiceId service, HostId host) {
  if (!world.reachable(host)) return;
  s4u::Actor::create("stop", world.hosts[host.value], [&world, replica, service, host] {
    host_sleep(world, host, world.message_latency());
    auto it = world.containers.find(replica);
    if (it != world.containers.end() && it->second.host == host) {
      // Erased, not killed: its start actor sees it gone and ends (start_container).
      const bool was_running = it->second.running;
      const ServiceId svc = it->second.service;
      world.containers.erase(it);
      if (was_running) world.record(EventKind::kStopped, world.service_names[svc.value], world.replica_name(replica, svc), host);
    }
    world.send_from(host, obs::ReplicaStopped{replica, host}, true);
  });
}

void switch_off_host(World& world, HostId host, EventCause exit_cause) {
  for (auto it = world.containers.begin(); it != world.containers.end();) {
    if (it->second.host != host) {
      ++it;
      continue;
    }
    if (it->second.running)
      world.record(EventKind::kExited, world.service_names[it->second.service.value],
                   world.replica_name(it->first, it->second.service), host, exit_cause);
    it = world.containers.erase(it);
  }
  world.host_on[host.value] = false;
  world.start_queues[host.value].reset();  // the starts it had queued died with it
  world.set_hung(host, false, s4u::Engine::get_clock());  // switching off ends a hang (its actors die below)
  world.beats->stop(host, s4u::Engine::get_clock());
  world.hosts[host.value]->turn_off();  // kills every container actor on it
  // An actor killed inside an image's mutex or condition variable may stay queued on it, and the mutex
  // would hand itself to the dead actor: the next pull after the reboot gets fresh ones. The old ones
  // are kept (SimGrid refuses to destroy a condition variable still registered with a waiter).
  for (auto& [name, image] : world.images[host.value]) {
    if (image.mutex) world.retired_sync.push_back({image.mutex, image.ready});
    image.mutex = nullptr;
    image.ready = nullptr;
  }
}

void crash_host(World& world, HostId host) {
  if (!world.host_on[host.value]) return;
  world.record(EventKind::kHostFailed, {}, {}, host, EventCause::kCrash);
  world.crashed[host.value] = true;
  // Its pulls die with it. Their transfer handles stay until the next pull replaces them: dropped now,
  // while the transfer still runs in SimGrid's kernel, SimGrid would complain of an unfinished Comm.
  for (auto& [name, image] : world.images[host.value])
    if (image.status == ImageState::Status::kPulling) image.status = ImageState::Status::kAbsent;
  switch_off_host(world, host, EventCause::kHostFailed);
}

void recover_host(World& world, HostId host) {
  if (world.host_on[host.value]) return;
  world.hosts[host.value]->turn_on();
  world.host_on[host.value] = true;
  world.crashed[host.value] = false;
  // A host that was never up (a trace's machine added later) joins; one that crashed recovers.
  if (world.joined[host.value])
    world.record(EventKind::kHostRecovered, {}, {}, host, EventCause::kReboot);
  else
    world.record(EventKind::kHostJoined, {}, {}, host);
  const bool rejoining = world.joined[host.value];
  world.joined[host.value] = true;
  start_host_agent(world, host, rejoining);
}

}  // namespace drydock::sim
