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

}  // namespace obs

using Observation =
    std::variant<obs::Heartbeat, obs::ReplicaStarted, obs::ReplicaExited, obs::ReplicaStopped, obs::HostReport>;

}  // namespace drydock
