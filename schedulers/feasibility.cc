#include "schedulers/feasibility.h"

#include <cstdio>

namespace drydock {

Rejection check_host(const ClusterState& state, HostId h, const PlacementRequest& request) {
  if (!state.schedulable(h)) return Rejection::kNotSchedulable;
  const ServiceSpec& spec = *request.spec;
  const Resources free = state.free(h);
  // Order matters only for the explanation: report the first dimension that does not fit.
  if (spec.request.cpu > free.cpu + 1e-9) return Rejection::kCpu;
  if (spec.request.memory_mib > free.memory_mib + 1e-9) return Rejection::kMemory;
  if (spec.request.gpu > free.gpu + 1e-9) return Rejection::kGpu;
  if (!spec.constraints.empty()) {
    const Labels& labels = state.host(h).labels;
    for (const auto& c : spec.constraints) {
      auto it = labels.find(c.key);
      const bool matches = it != labels.end() && it->second == c.value;
      if (matches != c.equal) return Rejection::kConstraint;
    }
  }
  if (spec.max_replicas_per_host > 0 &&
      state.service_count(request.service, h) >= static_cast<std::uint32_t>(spec.max_replicas_per_host))
    return Rejection::kMaxPerHost;
  return Rejection::kNone;
}

std::string RejectionTally::explain(const PlacementRequest& request) const {
  auto constraint_text = [&] {
    std::string s;
    for (const auto& c : request.spec->constraints)
      s += (s.empty() ? "" : ",") + ("node.labels." + c.key + (c.equal ? "==" : "!=") + c.value);
    return "constraint " + s;
  };
  struct Line {
    Rejection r;
    std::string what;
  };
  const Line lines[] = {
      {Rejection::kCpu, "insufficient cpu"},
      {Rejection::kMemory, "insufficient memory"},
      {Rejection::kGpu, "insufficient gpu"},
      {Rejection::kConstraint, request.spec->constraints.empty() ? "constraint" : constraint_text()},
      {Rejection::kMaxPerHost, "max replicas per host"},
      {Rejection::kNotSchedulable, "host down or not ready"},
  };
  std::string out;
  for (const auto& line : lines) {
    const std::size_t n = counts_[static_cast<std::size_t>(line.r)];
    if (n == 0) continue;
    if (!out.empty()) out += "; ";
    out += line.what + " on " + std::to_string(n) + (n == 1 ? " host" : " hosts");
  }
  return out.empty() ? "no hosts" : out;
}

void feasible_hosts(const ClusterState& state, const PlacementRequest& request, std::vector<HostId>& out,
                    RejectionTally& tally) {
  out.clear();
  const std::size_t n = state.host_count();
  for (std::size_t i = 0; i < n; ++i) {
    const HostId h(static_cast<HostId::repr>(i));
    const Rejection r = check_host(state, h, request);
    if (r == Rejection::kNone)
      out.push_back(h);
    else
      tally.add(r);
  }
}

}  // namespace drydock
