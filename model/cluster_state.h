// The control plane's view of the cluster as schedulers read it: per-host capacity, allocation and
// replica counts, held column by column (one contiguous array per resource dimension) so that a policy
// can score every host in one pass over memory.
//
// Hosts are indexed by their dense HostId. A host that is down or draining stays in the table with
// schedulable() false: ids never move.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "model/ids.h"
#include "model/resources.h"
#include "model/spec.h"

namespace drydock {

class ClusterState {
 public:
  HostId add_host(const HostSpec& spec);

  std::size_t host_count() const { return hosts_.size(); }
  const HostSpec& host(HostId h) const { return hosts_[h.value]; }

  bool schedulable(HostId h) const { return schedulable_[h.value] != 0; }
  void set_schedulable(HostId h, bool on);
  std::size_t schedulable_count() const { return schedulable_count_; }

  Resources capacity(HostId h) const { return get(capacity_, h); }
  Resources allocated(HostId h) const { return get(allocated_, h); }
  Resources free(HostId h) const { return capacity(h) - allocated(h); }

  // Contiguous columns, one value per host, for vectorised scoring.
  std::span<const double> capacity_column(Dim d) const { return capacity_[static_cast<std::size_t>(d)]; }
  std::span<const double> allocated_column(Dim d) const { return allocated_[static_cast<std::size_t>(d)]; }
  std::span<const std::uint8_t> schedulable_column() const { return schedulable_; }
  std::span<const std::uint32_t> task_column() const { return tasks_; }

  std::uint32_t task_count(HostId h) const { return tasks_[h.value]; }
  std::uint32_t service_count(ServiceId s, HostId h) const;
  // Replicas of `s` per host, indexed by HostId; empty when the service has none anywhere.
  std::span<const std::uint32_t> service_counts(ServiceId s) const;

  // Reserve / free a replica's request on a host. The control plane calls these when it places a
  // replica and when the replica is gone; schedulers call them on a scratch copy to plan a batch.
  void allocate(HostId h, ServiceId s, const Resources& r);
  void release(HostId h, ServiceId s, const Resources& r);

  // Bumped whenever anything about the host changes: lets an incremental index re-score only it.
  std::uint64_t host_version(HostId h) const { return version_[h.value]; }

  // The hosts that changed, in order, so that an index kept across batches visits only them instead
  // of every host: remember change_mark(), later ask changed_since(mark). The journal keeps the last
  // few times host_count() changes; an older mark gets nullopt (scan every host's version instead).
  std::uint64_t change_mark() const { return journal_base_ + journal_.size(); }
  std::optional<std::span<const std::uint32_t>> changed_since(std::uint64_t mark) const;

 private:
  using Columns = std::vector<double>[kDims];
  static Resources get(const Columns& c, HostId h) { return {c[0][h.value], c[1][h.value], c[2][h.value]}; }

  std::vector<HostSpec> hosts_;
  Columns capacity_;
  Columns allocated_;
  std::vector<std::uint8_t> schedulable_;
  std::vector<std::uint32_t> tasks_;
  std::vector<std::uint64_t> version_;
  void changed(HostId h);
  std::vector<std::uint32_t> journal_;  // hosts changed, oldest first
  std::uint64_t journal_base_ = 0;      // change_mark() of journal_[0]
  struct ServiceColumn {
    std::vector<std::uint32_t> counts;  // per host
    std::uint64_t total = 0;
  };
  std::unordered_map<ServiceId, ServiceColumn> per_service_;
  std::size_t schedulable_count_ = 0;
};

}  // namespace drydock
