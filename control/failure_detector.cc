#include "control/failure_detector.h"

#include <cstdio>

namespace drydock {

std::string_view to_string(HostHealth h) {
  switch (h) {
    case HostHealth::kUnknown: return "unknown";
    case HostHealth::kAlive: return "alive";
    case HostHealth::kSuspected: return "suspected";
    case HostHealth::kDown: return "down";
  }
  return "?";
}

void FixedTimeoutDetector::heartbeat(HostId host, Time now) {
  if (host.value >= last_.size()) last_.resize(host.value + 1, -kNever);
  if (now > last_[host.value]) last_[host.value] = now;
}

HostHealth FixedTimeoutDetector::health(HostId host, Time now) const {
  const Time t = last(host);
  if (t == -kNever) return HostHealth::kUnknown;
  // Compare against the deadlines exactly as next_change() computes them. Comparing the silence
  // (now - t) instead is not the same in floating point: for t = 0.7, (0.7 + 7.5) - 0.7 < 7.5, so at the
  // deadline next_change() named the host would still look alive and never be re-examined.
  if (now >= t + config_.down_after) return HostHealth::kDown;
  if (now >= t + config_.suspect_after) return HostHealth::kSuspected;
  return HostHealth::kAlive;
}

Time FixedTimeoutDetector::next_change(HostId host, Time now) const {
  const Time t = last(host);
  if (t == -kNever) return kNever;
  if (now < t + config_.suspect_after) return t + config_.suspect_after;
  if (now < t + config_.down_after) return t + config_.down_after;
  return kNever;
}

std::string FixedTimeoutDetector::describe() const {
  char buf[128];
  std::snprintf(buf, sizeof buf, "fixed-timeout period=%gs suspect=%gs down=%gs", config_.period,
                config_.suspect_after, config_.down_after);
  return buf;
}

}  // namespace drydock
