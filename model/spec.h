// Desired state as the user writes it: hosts the cluster is made of and services it must run.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/resources.h"
#include "model/time.h"
#include "model/update_config.h"

namespace drydock {

using Labels = std::map<std::string, std::string>;  // ordered: labels reach outputs

struct HostSpec {
  std::string name;
  Resources capacity;
  Labels labels;
};

// When a replica's container exits, should the control plane start a replacement?
struct RestartPolicy {
  enum class Condition { kNone, kOnFailure, kAny };
  Condition condition = Condition::kAny;
  Time delay = 5.0;           // Swarm's default restart delay
  int max_attempts = 0;       // 0 = unlimited
  Time window = 0;            // attempts are counted over this window; 0 = forever
};

// A label constraint: node.labels.KEY == VALUE (or != when `equal` is false).
struct Constraint {
  std::string key;
  std::string value;
  bool equal = true;
};

// A toleration of a host taint (hosts carry taints as labels `taint.KEY`, see schedulers/filters.h):
// KEY with any value (Kubernetes' operator Exists) or KEY=VALUE.
struct Toleration {
  std::string key;
  std::string value;  // empty = any value
};

struct ServiceSpec {
  std::string name;
  std::string image;
  std::uint64_t image_bytes = 0;   // pulled from the registry the first time a host runs the image
  int replicas = 0;
  Resources request;               // per replica
  RestartPolicy restart;
  std::vector<Constraint> constraints;
  int max_replicas_per_host = 0;   // 0 = no limit
  std::string tenant;              // for fairness policies; empty = the service's own name
  Time run_time = kNever;          // a batch task exits (successfully) after this long; kNever = a server
  std::vector<Toleration> tolerations;     // host taints its replicas may ignore
  std::vector<std::string> anti_affinity;  // services whose replicas must not share a host with its own
                                           // (symmetric; its own name = at most one replica per host)
  std::vector<int> ports;                  // host ports each replica publishes (Swarm's mode=host,
                                           // Kubernetes hostPort): two replicas using a port never share a host
  UpdateConfig update;             // how a new image is rolled out (control/rolling_update.h)
};

}  // namespace drydock
