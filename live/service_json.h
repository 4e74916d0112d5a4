// The JSON form of a live service, shared by the manager's HTTP API and its SQLite store:
//   {"name": "web", "image": "drydock/busybox:latest", "cmd": ["sleep", "1000"], "replicas": 100,
//    "cpu": 0.01, "memory_mib": 16, "restart_delay": 5, "max_per_host": 0}
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
// Docker container names allow [a-zA-Z0-9][a-zA-Z0-9_.-]; drydock adds a prefix and suffix to the
// service name, so the same rule applies, and 63 characters at most.
void check_service_name(const std::string& name);

}  // namespace drydock::live
