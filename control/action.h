// What the control plane asks a runtime to do. The runtime executes actions and reports what happened
// through observations; an action is never assumed to have worked.
#pragma once

#include <variant>

#include "model/ids.h"

namespace drydock {

namespace act {

struct StartReplica {
  ReplicaId replica;
  ServiceId service;
  HostId host;
};
struct StopReplica {
  ReplicaId replica;
  ServiceId service;
  HostId host;
};

// The cluster autoscaler's: switch a standby host on (it joins once it boots and heartbeats) or off
// (the control plane has retired it already: its silence is not a failure). A drain is no action of its
// own: it is the StopReplica actions of the host's replicas.
struct PowerOnHost {
  HostId host;
};
struct PowerOffHost {
  HostId host;
};

}  // namespace act

using Action = std::variant<act::StartReplica, act::StopReplica, act::PowerOnHost, act::PowerOffHost>;

}  // namespace drydock
