#include "analysis/event_log_invariants.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace drydock {
namespace {

struct ServiceBooks {
  int desired = 0;
  int completed = 0;
  bool updating = false;
  int surge = 0;
  int desired_at_update = 0;
  std::set<std::string> counted;  // running and not removed
};

struct ReplicaBooks {
  std::string placed_on;
  bool started = false;
  bool ended = false;
  bool removed = false;  // given up by the control plane: a start after that is an orphan's, not counted
};

// "start v0->v1 image a->b max_surge 3 max_unavailable 0" -> 3
int surge_of(const std::string& detail) {
  const auto at = detail.find("max_surge ");
  return at == std::string::npos ? 0 : std::atoi(detail.c_str() + at + 10);
}

std::string at(Time t) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "t=%.6f s: ", t);
  return buf;
}

}  // namespace

std::vector<std::string> check_event_log(const std::vector<Event>& events) {
  std::vector<std::string> broken;
  std::map<std::string, ServiceBooks> services;
  std::map<std::string, ReplicaBooks> replicas;
  std::set<std::string> touched;  // services whose counts changed at the current time
  auto check = [&](Time t) {
    for (const std::string& name : touched) {
      const ServiceBooks& s = services[name];
      const int desired = std::max(0, s.desired - s.completed);
      int surge = 0;
      if (s.updating)
        surge = desired <= s.desired_at_update || s.desired_at_update <= 0
                    ? s.surge
                    : static_cast<int>(std::ceil(static_cast<double>(s.surge) * desired / s.desired_at_update));
      if (static_cast<int>(s.counted.size()) > desired + surge)
        broken.push_back(at(t) + "running: service " + name + ": " + std::to_string(s.counted.size()) + " counted, desired " +
                         std::to_string(desired) + " + surge " + std::to_string(surge));
    }
    touched.clear();
  };
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    ServiceBooks& s = services[e.service];
    switch (e.kind) {
      case EventKind::kScaled: {
        const auto arrow = e.detail.find("->");
        if (arrow != std::string::npos) s.desired = std::atoi(e.detail.c_str() + arrow + 2);
        touched.insert(e.service);
        break;
      }
      case EventKind::kUpdate:
        if (e.detail.rfind("start", 0) == 0) {
          s.updating = true;
          s.surge = surge_of(e.detail);
          s.desired_at_update = std::max(0, s.desired - s.completed);
        } else if (e.detail.rfind("complete", 0) == 0) {
          s.updating = false;
          touched.insert(e.service);
        }
        break;
      case EventKind::kCompleted:
        ++s.completed;
        break;
      case EventKind::kPlaced:
        replicas[e.replica].placed_on = e.host;
        break;
      case EventKind::kStarted: {
        ReplicaBooks& r = replicas[e.replica];
        if (r.started) broken.push_back(at(e.time) + "lifecycle: replica " + e.replica + " started twice");
        else if (r.ended) broken.push_back(at(e.time) + "lifecycle: replica " + e.replica + " started after it ended");
        else if (r.placed_on.empty()) broken.push_back(at(e.time) + "lifecycle: replica " + e.replica + " started unplaced");
        else if (r.placed_on != e.host)
          broken.push_back(at(e.time) + "lifecycle: replica " + e.replica + " placed on " + r.placed_on + ", started on " + e.host);
        r.started = true;
        if (!r.removed) s.counted.insert(e.replica);
        touched.insert(e.service);
        break;
      }
      case EventKind::kStopped:
      case EventKind::kExited:
        replicas[e.replica].ended = true;
        s.counted.erase(e.replica);
        break;
      case EventKind::kRemoved:
        replicas[e.replica].removed = true;
        s.counted.erase(e.replica);
        break;
      default:
        break;
    }
    if (i + 1 == events.size() || events[i + 1].time != e.time) check(e.time);
  }
  return broken;
}

}  // namespace drydock
