// Container transitions that need no actor of their own: a start whose image is already on the host
// (or has none) and the exit of a batch task. One actor on the manager's host works through them in
// time order. A trace replay has a hundred thousand tasks at once; an actor each would cost a stack
// each (gigabytes), while a timeline entry costs a few bytes. Entries check, when due, that their
// container still exists and its host is up: a crash erases the container, exactly as it would kill a
// per-container actor.
#pragma once

#include <simgrid/s4u.hpp>

#include <queue>
#include <vector>

#include "model/ids.h"
#include "model/time.h"

namespace drydock::sim {

struct World;

class ContainerTimeline {
 public:
  enum class Kind { kStart, kExit };
  void schedule(Time at, Kind kind, ReplicaId replica, ServiceId service, HostId host);
  // Starts the actor that processes entries; it runs until killed with the others at the end.
  void start(World& world, simgrid::s4u::Host* where);

 private:
  struct Entry {
    Time at;
    std::uint64_t seq;
    Kind kind;
    ReplicaId replica;
    ServiceId service;
    HostId host;
    bool operator>(const Entry& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };
  void run(World& world);

  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue_;
  std::uint64_t seq_ = 0;
  simgrid::s4u::MutexPtr mutex_;
  simgrid::s4u::ConditionVariablePtr changed_;
};

}  // namespace drydock::sim
