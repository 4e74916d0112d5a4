// Turns a detector configuration (model/detector_config.h) into the detector that judges the hosts.
#pragma once

#include <memory>

#include "control/failure_detector.h"
#include "model/detector_config.h"

namespace drydock {

std::unique_ptr<FailureDetector> make_detector(const DetectorConfig& config);

}  // namespace drydock
