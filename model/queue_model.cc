#include "model/queue_model.h"

namespace drydock {

std::string_view to_string(Balancer b) {
  switch (b) {
    case Balancer::kRoundRobin: return "round-robin";
    case Balancer::kLeastOutstanding: return "least-outstanding";
    case Balancer::kPowerOfTwo: return "power-of-two";
  }
  return "?";
}

std::optional<Balancer> parse_balancer(std::string_view name) {
  for (Balancer b : {Balancer::kRoundRobin, Balancer::kLeastOutstanding, Balancer::kPowerOfTwo})
    if (to_string(b) == name) return b;
  return std::nullopt;
}

}  // namespace drydock
