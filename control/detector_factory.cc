#include "control/detector_factory.h"

namespace drydock {

std::unique_ptr<FailureDetector> make_detector(const DetectorSpec& spec) {
  switch (spec.kind) {
    case DetectorSpec::Kind::kFixedTimeout: return std::make_unique<FixedTimeoutDetector>(spec.fixed);
    case DetectorSpec::Kind::kPhiAccrual: return std::make_unique<PhiAccrualDetector>(spec.phi);
    case DetectorSpec::Kind::kPhiExponential: return std::make_unique<ExponentialPhiDetector>(spec.exponential);
  }
  return nullptr;
}

}  // namespace drydock
