// The JSON form of a live service, shared by the manager's HTTP API and its SQLite store:
//   {"name": "web", "image": "drydock/busybox:latest", "cmd": ["sleep", "1000"], "replicas": 100,
//    "cpu": 0.01, "memory_mib": 16, "restart_delay": 5, "max_per_host": 0,
//    "update_config": {"max_surge": "25%", "max_unavailable": "25%"}}
// and the body of an update (`drydock service update`), the fields a rollout may change:
//   {"image": "web:v2", "update_config": {"max_surge": 0, "max_unavailable": 2}}
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "live/live_runtime.h"

namespace drydock::live {

class SpecError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

nlohmann::json to_json(const LiveService& service);
// Throws SpecError naming the field: "field 'replicas': must be >= 0, got -3".
LiveService service_from_json(const nlohmann::json& j);
// `current` with an update body applied; throws SpecError naming the field. A new image is rolled out
// by the control plane under the (new) update_config.
LiveService updated_service(LiveService current, const nlohmann::json& update);
// Docker container names allow [a-zA-Z0-9][a-zA-Z0-9_.-]; drydock adds a prefix and suffix to the
// service name, so the same rule applies, and 63 characters at most.
void check_service_name(const std::string& name);

}  // namespace drydock::live
