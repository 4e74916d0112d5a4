#include "sim/heartbeat_clock.h"

#include <algorithm>

#include "sim/world.h"

namespace drydock::sim {

HeartbeatClock::HeartbeatClock(World& world, std::size_t hosts)
    : world_(world), generation_(hosts, 0), next_(hosts, kNever), left_(hosts, 0), frozen_(hosts, 0) {
  for (std::size_t h = 0; h < hosts; ++h)
    if (h < world.prompt_heartbeat.size() && world.prompt_heartbeat[h]) prompt_.insert(static_cast<std::uint32_t>(h));
}

void HeartbeatClock::advance(Time now) {
  const HeartbeatSpec& hb = world_.scenario->heartbeat;
  while (!queue_.empty() && queue_.top().at <= now) {
    const Due due = queue_.top();
    queue_.pop();
    if (due.generation != generation_[due.host]) continue;  // stopped, frozen or restarted since
    const HostId host(due.host);
    ++world_.heartbeats;
    world_.send_at(due.at, host, obs::Heartbeat{host}, world_.prompt_heartbeat[due.host]);
    const double jitter = world_.host_rng[due.host].uniform(-hb.jitter, hb.jitter);
    next_[due.host] = due.at + hb.period + jitter;
    queue_.push({next_[due.host], due.host, due.generation});
  }
}

Time HeartbeatClock::next_prompt_delivery() const {
  Time first = kNever;
  for (std::uint32_t h : prompt_)
    if (!frozen_[h]) first = std::min(first, next_[h]);
  return first == kNever ? kNever : first + world_.message_latency();
}

void HeartbeatClock::set_prompt(HostId host, bool prompt, Time now) {
  if (world_.prompt_heartbeat[host.value] == prompt) return;
  advance(now);
  world_.prompt_heartbeat[host.value] = prompt;
  if (prompt)
    prompt_.insert(host.value);
  else
    prompt_.erase(host.value);
}

void HeartbeatClock::schedule(HostId host, Time at) {
  next_[host.value] = at;
  queue_.push({at, host.value, generation_[host.value]});
  // The manager may be asleep past this beat's arrival, which it waits for: it must look again.
  if (prompt_.count(host.value)) world_.inbox.nudge();
}

void HeartbeatClock::begin(HostId host, Time now) {
  advance(now);
  ++generation_[host.value];
  frozen_[host.value] = 0;
  schedule(host, now);
}

void HeartbeatClock::stop(HostId host, Time now) {
  advance(now);
  ++generation_[host.value];
  frozen_[host.value] = 0;
  next_[host.value] = kNever;
}

void HeartbeatClock::freeze(HostId host, Time now) {
  advance(now);
  if (frozen_[host.value] || next_[host.value] == kNever) return;
  ++generation_[host.value];
  frozen_[host.value] = 1;
  left_[host.value] = std::max<Time>(0, next_[host.value] - now);
}

void HeartbeatClock::thaw(HostId host, Time now) {
  advance(now);
  if (!frozen_[host.value]) return;
  ++generation_[host.value];
  frozen_[host.value] = 0;
  schedule(host, now + left_[host.value]);
}

}  // namespace drydock::sim
