// Offered load of a service: requests per second as a function of time. Pure data + evaluation, so the
// simulator and the live runtime (and the HPA's tests) read the same curve.
//
//   constant  rate
//   diurnal   base + (peak - base) * (1 + cos(2 pi (t - peak_at) / period)) / 2: peak at peak_at, base
//             half a period later
//   step      rate before `at`, `to` from `at` on
//   spike     rate, except `peak` from `at` for `duration` (a flash crowd)
//   points    piecewise linear through (time, rate) points (from a CSV file); flat outside them
#pragma once

#include <utility>
#include <vector>

#include "model/time.h"

namespace drydock {

struct LoadCurve {
  enum class Kind { kNone, kConstant, kDiurnal, kStep, kSpike, kPoints };
  Kind kind = Kind::kNone;
  double rate = 0;      // constant, the base of step and spike
  double base = 0;      // diurnal minimum
  double peak = 0;      // diurnal maximum, spike height
  double to = 0;        // step: rate from `at` on
  Time period = 86400;  // diurnal
  Time peak_at = 0;     // diurnal: time of the peak (modulo period)
  Time at = 0;          // step, spike
  Time duration = 0;    // spike
  std::vector<std::pair<Time, double>> points;  // sorted by time

  bool active() const { return kind != Kind::kNone; }
  // Requests per second at time t (never negative).
  double at_time(Time t) const;
};

}  // namespace drydock
