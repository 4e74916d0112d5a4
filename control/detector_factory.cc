#include "control/detector_factory.h"

#include "control/exponential_phi_detector.h"
#include "control/phi_accrual_detector.h"

namespace drydock {

std::unique_ptr<FailureDetector> make_detector(const DetectorConfig& config) {
  switch (config.kind) {
    case DetectorConfig::Kind::kFixedTimeout: return std::make_unique<FixedTimeoutDetector>(config.fixed);
    case DetectorConfig::Kind::kPhiAccrual: return std::make_unique<PhiAccrualDetector>(config.phi);
    case DetectorConfig::Kind::kPhiExponential: return std::make_unique<ExponentialPhiDetector>(config.exponential);
  }
  return nullptr;
}

}  // namespace drydock
