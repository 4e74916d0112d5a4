// The one loop that drives the control plane, written once for both runtimes (sim/ in virtual time on
// SimGrid, live/ in wall time against Docker Engines). At each instant it
//
//   1. delivers the observations the runtime has for it (Runtime::poll)
//   2. applies the timeline's changes that are due (a scenario's scale and image changes)
//   3. steps the control plane until it is quiet at this instant (a step can free capacity that the
//      next one uses; bounded, so that a bug cannot spin for ever), executing each step's actions
//      through the runtime and recording its events
//   4. samples the timeseries (control/sampler.h) over the runtime's ground truth when a sample is due
//   5. waits until the next thing to do: the control plane's wakeup, the runtime's next input, the next
//      change or sample, or the end
//
// A runtime implements only what differs: how observations arrive, how an action is carried out, what
// is really true, and how to wait. Pure like the rest of control/: no clock (time is the runtime's), no
// I/O, no threads.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "control/control_plane.h"
#include "control/sampler.h"
#include "model/event.h"
#include "model/sample.h"

namespace drydock {

// Hands one observation, made at the given time, to the control plane.
using Deliver = std::function<void(const Observation&, Time)>;

class Runtime {
 public:
  virtual ~Runtime() = default;
  virtual Time now() const = 0;
  // Delivers every observation that has arrived by `now`, in arrival order.
  virtual void poll(Time now, const Deliver& deliver) = 0;
  virtual void execute(const Action& action, Time now) = 0;
  virtual GroundTruth ground_truth() const = 0;
  // Returns at `t`, or earlier when new input arrives.
  virtual void wait_until(Time t) = 0;

  // Optional.
  // When the runtime next has input without being asked (sim: a message due; live: a periodic look).
  virtual Time next_input() const { return kNever; }
  // Just before waiting until `until` (the earliest of `others` and the control plane's wakeup): a runtime
  // may deliver input that cannot bring that time forward, and return the time to wait until then.
  virtual Time before_wait(Time others, Time until, const Deliver& deliver) {
    (void)others;
    (void)deliver;
    return until;
  }
  // The events of a step, before they go to the log (sim: heartbeats turn prompt on a health change).
  virtual void on_events(const std::vector<Event>& events, Time now) {
    (void)events;
    (void)now;
  }
  // After the instant's steps; false ends the run (sim: a broken invariant). `last`: the run ends now.
  virtual bool after_instant(Time now, bool last) {
    (void)now;
    (void)last;
    return true;
  }
  // Rows the runtime adds to each sample (sim: modelled request traffic).
  virtual void sample_more(Time now, std::vector<Sample>& out) {
    (void)now;
    (void)out;
  }
  virtual bool stop_requested() const { return false; }
  // Seconds on the runtime's own stopwatch, to measure what steps cost; 0 = not measured.
  virtual double stopwatch() const { return 0; }
};

// A change the driver applies at its time, before the step of that instant (a scenario's `changes:`).
struct TimedChange {
  Time at;
  std::function<void(Time now)> apply;
};

struct DriverConfig {
  Time end = kNever;         // the run's last instant
  Time sample_period = 1.0;  // timeseries sampling, on a grid from 0
  // Samples missed while the loop could not run (a wall-clock runtime that stalled) are skipped rather
  // than taken in a burst. Virtual time never stalls.
  bool skip_missed_samples = false;
  int max_rounds = 8;  // steps per instant at most
};

struct DriverStats {
  std::uint64_t observations = 0;  // delivered
  std::uint64_t actions = 0;       // executed
  std::uint64_t decisions = 0;     // placements the scheduler decided
  double step_seconds = 0;         // on the runtime's stopwatch
};

class Driver {
 public:
  // Events go to `log`, samples to `samples` (both owned by the runtime, which writes the results).
  Driver(ControlPlane& control, Runtime& runtime, DriverConfig config, std::vector<Event>& log,
         std::vector<Sample>& samples);
  // Adds changes to the timeline (kept in time order, stable).
  void schedule(std::vector<TimedChange> changes);
  // Runs until the end, a stop request, or a runtime saying stop after an instant.
  void run();
  // Delivers one observation now (input that reaches the loop outside poll).
  void deliver(const Observation& observation, Time at);
  const DriverStats& stats() const { return stats_; }

 private:
  void step_until_quiet(Time now);

  ControlPlane& control_;
  Runtime& runtime_;
  DriverConfig config_;
  std::vector<Event>& log_;
  std::vector<Sample>& samples_;
  std::vector<TimedChange> changes_;
  std::size_t next_change_ = 0;
  Time next_sample_ = 0;
  DriverStats stats_;
  Deliver deliver_;
};

}  // namespace drydock
