// Failure detectors judge a host from its heartbeats alone. They are pure: the control plane feeds
// every heartbeat with its arrival time and asks for a verdict at a given time.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/detector_config.h"
#include "model/ids.h"
#include "model/time.h"

namespace drydock {

enum class HostHealth { kUnknown, kAlive, kSuspected, kDown };
std::string_view to_string(HostHealth h);

class FailureDetector {
 public:
  virtual ~FailureDetector() = default;
  virtual std::string_view name() const = 0;
  virtual void heartbeat(HostId host, Time now) = 0;
  virtual HostHealth health(HostId host, Time now) const = 0;
  // The earliest time after `now` at which health(host) may change if no heartbeat arrives;
  // kNever when it cannot (the host is already down).
  virtual Time next_change(HostId host, Time now) const = 0;
  // A one-line description with parameters, for summaries ("fixed-timeout period=5s down=3x").
  virtual std::string describe() const = 0;
};

// Swarm's (and, with other numbers, Kubernetes') detector: suspected once a heartbeat is overdue,
// declared down after `down_after` seconds without one (FixedTimeoutConfig, model/detector_config.h).
class FixedTimeoutDetector final : public FailureDetector {
 public:
  explicit FixedTimeoutDetector(FixedTimeoutConfig config) : config_(config) {}
  std::string_view name() const override { return "fixed-timeout"; }
  void heartbeat(HostId host, Time now) override;
  HostHealth health(HostId host, Time now) const override;
  Time next_change(HostId host, Time now) const override;
  std::string describe() const override;

 private:
  Time last(HostId host) const { return host.value < last_.size() ? last_[host.value] : -kNever; }
  FixedTimeoutConfig config_;
  std::vector<Time> last_;  // last heartbeat per host; -inf before the first
};

}  // namespace drydock
