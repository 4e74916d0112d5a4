// Hosts grouped by the value of one label (a topology domain: zone, rack, ...). Labels never change
// once a host is added, so each host's domain is looked up once; per-decision work is then one pass
// over integer arrays (replicas of a service per domain).
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "model/cluster_state.h"

namespace drydock {

class LabelDomains {
 public:
  static constexpr std::int32_t kNone = -1;  // host without the label
  // The key `hostname` names every host's own domain (Kubernetes' kubernetes.io/hostname) unless hosts
  // carry a label of that name.
  static constexpr const char* kHostname = "hostname";

  explicit LabelDomains(std::string key) : key_(std::move(key)) {}
  const std::string& key() const { return key_; }

  void update(const ClusterState& state);  // picks up hosts added since the last call
  std::int32_t domain(std::size_t host) const { return domain_[host]; }
  std::size_t domain_count() const { return names_.size(); }
  const std::string& name(std::int32_t d) const { return names_[static_cast<std::size_t>(d)]; }
  // Sum of `per_host` (replicas of a service per host; may be empty) over each domain's hosts.
  void sum(std::span<const std::uint32_t> per_host, std::vector<std::uint64_t>& out) const;

 private:
  std::string key_;
  std::vector<std::int32_t> domain_;
  std::vector<std::string> names_;         // domain index -> label value, in order of first appearance
  std::map<std::string, std::int32_t> ids_;  // label value -> domain index
};

}  // namespace drydock
