// One Docker host as the live runtime sees it: a probe thread (ping + list, every period), an event
// thread (the daemon's /events stream, for container exits as they happen rather than at the next
// listing) and a few worker threads for container calls, each with its own DockerClient. A host that hangs or vanishes
// only ever blocks its own threads, never the loop or the other hosts: that is the point of the agent.
//
// The agent does I/O only. It decides nothing: jobs are closures built by the runtime, and results go
// back to the runtime's loop thread through `post`.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "live/docker_client.h"
#include "live/hosts_file.h"

namespace drydock::live {

struct AgentConfig {
  double probe_period = 1.0;  // seconds between probes
  int workers = 8;            // concurrent container calls on this host (stops mostly wait)
  ClientOptions probe_client{std::chrono::milliseconds(500), std::chrono::milliseconds(1000), 0,
                             std::chrono::milliseconds(50)};
  ClientOptions work_client{};
  std::vector<std::string> list_labels;  // label filter of the periodic listing
};

struct ProbeResult {
  bool ok = false;
  std::string error;      // why the probe failed (unreachable, timeout, ...)
  std::string api_version;
  std::vector<ContainerSummary> containers;
  double began = 0;       // runtime clock when the listing was requested
};

class HostAgent {
 public:
  using Job = std::function<void(DockerClient&)>;
  using OnProbe = std::function<void(ProbeResult)>;
  using OnEvent = std::function<void(ContainerEvent)>;
  using Clock = std::function<double()>;

  HostAgent(LiveHost host, AgentConfig config, Clock clock, OnProbe on_probe, OnEvent on_event = {});
  ~HostAgent();
  HostAgent(const HostAgent&) = delete;
  HostAgent& operator=(const HostAgent&) = delete;

  void start();
  void request_stop();  // tells every thread to finish; returns at once
  void stop();          // request_stop() and join; a worker stuck in a call waits out its timeout
  void submit(Job job);
  void probe_now();  // wake the probe thread early
  const LiveHost& host() const { return host_; }
  std::size_t queued() const;

 private:
  void probe_loop();
  void event_loop();
  void work_loop();
  bool stopping() const;

  LiveHost host_;
  AgentConfig config_;
  Clock clock_;
  OnProbe on_probe_;
  OnEvent on_event_;
  mutable std::mutex mu_;
  std::condition_variable cv_;        // jobs and stop
  std::condition_variable probe_cv_;  // probe wake-ups and stop
  std::deque<Job> jobs_;
  bool stopping_ = false;
  bool probe_requested_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace drydock::live
