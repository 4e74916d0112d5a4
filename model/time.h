// Time in the control plane is a plain number of seconds handed in by the runtime: virtual seconds in
// the simulator, seconds since the run started in live mode. The control plane never reads a clock.
#pragma once

#include <limits>

namespace drydock {

using Time = double;
inline constexpr Time kNever = std::numeric_limits<double>::infinity();

}  // namespace drydock
