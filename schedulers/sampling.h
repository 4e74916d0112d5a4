// How many hosts a sampling scheduler looks at per decision, as Kubernetes and Nomad compute it.
#pragma once

#include <cstddef>

namespace drydock {

// kube-scheduler's numFeasibleNodesToFind: all hosts below 100; otherwise `percentage` of them
// (percentageOfNodesToScore; 0 = adaptive: 50 - N/125, at least 5), and never fewer than 100.
std::size_t kubernetes_hosts_to_find(std::size_t hosts, double percentage);

// Nomad's limit iterator: `limit` when set; otherwise 2 for batch jobs (power of two choices) and
// max(2, ceil(log2 N)) for services (GenericStack.SetNodes).
std::size_t nomad_limit(std::size_t hosts, int limit, bool batch);

}  // namespace drydock
