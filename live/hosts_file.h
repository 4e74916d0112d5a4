// hosts.yaml: the real machines a live cluster is made of.
//
//   hosts:
//     - name: h1                                   # unique
//       endpoint: unix:///var/lib/drydock-testbed/h1/docker.sock   # or tcp://addr:2375, https://addr:2376
//       address: 10.77.0.11                        # optional, informational (Swarm's advertise address)
//       capacity: {cpu: 2, memory_mib: 8035}       # what the scheduler may allocate there
//       labels: {zone: a}                          # optional, for constraints and spread preferences
//       tls: {ca: ca.pem, cert: cert.pem, key: key.pem}   # optional, relative to the file
//
// A mistake is reported with the file, line and field: "hosts.yaml:7: hosts[1].capacity.cpu: ...".
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "control/spec.h"
#include "live/docker_client.h"

namespace drydock::live {

struct LiveHost {
  HostSpec spec;
  DockerEndpoint endpoint;
  std::string address;
};

class HostsFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws HostsFileError naming file, line and field.
std::vector<LiveHost> load_hosts_file(const std::string& path);
std::vector<LiveHost> parse_hosts(const std::string& yaml_text, const std::string& origin,
                                  const std::string& base_dir = ".");

}  // namespace drydock::live
