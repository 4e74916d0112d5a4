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

}  // namespace act

using Action = std::variant<act::StartReplica, act::StopReplica>;

}  // namespace drydock
