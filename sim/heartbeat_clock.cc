#include "sim/heartbeat_clock.h"

#include <algorithm>

#include "sim/world.h"

namespace drydock::sim {

HeartbeatClock::HeartbeatClock(World& world, std::size_t hosts)
    : world_(world), generation_(hosts, 0), next_(hosts, kNever), left_(hosts, 0), frozen_(hosts, 0),
      run_first_(hosts, kNever) {
  for (std::size_t h = 0; h < hosts; ++h)
    if (h < world.prompt_heartbeat.size() && world.prompt_heartbeat[h]) prompt_.insert(static_cast<std::uint32_t>(h));
}

Time HeartbeatClock::next_after(std::uint32_t host, Time at) {
  const HeartbeatSpec& hb = world_.scenario->heartbeat;
  const double jitter = world_.host_rng[host].uniform(-hb.jitter, hb.jitter);
  return at + hb.period + jitter;
}

void HeartbeatClock::advance(Time now) {
  while (!queue_.empty() && queue_.top().at <= now) {
    const Due due = queue_.top();
    queue_.pop();
    if (due.generation != generation_[due.host]) continue;  // stopped, frozen or restarted since
    const HostId host(due.host);
    ++world_.heartbeats;
    const bool prompt = world_.prompt_heartbeat[due.host];
    // A beat of a host seen alive that reaches the manager begins a steady run: its next beats are
    // withheld, and it leaves the queue until the run ends (end_steady).
    const bool steady = withhold_steady_ && !prompt && !world_.partitioned[due.host];
    world_.send_at(due.at, host, obs::Heartbeat{host, steady}, prompt);
    next_[due.host] = next_after(due.host, due.at);
    if (steady)
      run_first_[due.host] = due.at;
    else
      queue_.push({next_[due.host], due.host, due.generation});
  }
}

void HeartbeatClock::end_steady(HostId host, Time now) {
  Time& first = run_first_[host.value];
  if (first == kNever) return;
  // Replay the host's jitter stream up to now, exactly as advance() would have drawn it beat by beat.
  Time last = first;
  while (next_[host.value] <= now) {
    last = next_[host.value];
    ++withheld_;
    ++world_.heartbeats;
    next_[host.value] = next_after(host.value, last);
  }
  first = kNever;
  // The run's last beat (or its first again: a detector ignores a beat no newer than its last) arms the
  // control plane's deadline as the eager beats would have. The manager may be asleep past that
  // deadline, which it did not know of: it must look again.
  world_.send_at(last, host, obs::Heartbeat{host, false}, false);
  world_.inbox.nudge();
  queue_.push({next_[host.value], host.value, generation_[host.value]});
}

void HeartbeatClock::cut(HostId host, Time now) {
  advance(now);
  end_steady(host, now);
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
  if (prompt) end_steady(host, now);  // the control plane waits for this host's beats again
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
  end_steady(host, now);
  ++generation_[host.value];
  frozen_[host.value] = 0;
  schedule(host, now);
}

void HeartbeatClock::stop(HostId host, Time now) {
  advance(now);
  end_steady(host, now);
  ++generation_[host.value];
  frozen_[host.value] = 0;
  next_[host.value] = kNever;
}

void HeartbeatClock::freeze(HostId host, Time now) {
  advance(now);
  end_steady(host, now);
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
