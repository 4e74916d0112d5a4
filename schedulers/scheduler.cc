#include "schedulers/scheduler.h"

#include "model/closest_name.h"

#include <stdexcept>

#include "schedulers/builtin_policies.h"

namespace drydock {

std::vector<PlacementDecision> GreedyScheduler::place(ClusterState& state, std::span<const PlacementRequest> batch,
                                                      Rng& rng) {
  std::vector<PlacementDecision> decisions;
  decisions.reserve(batch.size());
  for (const auto& request : batch) {
    PlacementDecision d = choose(state, request, rng);
    d.replica = request.replica;
    if (d.placed()) state.allocate(d.host, request.service, request.spec->request);
    decisions.push_back(std::move(d));
  }
  return decisions;
}

double PolicyParams::number(const std::string& key, double fallback) const {
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(it->second, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != it->second.size())
    throw std::invalid_argument("policy parameter '" + key + "' must be a number, got '" + it->second + "'");
  return v;
}

std::string PolicyParams::text(const std::string& key, const std::string& fallback) const {
  auto it = values_.find(key);
  return it == values_.end() ? fallback : it->second;
}

PolicyRegistry& PolicyRegistry::instance() {
  static PolicyRegistry* registry = [] {
    auto* r = new PolicyRegistry;
    register_builtin_policies(*r);
    return r;
  }();
  return *registry;
}

void PolicyRegistry::add(PolicyInfo info) {
  const std::string name = info.name;
  policies_.insert_or_assign(name, std::move(info));
}

const PolicyInfo* PolicyRegistry::find(std::string_view name) const {
  auto it = policies_.find(name);
  return it == policies_.end() ? nullptr : &it->second;
}

std::vector<const PolicyInfo*> PolicyRegistry::all() const {
  std::vector<const PolicyInfo*> out;
  for (const auto& [name, info] : policies_) out.push_back(&info);
  return out;
}

std::unique_ptr<Scheduler> PolicyRegistry::make(std::string_view name, const PolicyParams& params) const {
  const PolicyInfo* info = find(name);
  if (info == nullptr) {
    std::string known;
    std::vector<std::string> names;
    for (const auto& [n, i] : policies_) {
      known += (known.empty() ? "" : ", ") + n;
      names.push_back(n);
    }
    throw std::invalid_argument("unknown policy '" + std::string(name) + "'" + did_you_mean(std::string(name), names) +
                                " (known: " + known + ")");
  }
  if (!info->make)
    throw std::invalid_argument("policy '" + std::string(name) + "' places on device-level GPUs and runs in `drydock fill` "
                                "(the scenario simulator's hosts have no GPU devices)");
  return info->make(params);
}

}  // namespace drydock
