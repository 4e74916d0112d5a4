#include "sim/container_timeline.h"

#include "sim/host_agent.h"
#include "sim/world.h"

namespace drydock::sim {
namespace s4u = simgrid::s4u;

void ContainerTimeline::schedule(Time at, Kind kind, ReplicaId replica, ServiceId service, HostId host) {
  queue_.push({at, seq_++, kind, replica, service, host});
  if (changed_) changed_->notify_all();
}

void ContainerTimeline::start(World& world, s4u::Host* where) {
  mutex_ = s4u::Mutex::create();
  changed_ = s4u::ConditionVariable::create();
  s4u::Actor::create("containers", where, [this, &world] { run(world); });
}

void ContainerTimeline::run(World& world) {
  std::unique_lock lock(*mutex_);
  for (;;) {
    const Time now = s4u::Engine::get_clock();
    while (!queue_.empty() && queue_.top().at <= now) {
      const Entry e = queue_.top();
      queue_.pop();
      if (world.hung[e.host.value]) {
        // A frozen host makes no progress; look again a second later.
        queue_.push({now + 1.0, seq_++, e.kind, e.replica, e.service, e.host});
        continue;
      }
      if (e.kind == Kind::kStart) {
        const Time run_time = container_started(world, e.replica, e.service, e.host);
        if (run_time != kNever) schedule(now + run_time, Kind::kExit, e.replica, e.service, e.host);
      } else {
        container_finished(world, e.replica, e.service, e.host);
      }
    }
    if (queue_.empty())
      changed_->wait(lock);
    else
      changed_->wait_until(lock, queue_.top().at);
  }
}

}  // namespace drydock::sim
