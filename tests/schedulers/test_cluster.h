// Small hand-made clusters and requests for scheduler tests.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "model/cluster_state.h"
#include "schedulers/scheduler.h"

namespace drydock::test {

struct TestCluster {
  ClusterState state;
  std::deque<ServiceSpec> specs;  // stable addresses
  std::uint64_t next_replica = 0;

  HostId host(double cpu, double memory_mib, Labels labels = {}, double gpu = 0);
  ServiceId service(ServiceSpec spec);  // id = order of creation
  std::vector<PlacementRequest> requests(ServiceId s, int count);
  // Runs the policy on the requests and returns the decisions (state is updated by place()).
  std::vector<PlacementDecision> place(Scheduler& policy, const std::vector<PlacementRequest>& batch,
                                       std::uint64_t seed = 1);
  std::vector<std::uint32_t> per_host(ServiceId s) const;  // replicas of s on each host
};

ServiceSpec svc(const std::string& name, double cpu, double memory_mib, int replicas = 1);
std::unique_ptr<Scheduler> policy(const std::string& name, std::map<std::string, std::string> params = {});

}  // namespace drydock::test
