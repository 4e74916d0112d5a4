// The work a run never placed, apart from the failures: at trace scale many tasks find no host at
// all, and charging that shortfall to a crash (as replica-seconds the crash "lost") made one crash of
// 7 replicas cost 1.5 million replica-seconds. Reported on its own, beside placement latency, which
// only counts the replicas that were placed.
#pragma once

#include <vector>

#include "model/event.h"
#include "model/time.h"

namespace drydock {

struct Shortfall {
  int submitted = 0;
  int placed = 0;        // distinct replicas placed at least once
  int never_placed = 0;  // submitted, never placed, not given up (still pending at the end)
  int given_up = 0;      // removed before ever being placed
  double never_placed_replica_seconds = 0;  // sum over never-placed replicas of (end - submitted)
};

Shortfall never_placed_shortfall(const std::vector<Event>& events, Time end);

}  // namespace drydock
