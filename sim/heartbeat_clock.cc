#include "sim/heartbeat_clock.h"

#include <algorithm>

#include "sim/world.h"

namespace drydock::sim {
namespace s4u = simgrid::s4u;

HeartbeatClock::HeartbeatClock(std::size_t hosts)
    : generation_(hosts, 0), next_(hosts, kNever), left_(hosts, 0), frozen_(hosts, 0) {}

void HeartbeatClock::start(World& world, s4u::Host* where) {
  mutex_ = s4u::Mutex::create();
  changed_ = s4u::ConditionVariable::create();
  s4u::Actor::create("heartbeats", where, [this, &world] { run(world); });
}

void HeartbeatClock::schedule(HostId host, Time at) {
  next_[host.value] = at;
  queue_.push({at, host.value, generation_[host.value]});
  // Wake the actor only when this beat is due before the time it sleeps until.
  if (changed_ && at < waiting_until_) changed_->notify_all();
}

void HeartbeatClock::begin(HostId host, Time now) {
  ++generation_[host.value];
  frozen_[host.value] = 0;
  schedule(host, now);
}

void HeartbeatClock::stop(HostId host) {
  ++generation_[host.value];
  frozen_[host.value] = 0;
  next_[host.value] = kNever;
}

void HeartbeatClock::freeze(HostId host, Time now) {
  if (frozen_[host.value] || next_[host.value] == kNever) return;
  ++generation_[host.value];
  frozen_[host.value] = 1;
  left_[host.value] = std::max<Time>(0, next_[host.value] - now);
}

void HeartbeatClock::thaw(HostId host, Time now) {
  if (!frozen_[host.value]) return;
  ++generation_[host.value];
  frozen_[host.value] = 0;
  schedule(host, now + left_[host.value]);
}

void HeartbeatClock::run(World& world) {
  std::unique_lock lock(*mutex_);
  const HeartbeatSpec& hb = world.scenario->heartbeat;
  for (;;) {
    const Time now = s4u::Engine::get_clock();
    while (!queue_.empty() && queue_.top().at <= now) {
      const Due due = queue_.top();
      queue_.pop();
      if (due.generation != generation_[due.host]) continue;  // stopped, frozen or restarted since
      const HostId host(due.host);
      ++world.heartbeats;
      world.send_from(host, obs::Heartbeat{host}, world.prompt_heartbeat[due.host]);
      const double jitter = world.host_rng[due.host].uniform(-hb.jitter, hb.jitter);
      next_[due.host] = due.at + hb.period + jitter;
      queue_.push({next_[due.host], due.host, due.generation});
    }
    waiting_until_ = queue_.empty() ? kNever : queue_.top().at;
    if (queue_.empty())
      changed_->wait(lock);
    else
      changed_->wait_until(lock, waiting_until_);
  }
}

}  // namespace drydock::sim
