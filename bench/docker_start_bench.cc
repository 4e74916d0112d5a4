// Container start latency on one real Docker daemon under N concurrent starts: what the simulator's
// container start model (sim/start_queue.h) is fitted to. Each of N threads, with its own client,
// creates and starts one container at the same moment (create + start, exactly what the live runtime's
// workers do for a StartReplica); the latency of a start is from the common go signal to its start
// call returning. The containers are removed between iterations (not timed).
//
// Needs a testbed: DRYDOCK_HOSTS=hosts.yaml (live/testbed/up); the first host is used, or the one named
// by DRYDOCK_BENCH_HOST; the AllHosts variant starts N on every host at once. Counters: p50, mean and
// max latency over a host's N starts (seconds; the slowest host's), averaged over iterations; the
// benchmark's own time is the slowest start (manual time).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "live/docker_client.h"
#include "live/hosts_file.h"

namespace {

using drydock::live::ContainerConfig;
using drydock::live::DockerClient;
using drydock::live::DockerEndpoint;

const char* kLabel = "drydock.bench";

// The first host of DRYDOCK_HOSTS (or DRYDOCK_BENCH_HOST), or all of them.
std::vector<DockerEndpoint> bench_endpoints(bool all) {
  const char* path = std::getenv("DRYDOCK_HOSTS");
  if (!path) return {};
  const char* want = std::getenv("DRYDOCK_BENCH_HOST");
  std::vector<DockerEndpoint> out;
  for (const auto& h : drydock::live::load_hosts_file(path))
    if (all || !want || h.spec.name == want) {
      out.push_back(h.endpoint);
      if (!all) break;
    }
  return out;
}

void remove_bench_containers(DockerClient& client) {
  for (const auto& c : client.list_containers({kLabel}, true)) client.remove_container(c.id, true);
}

// N starts at once on each of the endpoints; the latency figures are per host (the slowest host's
// figure is the iteration's).
void concurrent_starts(benchmark::State& state, bool all_hosts) {
  const auto endpoints = bench_endpoints(all_hosts);
  if (endpoints.empty()) {
    state.SkipWithError("no testbed: set DRYDOCK_HOSTS to a hosts.yaml (live/testbed/up)");
    return;
  }
  const int per_host = static_cast<int>(state.range(0));
  const int n = per_host * static_cast<int>(endpoints.size());
  drydock::live::ClientOptions options;
  options.request_timeout = std::chrono::milliseconds(60000);  // 30 at once can take a while
  std::vector<std::unique_ptr<DockerClient>> clients;  // client i talks to endpoint i / per_host
  for (int i = 0; i < n; ++i) {
    clients.push_back(std::make_unique<DockerClient>(endpoints[i / per_host], options));
    clients.back()->ping();  // connection and version negotiation outside the measurement
  }
  for (int h = 0; h < static_cast<int>(endpoints.size()); ++h) remove_bench_containers(*clients[h * per_host]);
  double sum_p50 = 0, sum_mean = 0, sum_max = 0;
  int iteration = 0;
  for (auto _ : state) {
    std::vector<double> latency(n, 0);
    std::mutex mu;
    std::condition_variable cv;
    bool go = false;
    std::chrono::steady_clock::time_point t0;
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i)
      threads.emplace_back([&, i] {
        ContainerConfig cfg;
        cfg.image = "drydock/busybox:latest";
        cfg.cmd = {"sleep", "100000"};
        cfg.labels = {{kLabel, "1"}};
        cfg.cpus = 0.01;
        cfg.memory_bytes = 16 << 20;
        {
          std::unique_lock lock(mu);
          cv.wait(lock, [&] { return go; });
        }
        const std::string id = clients[i]->create_container(cfg);
        clients[i]->start_container(id);
        latency[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      });
    {
      std::lock_guard lock(mu);
      t0 = std::chrono::steady_clock::now();
      go = true;
    }
    cv.notify_all();
    for (auto& t : threads) t.join();
    double p50 = 0, mean = 0, max = 0;
    for (std::size_t h = 0; h < endpoints.size(); ++h) {
      std::vector<double> host(latency.begin() + h * per_host, latency.begin() + (h + 1) * per_host);
      std::sort(host.begin(), host.end());
      double m = 0;
      for (double l : host) m += l / per_host;
      p50 = std::max(p50, host[(per_host - 1) / 2]);
      mean = std::max(mean, m);
      max = std::max(max, host.back());
    }
    state.SetIterationTime(max);
    sum_p50 += p50;
    sum_mean += mean;
    sum_max += max;
    ++iteration;
    state.PauseTiming();
    for (int h = 0; h < static_cast<int>(endpoints.size()); ++h) remove_bench_containers(*clients[h * per_host]);
    state.ResumeTiming();
  }
  state.counters["p50_s"] = sum_p50 / iteration;
  state.counters["mean_s"] = sum_mean / iteration;
  state.counters["max_s"] = sum_max / iteration;
  state.counters["starts_per_s_per_host"] = per_host / (sum_max / iteration);
}

// N starts at once on one daemon: what one machine's daemon does.
void BM_ConcurrentStarts(benchmark::State& state) { concurrent_starts(state, false); }
// N starts at once on every daemon of the testbed: its daemons share one machine's cores, so each is
// slower than alone; the testbed's scenarios are fitted to this one.
void BM_ConcurrentStartsAllHosts(benchmark::State& state) { concurrent_starts(state, true); }

BENCHMARK(BM_ConcurrentStarts)->Arg(1)->Arg(10)->Arg(30)->Iterations(3)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ConcurrentStartsAllHosts)->Arg(1)->Arg(10)->Arg(30)->Iterations(3)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
