// A Compose / stack file (`docker stack deploy -c stack.yml`), recognised by top-level `services:`
// entries with `deploy:` sections, read into drydock services: deploy.replicas (or mode global),
// resources.reservations (what Swarm places on; limits are enforced at run time and do not place),
// GPU reservations (devices with capability gpu), placement constraints (node.labels.*), preferences
// (spread over a label), max_replicas_per_node, update_config, restart_policy, image, command, and
// published ports in host mode. A field drydock cannot model is a finding, as for Kubernetes objects.
#pragma once

#include <string>
#include <vector>

#include "model/spec.h"

namespace drydock::compose {

struct ComposeService {
  ServiceSpec spec;                  // spec.name = the service's key in the file
  std::vector<std::string> command;  // the container's command (live mode)
  bool global = false;               // deploy.mode: global: one replica per eligible host
  std::string spread;                // placement.preferences spread: the label key, or empty
  int line = 0;                      // of the service in the file
};

struct ComposeFile {
  std::string file;
  std::vector<ComposeService> services;
  std::vector<std::string> findings;  // "FILE:LINE: service/web: deploy.x: not modelled (...)"
};

// True when the file is a mapping with `services:` of which at least one has a `deploy:` section (and
// no `apiVersion`: that would be a Kubernetes object).
bool is_compose_file(const std::string& path);

// Throws std::invalid_argument naming file, line and field for a malformed file.
ComposeFile read_compose(const std::string& path);

// Docker's memory units: "256M", "1g", "512mb", "1048576" (bytes); binary multiples, any case.
double parse_docker_bytes(const std::string& text);
// Go durations as Compose writes them: "5s", "1m30s", "500ms".
double parse_go_duration(const std::string& text);

}  // namespace drydock::compose
