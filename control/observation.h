// What a runtime tells the control plane. Each observation carries only what the runtime saw; the
// control plane decides what it means.
#pragma once

#include <variant>
#include <vector>

#include "model/ids.h"

namespace drydock {

namespace obs {

struct Heartbeat {
  HostId host;
};
struct ReplicaStarted {
  ReplicaId replica;
  HostId host;
};
struct ReplicaExited {
  ReplicaId replica;
  HostId host;
  bool failed = true;  // non-zero exit / crash; false = the task finished its work
};
struct ReplicaStopped {  // confirmation of a StopReplica
  ReplicaId replica;
  HostId host;
};
// A full listing of the replicas a host runs (after it rejoins, or a periodic list in live mode).
struct HostReport {
  HostId host;
  std::vector<ReplicaId> running;
};

// A service's load as the runtime measured it (its metrics pipeline, as metrics-server is Kubernetes'):
// the request rate offered, the mean busy fraction of the replicas that serve, and how many serve. The
// HPA acts on the latest one at each of its syncs; it never reads a runtime's containers itself.
struct LoadSample {
  ServiceId service;
  double request_rate = 0;  // requests per second offered to the service
  double utilization = 0;   // mean busy fraction of the ready replicas
  int ready = 0;            // replicas running on a responsive host, that report a utilisation
};

}  // namespace obs

// Every observation but a load sample comes from one host (obs::LoadSample is about a service).
using Observation = std::variant<obs::Heartbeat, obs::ReplicaStarted, obs::ReplicaExited, obs::ReplicaStopped,
                                 obs::HostReport, obs::LoadSample>;

}  // namespace drydock
