#include "sim/world.h"

namespace drydock::sim {

void Inbox::push(Time deliver_at, Observation obs, bool prompt) {
  queue_.push({deliver_at, seq_++, std::move(obs), prompt});
  if (prompt) {
    prompts_.push(deliver_at);
    if (waker_) waker_->notify_all();
  }
}

std::pair<Time, Observation> Inbox::pop() {
  Item item = queue_.top();
  queue_.pop();
  return {item.at, std::move(item.obs)};
}

std::optional<HostId> Inbox::next_lazy_heartbeat(Time until) const {
  if (queue_.empty()) return std::nullopt;
  const Item& top = queue_.top();
  const auto* beat = std::get_if<obs::Heartbeat>(&top.obs);
  if (top.prompt || top.at > until || beat == nullptr) return std::nullopt;
  return beat->host;
}

void Inbox::forget_prompts_until(Time now) {
  while (!prompts_.empty() && prompts_.top() <= now) prompts_.pop();
}

void World::send_from(HostId host, Observation obs, bool prompt) {
  send_at(simgrid::s4u::Engine::get_clock(), host, std::move(obs), prompt);
}

void World::send_at(Time sent, HostId host, Observation obs, bool prompt) {
  if (partitioned[host.value]) return;
  inbox.push(sent + message_latency(), std::move(obs), prompt);
}

void World::set_hung(HostId host, bool on, Time now) {
  if (hung[host.value] == on) return;
  if (on) {
    hung_since[host.value] = now;
  } else {
    frozen_total[host.value] += now - hung_since[host.value];
  }
  hung[host.value] = on;
}

void World::record(EventKind kind, const std::string& service, const std::string& replica, HostId host,
                   EventPayload payload) {
  Event e = make_event(simgrid::s4u::Engine::get_clock(), kind, service, replica,
                       host.valid() ? hosts[host.value]->get_name() : std::string(), std::move(payload));
  if (kind == EventKind::kFault || kind == EventKind::kHostFailed) last_fault = e.time;
  log.push_back(std::move(e));
}

}  // namespace drydock::sim
