// Kubernetes resource quantities as `kubectl get -o yaml` prints them: "500m" CPU, "16283300Ki" or
// "1.5Gi" memory, "4" GPUs, "129e6" bytes. The suffixes are Kubernetes' (binary Ki..Ei, decimal
// n u m k M G T P E, or a decimal exponent e/E), not drydock's scenario units (workloads/units.h).
#pragma once

#include <string>

namespace drydock::kube {

// The quantity in base units (cores, bytes, devices). Throws std::invalid_argument saying what was
// expected when `text` is not a quantity.
double parse_quantity(const std::string& text);

}  // namespace drydock::kube
