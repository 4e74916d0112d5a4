#include "model/load_curve.h"

#include <algorithm>
#include <cmath>

namespace drydock {

double LoadCurve::at_time(Time t) const {
  double r = 0;
  switch (kind) {
    case Kind::kNone: r = 0; break;
    case Kind::kConstant: r = rate; break;
    case Kind::kDiurnal: {
      const double phase = 2 * M_PI * (t - peak_at) / period;
      r = base + (peak - base) * (1 + std::cos(phase)) / 2;
      break;
    }
    case Kind::kStep: r = t < at ? rate : to; break;
    case Kind::kSpike: r = t >= at && t < at + duration ? peak : rate; break;
    case Kind::kPoints: {
      if (points.empty()) break;
      if (t <= points.front().first) {
        r = points.front().second;
        break;
      }
      if (t >= points.back().first) {
        r = points.back().second;
        break;
      }
      auto hi = std::upper_bound(points.begin(), points.end(), t,
                                 [](Time x, const std::pair<Time, double>& p) { return x < p.first; });
      auto lo = hi - 1;
      const double f = (t - lo->first) / (hi->first - lo->first);
      r = lo->second + f * (hi->second - lo->second);
      break;
    }
  }
  return std::max(0.0, r);
}

}  // namespace drydock
