// The container start model of one host's Docker daemon. A start alone takes the service's
// start_latency (after its image is local); concurrent starts on one host queue behind each other,
// because the daemon (containerd, runc, the cgroup and network setup) completes them at a bounded
// rate: at most one start every `interval` seconds. So the k-th of N starts sent at once completes at
//     start_latency + (k - 1) x interval
// which is what bench/docker_start_bench.cc measures on a real daemon for N = 1, 10, 30 (the default
// interval is fitted to it; bench/RESULTS.md). An interval of 0 is the flat model: every start takes
// start_latency however many run at once.
//
// Plain arithmetic on times, no SimGrid: the host agent asks it when a start completes.
#pragma once

#include "model/time.h"

namespace drydock::sim {

class StartQueue {
 public:
  explicit StartQueue(Time interval = 0) : interval_(interval) {}

  // A start that would complete at `alone_done` on an idle daemon; returns when it does complete,
  // and books that completion. Calls must come in the order the daemon receives the starts.
  Time complete_at(Time alone_done) {
    Time done = alone_done;
    if (booked_ && done < last_done_ + interval_) done = last_done_ + interval_;
    last_done_ = done;
    booked_ = true;
    return done;
  }

  // The daemon crashed: its queue is gone with it.
  void reset() { booked_ = false; }

  Time interval() const { return interval_; }

 private:
  Time interval_;
  Time last_done_ = 0;
  bool booked_ = false;
};

}  // namespace drydock::sim
