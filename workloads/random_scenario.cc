#include "workloads/random_scenario.h"

#include <algorithm>
#include <cstdio>

#include "model/rng.h"

namespace drydock {
namespace {

const std::vector<std::string> kPolicies = {
    "balanced-allocation", "best-fit",     "binpack",       "drf",    "first-fit",
    "kube-default",        "least-allocated", "min-cost-flow", "most-allocated", "nomad-binpack",
    "nomad-spread",        "random",       "requested-to-capacity-ratio", "spread", "tetris",
    "topology-spread",     "worst-fit"};

const std::vector<std::string> kDetectors = {
    "",  // the default (Swarm's fixed timeout)
    "{kind: fixed-timeout, preset: swarm}",
    "{kind: fixed-timeout, preset: kubernetes}",
    "{kind: fixed-timeout, preset: kubernetes-grace}",
    "{kind: fixed-timeout, suspect_after: 2s, down_after: 4s}",  // below the heartbeat period: flapping
    "{kind: fixed-timeout, suspect_after: 6s, down_after: 11s}",
    "{kind: phi-accrual}",
    "{kind: phi-exponential}"};

template <typename T>
const T& pick(Rng& rng, const std::vector<T>& v) {
  return v[rng.below(v.size())];
}

bool chance(Rng& rng, double p) { return rng.uniform() < p; }

std::string secs(double t) { return std::to_string(static_cast<long long>(t)) + "s"; }

std::string host_name(const RandomHostGroup& g, int i) { return g.name + "-" + std::to_string(i); }

// A random existing host.
std::string any_host(Rng& rng, const RandomScenario& s) {
  const RandomHostGroup& g = s.groups[rng.below(s.groups.size())];
  return host_name(g, 1 + static_cast<int>(rng.below(static_cast<std::uint64_t>(g.count))));
}

RandomService make_service(Rng& rng, const RandomScenario& s, int index) {
  RandomService svc;
  svc.name = "s" + std::to_string(index);
  svc.replicas = chance(rng, 0.05) ? 0 : 1 + static_cast<int>(rng.below(16));
  const bool batch = chance(rng, 0.3);
  std::string y = "image: {name: " + svc.name + ", size: " + std::to_string(10 + rng.below(400)) + "MB}";
  y += ", replicas: " + std::to_string(svc.replicas);
  y += ", cpu: " + pick(rng, std::vector<std::string>{"0.1", "0.25", "0.5", "1"});
  y += ", memory: " + pick(rng, std::vector<std::string>{"64MiB", "256MiB", "512MiB", "1GiB"});
  // GPUs: only where a group has them; that group may be tainted, so the service tolerates it.
  const auto gpu_group = std::find_if(s.groups.begin(), s.groups.end(), [](const auto& g) { return g.gpu > 0; });
  bool tolerates = chance(rng, 0.4);
  if (gpu_group != s.groups.end() && chance(rng, 0.2)) {
    svc.needs_gpu = true;
    y += ", gpu: " + pick(rng, std::vector<std::string>{"0.5", "1"});
    tolerates = tolerates || gpu_group->tainted;
  }
  if (chance(rng, 0.2)) y += ", start_latency: " + pick(rng, std::vector<std::string>{"100ms", "1s", "3s"});
  if (chance(rng, 0.5))
    y += ", restart: {condition: " + pick(rng, std::vector<std::string>{"none", "on-failure", "any"}) + ", delay: " +
         std::to_string(1 + rng.below(10)) + "s" + (chance(rng, 0.3) ? ", max_attempts: " + std::to_string(1 + rng.below(3)) + ", window: 60s" : "") + "}";
  if (batch) y += ", run_time: " + secs(20 + rng.below(280));
  if (!svc.needs_gpu && chance(rng, 0.2)) {
    const RandomHostGroup& g = s.groups[rng.below(s.groups.size())];
    y += ", constraints: [\"node.labels.zone==" + g.zone + "\"]";
    tolerates = tolerates || g.tainted;
  }
  if (chance(rng, 0.2)) y += ", max_replicas_per_host: " + std::to_string(1 + rng.below(3));
  if (tolerates) y += ", tolerations: [\"dedicated=x\"]";
  if (chance(rng, 0.15)) {
    svc.anti_affinity.push_back(index > 0 && chance(rng, 0.5) ? "s" + std::to_string(rng.below(index)) : svc.name);
    y += ", anti_affinity: [" + svc.anti_affinity.back() + "]";
  }
  if (chance(rng, 0.15)) y += ", ports: [" + std::to_string(8080 + rng.below(3)) + "]";
  if (chance(rng, 0.5)) {
    const std::vector<std::string> budgets = {"0", "1", "2", "25%", "50%"};
    y += ", update_config: {max_surge: " + pick(rng, budgets) + ", max_unavailable: " + pick(rng, budgets) + "}";
  }
  if (!batch && svc.replicas > 0 && chance(rng, 0.15)) {  // request load and an HPA
    const std::vector<std::string> loads = {"{kind: constant, rate: 400}", "{kind: step, rate: 100, to: 900, at: 120s}",
                                            "{kind: spike, rate: 200, peak: 2000, at: 100s, duration: 60s}"};
    y += ", load: " + pick(rng, loads) + ", service_rate: " + std::to_string(50 + rng.below(150)) +
         ", autoscale: {min: 1, max: " + std::to_string(svc.replicas + rng.below(12)) + ", target_utilization: 0.6, sync_period: 15s}";
  }
  svc.yaml = y;
  return svc;
}

RandomPart fault(Rng& rng, const RandomScenario& s) {
  RandomPart f;
  f.at = static_cast<double>(rng.below(static_cast<std::uint64_t>(s.duration)));
  const std::string at = "{at: " + secs(f.at) + ", kind: ";
  auto one_host = [&](const std::string& kind, bool duration, int max_duration) {
    f.hosts = {any_host(rng, s)};
    f.yaml = at + kind + ", host: " + f.hosts[0] + (duration ? ", duration: " + secs(1 + rng.below(max_duration)) : "") + "}";
  };
  switch (rng.below(10)) {
    case 0: one_host("host_crash", chance(rng, 0.7), 300); break;
    case 1: one_host("host_recover", false, 0); break;
    case 2: {  // a zone fails: every host with the label
      const RandomHostGroup& g = s.groups[rng.below(s.groups.size())];
      f.yaml = at + "host_crash, labels: {zone: " + g.zone + "}, duration: " + secs(20 + rng.below(250)) + "}";
      for (int i = 1; i <= g.count; ++i) f.hosts.push_back(host_name(g, i));
      break;
    }
    case 3: one_host("host_hang", true, 250); break;
    case 4: one_host("heartbeat_delay", true, 50); break;
    case 5: {
      f.hosts = {any_host(rng, s), any_host(rng, s)};
      f.yaml = at + "partition, hosts: [" + f.hosts[0] + ", " + f.hosts[1] + "], duration: " + secs(5 + rng.below(200)) + "}";
      break;
    }
    case 6:
      f.at = 0;
      f.yaml = "{at: 0s, kind: random_failures, mtbf: " + secs(300 + rng.below(3000)) + ", mttr: " + secs(30 + rng.below(500)) + "}";
      break;
    case 7: {
      f.at = 0;
      f.service = s.services[rng.below(s.services.size())].name;
      f.yaml = "{at: 0s, kind: container_crashes, service: " + f.service + ", mtbf: " + secs(10 + rng.below(500)) + "}";
      break;
    }
    case 8: {  // a host of the autoscaler's pool, which may be booting or draining
      const RandomHostGroup& g = s.groups[0];
      f.hosts = {host_name(g, 1 + static_cast<int>(rng.below(static_cast<std::uint64_t>(g.count))))};
      f.yaml = at + "host_crash, host: " + f.hosts[0] + ", duration: " + secs(5 + rng.below(120)) + "}";
      break;
    }
    default: one_host("host_hang", true, 30); break;  // short hangs, often overlapping others
  }
  return f;
}

// Changes, with the combinations users make: a scale during a rollout, a scale to 0 and back.
void add_changes(Rng& rng, RandomScenario& s) {
  const int n = static_cast<int>(rng.below(6));
  for (int i = 0; i < n; ++i) {
    const RandomService& svc = s.services[rng.below(s.services.size())];
    const double at = static_cast<double>(rng.below(static_cast<std::uint64_t>(s.duration)));
    auto change = [&](double when, const std::string& what) {
      when = std::min(when, static_cast<double>(s.duration - 1));  // within the run
      s.changes.push_back({"{at: " + secs(when) + ", service: " + svc.name + ", " + what + "}", {}, svc.name, when});
    };
    const std::string image = "image: {name: " + svc.name + "-v" + std::to_string(i + 2) + "}";
    switch (rng.below(4)) {
      case 0: change(at, "replicas: " + std::to_string(rng.below(21))); break;
      case 1: change(at, image); break;
      case 2:  // a scale change while the rollout it follows is under way
        change(at, image);
        change(at + 1 + static_cast<double>(rng.below(30)), "replicas: " + std::to_string(rng.below(21)));
        break;
      default:  // to 0 and back
        change(at, "replicas: 0");
        change(at + 5 + static_cast<double>(rng.below(120)), "replicas: " + std::to_string(1 + rng.below(16)));
        break;
    }
  }
}

}  // namespace

RandomScenario random_scenario(std::uint64_t seed) {
  Rng rng(seed * 0x9E3779B97F4A7C15ULL + 19);
  RandomScenario s;
  s.seed = seed;
  s.duration = 200 + 100 * static_cast<int>(rng.below(5));
  s.policy = pick(rng, kPolicies);
  s.groups.push_back({"h", 2 + static_cast<int>(rng.below(7)), 2 << rng.below(3), 4 << rng.below(3), 0, "a", false});
  if (chance(rng, 0.7))
    s.groups.push_back({"g", 1 + static_cast<int>(rng.below(4)), 8, 32, chance(rng, 0.3) ? 2 : 0, "b", chance(rng, 0.4)});
  if (chance(rng, 0.25)) s.groups.push_back({"c", 1 + static_cast<int>(rng.below(3)), 4, 16, 0, "c", false});
  if (chance(rng, 0.3)) {
    s.autoscaler_initial = 1 + static_cast<int>(rng.below(static_cast<std::uint64_t>(s.groups[0].count)));
    s.autoscaler = "{pool: h, initial_hosts: " + std::to_string(s.autoscaler_initial) + ", boot_delay: " +
                   secs(5 + rng.below(90)) + ", scan_interval: 10s, scale_down_unneeded_time: " + secs(30 + rng.below(500)) + "}";
  }
  const int services = 1 + static_cast<int>(rng.below(4));
  for (int i = 0; i < services; ++i) s.services.push_back(make_service(rng, s, i));
  const int faults = static_cast<int>(rng.below(9));
  for (int i = 0; i < faults; ++i) s.faults.push_back(fault(rng, s));
  // Batch tasks ending during a partition: cut hosts off around when the first wave of tasks ends.
  if (chance(rng, 0.15)) {
    RandomPart f;
    f.at = 20 + static_cast<double>(rng.below(static_cast<std::uint64_t>(s.duration) - 40));  // within the run
    f.hosts = {any_host(rng, s)};
    f.yaml = "{at: " + secs(f.at) + ", kind: partition, hosts: [" + f.hosts[0] + "], duration: " + secs(30 + rng.below(120)) + "}";
    s.faults.push_back(f);
  }
  add_changes(rng, s);
  s.detector = pick(rng, kDetectors);
  return s;
}

std::string to_yaml(const RandomScenario& s) {
  std::string y = "name: soak-" + std::to_string(s.seed) + "\nseed: " + std::to_string(s.seed) + "\nduration: " +
                  std::to_string(s.duration) + "s\npolicy: " + s.policy + "\ncluster:\n  hosts:\n";
  for (const RandomHostGroup& g : s.groups) {
    y += "    - {name: " + g.name + ", count: " + std::to_string(g.count) + ", cpu: " + std::to_string(g.cpu) +
         ", memory: " + std::to_string(g.memory_gib) + "GiB";
    if (g.gpu > 0) y += ", gpu: " + std::to_string(g.gpu);
    y += ", labels: {zone: " + g.zone + "}";
    if (g.tainted) y += ", taints: [\"dedicated=x:NoSchedule\"]";
    y += "}\n";
  }
  if (s.autoscaler) y += "cluster_autoscaler: " + *s.autoscaler + "\n";
  y += "services:\n";
  for (const RandomService& svc : s.services) y += "  - {name: " + svc.name + ", " + svc.yaml + "}\n";
  if (!s.faults.empty()) {
    y += "faults:\n";
    for (const RandomPart& f : s.faults) y += "  - " + f.yaml + "\n";
  }
  if (!s.changes.empty()) {
    y += "changes:\n";
    for (const RandomPart& c : s.changes) y += "  - " + c.yaml + "\n";
  }
  if (!s.detector.empty()) y += "control:\n  detector: " + s.detector + "\n";
  return y;
}

int scenario_size(const RandomScenario& s) {
  int n = static_cast<int>(s.faults.size() + s.changes.size());
  for (const RandomHostGroup& g : s.groups) n += g.count;
  for (const RandomService& svc : s.services) n += svc.replicas;
  return n;
}

}  // namespace drydock
