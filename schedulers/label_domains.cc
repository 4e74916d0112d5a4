#include "schedulers/label_domains.h"

namespace drydock {

void LabelDomains::update(const ClusterState& state) {
  for (std::size_t h = domain_.size(); h < state.host_count(); ++h) {
    const Labels& labels = state.host(HostId(static_cast<HostId::repr>(h))).labels;
    auto it = labels.find(key_);
    const bool by_name = it == labels.end() && key_ == kHostname;
    if (it == labels.end() && !by_name) {
      domain_.push_back(kNone);
      continue;
    }
    const std::string& value = by_name ? state.host(HostId(static_cast<HostId::repr>(h))).name : it->second;
    auto [pos, inserted] = ids_.emplace(value, static_cast<std::int32_t>(names_.size()));
    if (inserted) names_.push_back(value);
    domain_.push_back(pos->second);
  }
}

void LabelDomains::sum(std::span<const std::uint32_t> per_host, std::vector<std::uint64_t>& out) const {
  out.assign(names_.size(), 0);
  if (per_host.empty()) return;
  for (std::size_t h = 0; h < domain_.size(); ++h)
    if (domain_[h] != kNone) out[static_cast<std::size_t>(domain_[h])] += per_host[h];
}

}  // namespace drydock
