#include "live/host_agent.h"

#include <chrono>

namespace drydock::live {

HostAgent::HostAgent(LiveHost host, AgentConfig config, Clock clock, OnProbe on_probe, OnEvent on_event)
    : host_(std::move(host)),
      config_(std::move(config)),
      clock_(std::move(clock)),
      on_probe_(std::move(on_probe)),
      on_event_(std::move(on_event)) {}

bool HostAgent::stopping() const {
  std::lock_guard lock(mu_);
  return stopping_;
}

HostAgent::~HostAgent() { stop(); }

void HostAgent::start() {
  threads_.emplace_back([this] { probe_loop(); });
  if (on_event_) threads_.emplace_back([this] { event_loop(); });
  for (int i = 0; i < config_.workers; ++i) threads_.emplace_back([this] { work_loop(); });
}

void HostAgent::request_stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  probe_cv_.notify_all();
}

void HostAgent::stop() {
  request_stop();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void HostAgent::submit(Job job) {
  {
    std::lock_guard lock(mu_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

void HostAgent::probe_now() {
  {
    std::lock_guard lock(mu_);
    probe_requested_ = true;
  }
  probe_cv_.notify_all();
}

std::size_t HostAgent::queued() const {
  std::lock_guard lock(mu_);
  return jobs_.size();
}

void HostAgent::probe_loop() {
  // Short timeouts and no retries: a probe that cannot answer within a second is a missed heartbeat,
  // and the failure detector, not the client, decides what a run of them means.
  DockerClient client(host_.endpoint, config_.probe_client);
  const auto period = std::chrono::duration<double>(config_.probe_period);
  while (true) {
    const auto next = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::nanoseconds>(period);
    ProbeResult r;
    r.began = clock_();
    try {
      r.api_version = client.ping();
      r.containers = client.list_containers(config_.list_labels, true);
      r.ok = true;
    } catch (const DockerError& e) {
      r.error = e.what();
    } catch (const std::exception& e) {
      r.error = std::string("probe failed: ") + e.what();
    }
    on_probe_(std::move(r));
    std::unique_lock lock(mu_);
    probe_cv_.wait_until(lock, next, [&] { return stopping_ || probe_requested_; });
    probe_requested_ = false;
    if (stopping_) return;
  }
}

void HostAgent::event_loop() {
  // The stream is a convenience for speed: the periodic listing stays the source of truth, so a
  // broken stream is simply reopened after a probe period.
  DockerClient client(host_.endpoint, config_.probe_client);
  while (!stopping()) {
    try {
      client.stream_events(config_.list_labels, [&](const ContainerEvent& e) {
        if (e.action == "die") on_event_(e);
        return !stopping();
      }, std::chrono::milliseconds(1000), [this] { return !stopping(); });
    } catch (const DockerError&) {
      std::unique_lock lock(mu_);
      probe_cv_.wait_for(lock, std::chrono::duration<double>(config_.probe_period), [&] { return stopping_; });
    }
  }
}

void HostAgent::work_loop() {
  DockerClient client(host_.endpoint, config_.work_client);
  while (true) {
    Job job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;  // queued jobs are dropped: the next manager re-adopts by label
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job(client);  // jobs catch their own errors and post results
  }
}

}  // namespace drydock::live
