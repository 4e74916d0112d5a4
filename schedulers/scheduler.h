// The placement interface. A scheduler receives a batch of pending replicas and the cluster state and
// decides a host for each (or explains why none fits).
//
// Two shapes of policy fit behind it:
//  - greedy policies that place one replica at a time (filter hosts, score them, pick the best): derive
//    from GreedyScheduler and implement choose();
//  - whole-batch policies (min-cost flow over all pending replicas): implement place() directly.
// Contract: for every decision with a host, place() has called state.allocate(host, service, request),
// so the later replicas of the batch see the earlier ones. The control plane relies on it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/cluster_state.h"
#include "model/ids.h"
#include "model/rng.h"
#include "model/spec.h"
#include "schedulers/explanation.h"

namespace drydock {

struct PlacementRequest {
  ReplicaId replica;
  ServiceId service;
  const ServiceSpec* spec = nullptr;  // request, constraints, max per host; owned by the control plane
  // Whether a failure must say why host by host (an O(hosts) tally). The control plane reports a
  // replica's unschedulable verdict once, so a retry of a replica already reported needs none.
  bool explain = true;
};

struct PlacementDecision {
  ReplicaId replica;
  HostId host;         // invalid when the replica could not be placed
  std::string reason;  // why not, when unplaced: "insufficient memory on 7 hosts; down on 3 hosts"
  bool placed() const { return host.valid(); }
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual std::string_view name() const = 0;
  virtual std::vector<PlacementDecision> place(ClusterState& state, std::span<const PlacementRequest> batch,
                                               Rng& rng) = 0;
  // The per-host filter and score breakdown of the decision this policy would make for `request` now,
  // without placing it. Policies built on the filter/score framework fill it; others return false.
  virtual bool explain(const ClusterState& state, const PlacementRequest& request, Explanation& out) {
    return false;
  }
};

// One replica at a time: the common shape of Swarm's, Kubernetes' and Nomad's schedulers.
class GreedyScheduler : public Scheduler {
 public:
  std::vector<PlacementDecision> place(ClusterState& state, std::span<const PlacementRequest> batch,
                                       Rng& rng) final;

 protected:
  // Pick a host for one replica, or return an invalid HostId with a reason.
  virtual PlacementDecision choose(const ClusterState& state, const PlacementRequest& request, Rng& rng) = 0;
};

// Policy parameters as written in the scenario (`policy: {name: spread, params: {...}}`).
class PolicyParams {
 public:
  PolicyParams() = default;
  explicit PolicyParams(std::map<std::string, std::string> values) : values_(std::move(values)) {}
  double number(const std::string& key, double fallback) const;
  std::string text(const std::string& key, const std::string& fallback) const;
  const std::map<std::string, std::string>& all() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

class GpuPolicy;  // schedulers/gpu/gpu_policy.h

struct PolicyInfo {
  std::string name;
  std::string summary;     // one line for `drydock policies`
  std::string parameters;  // "name=default, ..." or empty
  std::function<std::unique_ptr<Scheduler>(const PolicyParams&)> make;  // empty: device-level only
  // The device-level GPU form of the policy (the fill experiment's), when it has one.
  std::function<std::unique_ptr<GpuPolicy>(const PolicyParams&)> make_gpu = {};
  std::string alias_of = {};  // another name of that policy (same decisions): a sweep runs only one of them
};

// Every policy, by its registered name. Built-in policies are registered on first use.
class PolicyRegistry {
 public:
  static PolicyRegistry& instance();
  void add(PolicyInfo info);
  const PolicyInfo* find(std::string_view name) const;
  std::vector<const PolicyInfo*> all() const;  // sorted by name
  // Throws std::invalid_argument naming the known policies when `name` is not registered.
  std::unique_ptr<Scheduler> make(std::string_view name, const PolicyParams& params = {}) const;

 private:
  std::map<std::string, PolicyInfo, std::less<>> policies_;
};

}  // namespace drydock
