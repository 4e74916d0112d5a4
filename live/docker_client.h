// A Docker Engine API client over libcurl: unix socket, plain tcp, or https with client certificates.
//
// The API version is negotiated from /_ping (the lower of the daemon's and ours), never assumed. Every
// call has a connect timeout and a total timeout, so a hung daemon costs its caller a bounded wait.
// Idempotent calls (GETs, stop, remove) are retried with exponential backoff on transient failures;
// create is retried only when the request provably never reached the daemon (connection refused).
//
// A DockerClient may be used from one thread at a time; give each worker thread its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "live/docker_error.h"

namespace drydock::live {

// Where a daemon listens: "unix:///run/docker.sock", "tcp://10.0.0.5:2375", or "https://host:2376"
// (then ca/cert/key name PEM files for mutual TLS, as `docker --tlsverify` uses).
struct DockerEndpoint {
  std::string url;
  std::string tls_ca;
  std::string tls_cert;
  std::string tls_key;

  // Throws DockerError(kProtocol) naming what is wrong with the text.
  static DockerEndpoint parse(const std::string& url);
  bool is_unix() const { return url.rfind("unix://", 0) == 0; }
};

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds request_timeout{10000};
  int retries = 2;                                // extra attempts for retryable failures
  std::chrono::milliseconds backoff{100};         // first retry delay; doubles each time
};

struct ContainerConfig {
  std::string name;  // empty: the daemon picks one
  std::string image;
  std::vector<std::string> cmd;  // empty: the image's CMD
  std::map<std::string, std::string> labels;
  double cpus = 0;                 // CPU limit in cores (NanoCpus); 0 = none
  std::int64_t memory_bytes = 0;   // memory limit; 0 = none
};

struct ContainerSummary {
  std::string id;
  std::string name;   // without the leading '/'
  std::string image;  // as given at create ("drydock/busybox:v2")
  std::string state;  // created, running, paused, restarting, removing, exited, dead
  std::string status; // "Exited (137) 3 seconds ago"
  std::map<std::string, std::string> labels;
  std::int64_t created = 0;  // unix seconds
  std::optional<int> exit_code() const;  // parsed from status when the container has exited
};

struct ContainerEvent {
  std::string action;  // start, die, stop, destroy, ...
  std::string id;
  std::map<std::string, std::string> attributes;  // labels and exitCode
  double time = 0;     // unix seconds (from timeNano)
};

class DockerClient {
 public:
  explicit DockerClient(DockerEndpoint endpoint, ClientOptions options = {});
  ~DockerClient();
  DockerClient(const DockerClient&) = delete;
  DockerClient& operator=(const DockerClient&) = delete;

  const DockerEndpoint& endpoint() const { return endpoint_; }

  // GET /_ping; negotiates the API version on first success and returns it ("1.41").
  std::string ping();
  std::string api_version() const { return api_version_; }
  nlohmann::json info();

  // POST /containers/create; returns the id. Restart policy "no": restarts are drydock's decision.
  std::string create_container(const ContainerConfig& config);
  void start_container(const std::string& id);          // 304 (already running) is success
  void stop_container(const std::string& id, int grace_seconds);  // 304 (not running) is success
  // DELETE /containers/{id}?force=...; returns false when it was already gone (404).
  bool remove_container(const std::string& id, bool force);
  // GET /containers/json?all=1&filters={"label":[...]}; `labels` are "key" or "key=value" filters.
  std::vector<ContainerSummary> list_containers(const std::vector<std::string>& labels, bool all = true);
  // GET /events?since=&until=: container events in [since, until] (unix seconds), returned at once.
  std::vector<ContainerEvent> events(double since, double until, const std::vector<std::string>& labels);
  // GET /events streamed: calls `on_event` for each event until it returns false, the stream ends, it
  // stays silent for `idle_timeout`, or `keep_going` (polled about once a second) returns false.
  void stream_events(const std::vector<std::string>& labels, const std::function<bool(const ContainerEvent&)>& on_event,
                     std::chrono::milliseconds idle_timeout, const std::function<bool()>& keep_going = {});

 private:
  struct Response {
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
  };
  enum class Retry { kIdempotent, kOnlyIfNotSent };
  Response request(const std::string& method, const std::string& path, const std::string& body, Retry retry);
  Response request_once(const std::string& method, const std::string& path, const std::string& body,
                        bool& sent);
  std::string versioned(const std::string& path);
  [[noreturn]] void fail(const std::string& what, const Response& r) const;
  void* handle(bool streaming);

  DockerEndpoint endpoint_;
  ClientOptions options_;
  std::string base_url_;    // http://localhost for unix sockets, else the tcp/https base
  std::string api_version_; // empty until negotiated
  void* curl_ = nullptr;    // one easy handle, reused: keeps the connection alive between calls
};

}  // namespace drydock::live
