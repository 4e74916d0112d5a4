#include "analysis/shortfall.h"

#include <map>
#include <set>
#include <string>

namespace drydock {

Shortfall never_placed_shortfall(const std::vector<Event>& events, Time end) {
  Shortfall s;
  std::map<std::string, Time> pending;  // submitted, not yet placed
  std::set<std::string> placed;
  for (const Event& e : events) {
    switch (e.kind) {
      case EventKind::kSubmitted:
        ++s.submitted;
        if (!placed.count(e.replica)) pending.emplace(e.replica, e.time);
        break;
      case EventKind::kPlaced:
        if (placed.insert(e.replica).second) ++s.placed;
        pending.erase(e.replica);
        break;
      case EventKind::kRemoved:
        if (pending.erase(e.replica) > 0) ++s.given_up;
        break;
      default: break;
    }
  }
  for (const auto& [replica, at] : pending) {
    ++s.never_placed;
    if (end > at) s.never_placed_replica_seconds += end - at;
  }
  return s;
}

}  // namespace drydock
