#include "model/cluster_state.h"

namespace drydock {

void ClusterState::changed(HostId h) {
  ++version_[h.value];
  // Bounded: past a few times the host count, a reader is better off scanning every host anyway.
  const std::size_t limit = 4 * hosts_.size() + 64;
  if (journal_.size() >= limit) {
    const std::size_t drop = journal_.size() / 2;
    journal_.erase(journal_.begin(), journal_.begin() + static_cast<std::ptrdiff_t>(drop));
    journal_base_ += drop;
  }
  journal_.push_back(h.value);
}

std::optional<std::span<const std::uint32_t>> ClusterState::changed_since(std::uint64_t mark) const {
  if (mark < journal_base_ || mark > change_mark()) return std::nullopt;
  return std::span<const std::uint32_t>(journal_).subspan(mark - journal_base_);
}

HostId ClusterState::add_host(const HostSpec& spec) {
  const HostId id(static_cast<HostId::repr>(hosts_.size()));
  hosts_.push_back(spec);
  for (std::size_t d = 0; d < kDims; ++d) {
    capacity_[d].push_back(spec.capacity[static_cast<Dim>(d)]);
    allocated_[d].push_back(0.0);
  }
  schedulable_.push_back(0);  // a host is schedulable once it is seen alive
  tasks_.push_back(0);
  version_.push_back(0);
  for (auto& [service, column] : per_service_) column.counts.push_back(0);
  return id;
}

void ClusterState::set_schedulable(HostId h, bool on) {
  auto& flag = schedulable_[h.value];
  if ((flag != 0) == on) return;
  flag = on ? 1 : 0;
  schedulable_count_ += on ? 1 : -1;
  changed(h);
}

std::uint32_t ClusterState::service_count(ServiceId s, HostId h) const {
  auto it = per_service_.find(s);
  return it == per_service_.end() ? 0 : it->second.counts[h.value];
}

std::span<const std::uint32_t> ClusterState::service_counts(ServiceId s) const {
  auto it = per_service_.find(s);
  if (it == per_service_.end()) return {};
  return it->second.counts;
}

void ClusterState::allocate(HostId h, ServiceId s, const Resources& r) {
  for (std::size_t d = 0; d < kDims; ++d) allocated_[d][h.value] += r[static_cast<Dim>(d)];
  ++tasks_[h.value];
  auto& column = per_service_[s];
  if (column.counts.empty()) column.counts.assign(hosts_.size(), 0);
  ++column.counts[h.value];
  ++column.total;
  changed(h);
}

void ClusterState::release(HostId h, ServiceId s, const Resources& r) {
  for (std::size_t d = 0; d < kDims; ++d) allocated_[d][h.value] -= r[static_cast<Dim>(d)];
  --tasks_[h.value];
  auto it = per_service_.find(s);
  if (it != per_service_.end()) {
    --it->second.counts[h.value];
    // Drop a service's column when it has no replica left, so that a trace with many short jobs does
    // not keep one array per job ever seen.
    if (--it->second.total == 0) per_service_.erase(it);
  }
  changed(h);
}

}  // namespace drydock
