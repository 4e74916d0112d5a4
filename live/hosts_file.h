// hosts.yaml: the real machines a live cluster is made of.
//
//   hosts:
//     - name: h1                                   # unique
//       endpoint: unix:///var/lib/drydock-testbed/h1/docker.sock   # or tcp://addr:2375, https://addr:2376
//       address: 10.77.0.11                        # optional, informational (Swarm's advertise address)
//       capacity: {cpu: 2, memory_mib: 8035}       # what the scheduler may allocate there
//       labels: {zone: a}                          # optional, for constraints and spread preferences
//       tls: {ca: ca.pem, cert: cert.pem, key: key.pem}   # optional, relative to the file
//       standby: true                              # optional: a standby pool host, off until the cluster
//                                                  # autoscaler powers it on (drydock live)
//
// A mistake is reported with the file, line and field: "hosts.yaml:7: hosts[1].capacity.cpu: ...".
//
// Two readings of the same file:
// - strict (load_hosts_file): any bad entry rejects the whole file. `drydock live` and
//   `drydock manager --strict-hosts` use it: a scenario's faults name hosts by position, so silently
//   dropping one entry would aim a crash at the wrong daemon.
// - lenient (load_hosts_inventory): each bad entry is set aside with its error and the good ones are
//   kept, so that one typo does not take the whole manager down (it shows the entry in `host ls`).
// Both still refuse a file that cannot be read, is not YAML, has no `hosts` list or no usable entry.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "model/spec.h"
#include "live/docker_client.h"

namespace drydock::live {

struct LiveHost {
  HostSpec spec;
  DockerEndpoint endpoint;
  std::string address;
  bool standby = false;  // a standby pool host: the cluster autoscaler powers it on and off
};

// A hosts.yaml entry that could not be used, and why.
struct RejectedHost {
  std::string entry;     // "hosts[2]"
  std::string name;      // as written; empty when the entry has no readable name
  std::string endpoint;  // as written; may be empty or the very thing that is wrong
  std::string message;   // "hosts.yaml:9: hosts[2].tls.cert: no such file /etc/drydock/cert.pem"
};

struct HostsInventory {
  std::vector<LiveHost> hosts;          // the usable entries, in file order
  std::vector<RejectedHost> rejected;   // the others, in file order
};

class HostsFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Strict: throws HostsFileError naming file, line and field of every bad entry.
std::vector<LiveHost> load_hosts_file(const std::string& path);
std::vector<LiveHost> parse_hosts(const std::string& yaml_text, const std::string& origin,
                                  const std::string& base_dir = ".");

// Lenient: bad entries go to `rejected`; throws HostsFileError only for the whole-file problems above.
HostsInventory load_hosts_inventory(const std::string& path);
HostsInventory parse_hosts_inventory(const std::string& yaml_text, const std::string& origin,
                                     const std::string& base_dir = ".");

}  // namespace drydock::live
