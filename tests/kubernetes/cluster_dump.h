// A realistic Kubernetes cluster written two ways by the tests: as the objects `kubectl get -o yaml`
// prints (Lists and multi-document files, keys in kubectl's order, metadata and status included,
// controller-owned ReplicaSets and Pods beside their owners), and as the drydock scenario a user would
// write for the same cluster. The two are produced independently from one seeded model, so that an
// import that drops or bends a field shows up as a difference.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace drydock::testing {

struct DumpOptions {
  int nodes = 300;          // workers; plus 3 control-plane nodes
  int deployments = 40;
  std::uint64_t seed = 7;
};

struct ClusterDump {
  std::string nodes_yaml;      // a List of Nodes
  std::string workloads_yaml;  // a List of Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, Pods
  std::string pods_yaml;       // multi-document: Pods owned by the controllers above, finished Pods
  std::string scenario_yaml;   // the same cluster as a drydock scenario
  int replicas = 0;            // replicas the scenario asks for
};

// `name` becomes the scenario's name (the importer names a converted folder after it).
ClusterDump make_cluster_dump(const std::string& name, const DumpOptions& options = {});

// Objects with fields drydock cannot model, one or two each, and the findings they must produce as
// "OBJECT: PATH" (in no particular order).
struct UnsupportedObjects {
  std::string yaml;  // a multi-document file
  std::vector<std::string> expected;
};
UnsupportedObjects make_unsupported_objects();

// Writes nodes.yaml, workloads.yaml and pods.yaml of `dump` into `dir` (created).
void write_dump(const ClusterDump& dump, const std::string& dir);

}  // namespace drydock::testing
