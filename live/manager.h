// The manager daemon: a LiveRuntime over the hosts of hosts.yaml, desired state in SQLite, and a small
// HTTP API that `drydock service ...` and `drydock host ls` talk to, the way the docker CLI talks to a
// Swarm manager.
//
//   GET    /v1/hosts                     hosts with health, reachability, last error, replicas; a
//                                        hosts.yaml entry that could not be used has health "invalid"
//                                        and its file:line: field: error as last_error
//   GET    /v1/services                  services with desired / running counts
//   POST   /v1/services                  create: {"name", "image", "cmd", "replicas", "cpu", "memory_mib"}
//   POST   /v1/services/NAME/scale       {"replicas": N}
//   POST   /v1/services/NAME/update      {"image": "web:v2", "update_config": {"max_surge": 1, "max_unavailable": 0}}
//                                        a new image is rolled out by the control plane (rolling update)
//   DELETE /v1/services/NAME
//   GET    /v1/services/NAME/replicas    one row per replica: host, state, container
//   GET    /v1/events                    the run's event log so far
//   GET    /metrics                      Prometheus text format (live/prometheus_metrics.h)
//   GET    /openapi.json                 this API as an OpenAPI 3 document (live/openapi.h)
//
// The API binds to loopback by default; bound anywhere else it refuses to start without a token and a
// TLS certificate and key: it then speaks HTTPS only and every request must carry
// "Authorization: Bearer TOKEN".
#pragma once

#include <atomic>
#include <memory>
#include <shared_mutex>
#include <string>
#include <thread>

#include "live/etcd_client.h"
#include "live/http_server.h"
#include "live/leader_lease.h"
#include "live/live_runtime.h"
#include "live/prometheus_metrics.h"
#include "live/state_store.h"

namespace drydock::live {

// Each manager generation issues replica ids from generation * this (drydock.replica labels, names
// like web.3000017 for generation 3), so that no two generations ever share a replica slot.
constexpr std::uint64_t kReplicaIdsPerGeneration = 1000000;

struct ManagerOptions {
  std::string hosts_file;
  // A bad hosts.yaml entry is reported and skipped, the manager serves the others; strict refuses to
  // start instead (live/hosts_file.h).
  bool strict_hosts = false;
  std::string policy = "spread";
  std::string state = "drydock.db";
  // "etcd://HOST:PORT[,...]": the desired state in etcd, shared by several managers; one leads through
  // an etcd lease of `lease_ttl` seconds, the others stand by and forward requests to it. Empty: SQLite.
  std::string store;
  int lease_ttl = 5;
  std::string advertise;  // the URL other managers forward to; default http(s)://LISTEN:PORT
  std::string listen = "127.0.0.1";
  int port = 7070;
  std::string token;
  std::string tls_cert;  // PEM certificate (chain) and key: HTTPS; required off loopback
  std::string tls_key;
  std::string cluster = "drydock";
  double probe_period = 1.0;
  // Which detector judges the hosts: `detector.fixed` holds --suspect-after / --down-after (Swarm's
  // 5 s / 15 s unless told otherwise); --detector picks the kind, and the phi detectors take their
  // threshold from `phi_threshold` and scale their estimates to probe_period.
  DetectorConfig detector;
  std::string detector_kind = "fixed-timeout";
  double phi_threshold = 8.0;
  int stop_grace = 2;
  std::string results_dir;      // written on stop() when set
  bool verbose = true;          // diagnostics on stderr
};

class Manager {
 public:
  // Loads hosts.yaml and opens the state; throws with a clear message on any bad input (a bad host
  // entry only when strict_hosts; otherwise it is reported on stderr and in /v1/hosts).
  explicit Manager(ManagerOptions options);
  ~Manager();
  void start();  // the runtime (first probes), the stored services, then the API
  void stop();   // the API, then the runtime; containers keep running (a restart re-adopts them)
  int port() const { return server_->port(); }
  std::size_t host_count() const { return hosts_.size(); }
  std::uint64_t generation() const { return generation_; }
  LiveRuntime& runtime() { return *runtime_; }  // SQLite mode (always there) or while leading
  const std::vector<RejectedHost>& rejected_hosts() const { return rejected_hosts_; }
  HttpResponse handle(const HttpRequest& request);

 private:
  HttpResponse route(const HttpRequest& request);
  void resume(const LiveService& service);
  std::unique_ptr<LiveRuntime> make_runtime();
  void take_over();  // starts the runtime and brings every stored service back
  // Managers on etcd (live/manager_leadership.cc).
  void lead_loop();
  void become_leader();
  void step_down();
  HttpResponse forward(const HttpRequest& request);
  HttpResponse leader_view();
  ManagerOptions options_;
  std::vector<LiveHost> hosts_;
  std::vector<RejectedHost> rejected_hosts_;  // served as "invalid" rows of /v1/hosts
  ManagerMetrics metrics_;  // before runtime_: the runtime reports its steps here until it stops
  std::unique_ptr<DesiredStore> store_;
  std::unique_ptr<LiveRuntime> runtime_;
  std::unique_ptr<HttpServer> server_;
  std::uint64_t generation_ = 0;
  std::mutex write_mu_;  // serialises changes: store and runtime move together
  bool started_ = false;
  // On etcd: the lease, and the role. route() runs under a shared lock of role_mu_; becoming leader
  // or stepping down takes it exclusively, so that no request sees a half-built runtime.
  std::unique_ptr<EtcdClient> etcd_;
  std::unique_ptr<LeaderLease> lease_;
  std::shared_timed_mutex role_mu_;
  bool leading_ = false;
  std::atomic<bool> stopping_{false};
  std::thread lead_loop_;
};

void write_live_results(const std::string& dir, LiveRuntime& runtime, const std::string& scenario,
                        const std::string& policy, const std::vector<LiveHost>& hosts);

}  // namespace drydock::live
