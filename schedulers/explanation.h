// The per-host breakdown of one placement decision, for `drydock explain` and for tests: which filter
// rejected each host, each score plugin's normalised value and weight, the total, and the winner.
#pragma once

#include <string>
#include <vector>

#include "model/ids.h"

namespace drydock {

struct HostExplanation {
  HostId host;
  std::string rejected_by;     // empty when the host passed every filter
  std::vector<double> scores;  // one per score plugin, normalised (0..100 for most plugins), before weight
  double total = 0;            // sum of weight * score; meaningful only when not rejected
  std::vector<std::string> described;  // one per score plugin: ScorePlugin::describe (empty if none)
  int rank = 0;                        // 1 = best total among the feasible hosts (ties share); 0 = rejected
};

struct Explanation {
  std::string policy;
  std::vector<std::string> score_names;
  std::vector<double> weights;
  std::vector<HostExplanation> hosts;  // every host, in id order
  std::vector<HostId> best;            // hosts with the top total; the seeded tie-break picks one of them
  std::string reason;                  // why not, when no host passed the filters
  std::string note;                    // e.g. "this policy samples hosts; the breakdown scores all of them"
};

}  // namespace drydock
