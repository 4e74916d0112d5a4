// How a service's requests are served, as a scenario states it (services[i].load's balancer,
// service_rate, queue_limit); the queueing model that evaluates it is control/request_model.h.
#pragma once

#include <optional>
#include <string_view>

namespace drydock {

enum class Balancer { kRoundRobin, kLeastOutstanding, kPowerOfTwo };
std::string_view to_string(Balancer b);
std::optional<Balancer> parse_balancer(std::string_view name);

struct QueueModel {
  double service_rate = 100;  // requests/s one replica completes when busy (mu)
  int queue_limit = 100;      // K: requests a replica holds, in service and waiting
};

}  // namespace drydock
