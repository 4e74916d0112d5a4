#include "control/driver.h"

#include <algorithm>
#include <cmath>

namespace drydock {

Driver::Driver(ControlPlane& control, Runtime& runtime, DriverConfig config, std::vector<Event>& log,
               std::vector<Sample>& samples)
    : control_(control), runtime_(runtime), config_(config), log_(log), samples_(samples) {
  deliver_ = [this](const Observation& o, Time at) { deliver(o, at); };
}

void Driver::schedule(std::vector<TimedChange> changes) {
  changes_.erase(changes_.begin(), changes_.begin() + static_cast<std::ptrdiff_t>(next_change_));
  next_change_ = 0;
  for (TimedChange& c : changes) changes_.push_back(std::move(c));
  std::stable_sort(changes_.begin(), changes_.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
}

void Driver::deliver(const Observation& observation, Time at) {
  control_.observe(observation, at);
  ++stats_.observations;
}

void Driver::step_until_quiet(Time now) {
  for (int round = 0; round < config_.max_rounds; ++round) {
    const double t0 = runtime_.stopwatch();
    const std::uint64_t before = control_.decisions();
    Ready ready = control_.step(now);
    stats_.step_seconds += runtime_.stopwatch() - t0;
    stats_.decisions += control_.decisions() - before;
    stats_.actions += ready.actions.size();
    for (const Action& a : ready.actions) runtime_.execute(a, now);
    runtime_.on_events(ready.events, now);
    for (Event& e : ready.events) log_.push_back(std::move(e));
    if (control_.next_wakeup() > now) break;
  }
}

void Driver::run() {
  for (;;) {
    const Time now = runtime_.now();
    runtime_.poll(now, deliver_);
    for (; next_change_ < changes_.size() && changes_[next_change_].at <= now; ++next_change_)
      changes_[next_change_].apply(now);
    step_until_quiet(now);

    const bool last = now >= config_.end || runtime_.stop_requested();
    if (!runtime_.after_instant(now, last)) break;
    if (now >= next_sample_) {
      sample_cluster(control_, runtime_.ground_truth(), now, samples_);
      runtime_.sample_more(now, samples_);
      next_sample_ += config_.sample_period;
      if (config_.skip_missed_samples && next_sample_ <= now) next_sample_ = now + config_.sample_period;
    }
    if (last) break;

    // Everything but the control plane's own deadlines, which the runtime may move (before_wait).
    Time others = std::min({runtime_.next_input(), next_sample_, config_.end});
    if (next_change_ < changes_.size()) others = std::min(others, changes_[next_change_].at);
    Time until = runtime_.before_wait(others, std::min(others, control_.next_wakeup()), deliver_);
    // Never wait for a time already past: that would spin at `now` for ever.
    if (until <= now) until = std::nextafter(now, kNever);
    runtime_.wait_until(until);
  }
}

}  // namespace drydock
