// A chaos test in the spirit of Jepsen, on the local testbed and the 3-member etcd cluster: three
// managers on etcd drive the hosts while, for DRYDOCK_CHAOS_SECONDS (default 120), a seeded random
// schedule interleaves faults (kill -9 of the leading manager, a daemon killed, restarted, frozen with
// SIGSTOP, a host cut off by taking its namespace's link down; tests/live/chaos_faults.h) with
// operations (create, scale, update, rm) sent to any manager. Then every fault is healed, and a
// checker that reads the daemons' own container listings (never drydock's) waits for the cluster to
// match the desired state and reports duplicates (two live containers in one replica slot), orphans
// (drydock containers no service wants, or beyond a service's count), lost services (acknowledged,
// never removed, not running) and the time to converge. DRYDOCK_CHAOS_SEED picks the schedule.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "live/docker_client.h"
#include "tests/live/chaos_faults.h"
#include "tests/live/manager_process.h"
#include "tests/live/testbed.h"

namespace drydock::live {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

double env_number(const char* name, double fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atof(v) : fallback;
}
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Verdict {
  int duplicates = 0, orphans = 0, lost = 0, missing = 0;
  std::string detail;
  bool clean() const { return duplicates == 0 && orphans == 0 && lost == 0 && missing == 0; }
};

// The daemons' own listings against the desired state (service -> replicas).
Verdict check(const std::vector<LiveHost>& hosts, const std::string& cluster, const std::map<std::string, int>& desired,
              const std::set<std::string>& must_exist) {
  Verdict v;
  std::map<std::string, int> slots, running;
  for (const auto& h : hosts) {
    try {
      for (const auto& c : DockerClient(h.endpoint).list_containers({"drydock.cluster=" + cluster}, true)) {
        const std::string service = c.labels.count("drydock.service") ? c.labels.at("drydock.service") : "";
        if (c.state != "running") {
          ++v.orphans;  // a drydock container left behind, exited or created
          v.detail += " leftover:" + c.name;
          continue;
        }
        const auto replica = c.labels.find("drydock.replica");
        if (++slots[service + "." + (replica == c.labels.end() ? "?" : replica->second)] > 1) {
          ++v.duplicates;
          v.detail += " duplicate:" + c.name;
        }
        ++running[service];
      }
    } catch (const DockerError& e) {
      v.detail += " unreadable:" + h.spec.name;
      ++v.missing;
    }
  }
  for (const auto& [service, n] : running) {
    const auto it = desired.find(service);
    const int want = it == desired.end() ? 0 : it->second;
    if (n > want) {
      v.orphans += n - want;
      v.detail += " extra:" + service + "=" + std::to_string(n) + "/" + std::to_string(want);
    }
  }
  for (const auto& [service, want] : desired) {
    const int n = running.count(service) ? running.at(service) : 0;
    if (n < want) {
      v.missing += want - n;
      v.detail += " short:" + service + "=" + std::to_string(n) + "/" + std::to_string(want);
    }
  }
  for (const auto& service : must_exist)
    if (!desired.count(service)) {
      ++v.lost;
      v.detail += " lost:" + service;
    }
  return v;
}

TEST(Chaos, RandomFaultsAndOperationsThenHealAndConverge) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  const char* etcd = std::getenv("DRYDOCK_ETCD");
  if (!etcd || !*etcd) GTEST_SKIP() << "no etcd: set DRYDOCK_ETCD (scripts/etcd-cluster.sh)";
  if (kCli.empty()) GTEST_SKIP() << "drydock_live_cli not built";
  const double duration = env_number("DRYDOCK_CHAOS_SECONDS", 120);
  const auto seed = static_cast<std::uint64_t>(env_number("DRYDOCK_CHAOS_SEED", 1));
  const int ttl = 3;
  std::mt19937_64 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };

  const std::string cluster = "t-chaos", dir = "/tmp/drydock-chaos-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  testing::sweep(hosts, cluster);
  for (const auto& h : hosts)
    ASSERT_EQ(testing::run("/usr/bin/docker -H " + h.endpoint.url + " tag drydock/busybox:latest drydock/busybox:v2"), 0);
  auto chaos = testing::chaos_hosts(hosts);
  for (auto& c : chaos) c.start_relay();
  const std::string tcp_hosts = dir + "/hosts-tcp.yaml";
  testing::write_tcp_hosts_file(tcp_hosts, hosts);

  const int base_port = 21000 + getpid() % 900;
  std::vector<std::unique_ptr<ManagerProcess>> managers(3);
  std::vector<ManagerClient> apis;
  auto start_manager = [&](int i) {
    managers[i] = std::make_unique<ManagerProcess>(
        std::vector<std::string>{"--hosts", tcp_hosts, "--store", etcd, "--lease-ttl", std::to_string(ttl), "--port",
                                 std::to_string(base_port + i), "--cluster", cluster, "--probe-period", "0.5",
                                 "--suspect-after", "2", "--down-after", "4"},
        dir + "/manager" + std::to_string(i) + ".log");
  };
  for (int i = 0; i < 3; ++i) {
    apis.emplace_back("http://127.0.0.1:" + std::to_string(base_port + i), "", 10000);
    start_manager(i);
  }
  for (auto& api : apis) ASSERT_TRUE(wait_for_api(api, 20));
  auto leader = [&] { return leading_manager(managers, apis); };

  // The model: what acknowledged writes asked for. A refused write may still have been applied (its
  // answer was lost), so a service with any refused write is only "maybe" in the final state.
  std::map<std::string, int> acked_services;  // service -> state known from acks (-1 removed)
  std::set<std::string> uncertain;
  int ops_acked = 0, ops_refused = 0, service_seq = 0;
  std::map<std::string, int> faults;
  const std::vector<std::string> images = {"drydock/busybox:latest", "drydock/busybox:v2"};
  auto operate = [&] {
    const int target = pick(3);
    if (!managers[target]) return;
    std::string method = "POST", path, body, service;
    std::vector<std::string> live;
    for (const auto& [s, n] : acked_services)
      if (n >= 0) live.push_back(s);
    const int kind = live.empty() ? 0 : pick(10);
    int replicas = 0;
    if (kind < 2 && acked_services.size() < 8) {
      service = "s" + std::to_string(++service_seq);
      replicas = 2 + pick(6);
      path = "/v1/services";
      body = json{{"name", service}, {"image", images[0]}, {"cmd", {"sleep", "100000"}}, {"replicas", replicas},
                  {"cpu", 0.01}, {"memory_mib", 8}, {"update_config", {{"max_surge", 1}, {"max_unavailable", 0}}}}
                 .dump();
    } else if (!live.empty()) {
      service = live[pick(static_cast<int>(live.size()))];
      if (kind < 7) {
        replicas = pick(9);
        path = "/v1/services/" + service + "/scale";
        body = json{{"replicas", replicas}}.dump();
      } else if (kind < 9) {
        replicas = acked_services[service];
        path = "/v1/services/" + service + "/update";
        body = json{{"image", images[pick(2)]}}.dump();
      } else {
        method = "DELETE";
        path = "/v1/services/" + service;
        replicas = -1;
      }
    } else {
      return;
    }
    bool ok = false;
    try {
      const auto r = apis[target].call(method, path, body);
      ok = r.status == 200 || r.status == 201;
    } catch (const std::exception&) {
    }
    if (ok) {
      ++ops_acked;
      acked_services[service] = replicas;
    } else {
      ++ops_refused;
      uncertain.insert(service);
      if (!acked_services.count(service)) acked_services[service] = -2;  // created or not: unknown
    }
  };

  // Faults: at most two at once, each healed after 3 to 8 s.
  struct Active {
    std::string kind;
    int target;
    Clock::time_point heal_at;
  };
  std::vector<Active> active;
  auto heal = [&](const Active& a) {
    if (a.kind == "kill-leader") start_manager(a.target);
    if (a.kind == "freeze-daemon") chaos[a.target].signal_daemon(SIGCONT);
    if (a.kind == "cut-host") chaos[a.target].link(true);
    if (a.kind == "kill-daemon" || a.kind == "restart-daemon")
      testing::run(testing::source_dir() + "/live/testbed/up " + std::to_string(hosts.size()) + " " + dir +
                   "/hosts-up.yaml >/dev/null 2>&1");
  };
  auto inject = [&] {
    static const std::vector<std::string> kinds = {"kill-leader", "kill-daemon", "restart-daemon", "freeze-daemon",
                                                   "cut-host"};
    const std::string kind = kinds[pick(static_cast<int>(kinds.size()))];
    int target = pick(static_cast<int>(chaos.size()));
    for (const auto& a : active) {
      if (a.kind != "kill-leader" && kind != "kill-leader" && a.target == target) return;  // one fault per host
      // testbed/up (the heal of a killed or restarted daemon) asks every daemon for its version and
      // would wait forever on a frozen one: those two kinds never overlap.
      const bool restores = kind == "kill-daemon" || kind == "restart-daemon";
      const bool other_restores = a.kind == "kill-daemon" || a.kind == "restart-daemon";
      if ((restores && a.kind == "freeze-daemon") || (kind == "freeze-daemon" && other_restores)) return;
    }
    if (kind == "kill-leader") {
      target = leader();
      if (target < 0) return;
      managers[target]->kill(SIGKILL);
      managers[target].reset();
    } else if (kind == "kill-daemon") {
      chaos[target].crash();
    } else if (kind == "restart-daemon") {
      chaos[target].signal_daemon(SIGTERM);
    } else if (kind == "freeze-daemon") {
      chaos[target].signal_daemon(SIGSTOP);
    } else {
      chaos[target].link(false);
    }
    ++faults[kind];
    active.push_back({kind, target, Clock::now() + std::chrono::milliseconds(3000 + pick(5000))});
  };

  const auto t_start = Clock::now();
  while (since(t_start) < duration) {
    for (auto it = active.begin(); it != active.end();) {
      if (Clock::now() >= it->heal_at) {
        heal(*it);
        it = active.erase(it);
      } else {
        ++it;
      }
    }
    if (pick(10) < 3 && active.size() < 2) inject();
    else operate();
    std::this_thread::sleep_for(std::chrono::milliseconds(500 + pick(1000)));
  }
  const auto t_heal = Clock::now();  // convergence counts from here, the heal's own steps included
  for (auto& c : chaos) {  // thawed and connected first: testbed/up below asks every daemon
    c.link(true);
    c.signal_daemon(SIGCONT);
  }
  for (const auto& a : active) heal(a);
  testing::run(testing::source_dir() + "/live/testbed/up " + std::to_string(hosts.size()) + " " + dir +
               "/hosts-up.yaml >/dev/null 2>&1");
  for (int i = 0; i < 3; ++i)
    if (!managers[i]) start_manager(i);
  const double healing = since(t_heal);

  // Converge: the desired state is the leader's store; the truth is the daemons' listings.
  std::map<std::string, int> desired;
  Verdict v;
  double converged = -1;
  while (since(t_heal) < 240) {
    const int l = leader();
    if (l >= 0) {
      try {
        desired.clear();
        for (const json& s : json::parse(apis[l].call("GET", "/v1/services").body))
          desired[s["name"].get<std::string>()] = s["replicas"].get<int>();
        std::set<std::string> must_exist;
        for (const auto& [s, n] : acked_services)
          if (n >= 0 && !uncertain.count(s)) must_exist.insert(s);
        v = check(hosts, cluster, desired, must_exist);
        if (v.clean()) {
          converged = since(t_heal);
          break;
        }
      } catch (const std::exception&) {
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  // Acknowledged scale counts are in the final state unless a later write of that service was refused.
  int mismatched = 0;
  for (const auto& [s, n] : acked_services)
    if (n >= 0 && !uncertain.count(s) && desired.count(s) && desired.at(s) != n) ++mismatched;

  std::string fault_list;
  int fault_total = 0;
  for (const auto& [k, n] : faults) {
    fault_list += " " + k + "=" + std::to_string(n);
    fault_total += n;
  }
  int replicas = 0;
  for (const auto& [s, n] : desired) replicas += n;
  std::printf("[ figure ] chaos %zu hosts, %.0f s, seed %llu: faults %d (%s ), operations %d acknowledged + %d refused; "
              "final %zu services / %d replicas; duplicates %d, orphans %d, lost %d, short %d; converged %.1f s after "
              "the heal began (healing itself %.1f s)\n",
              hosts.size(), duration, static_cast<unsigned long long>(seed), fault_total, fault_list.c_str(), ops_acked,
              ops_refused, desired.size(), replicas, v.duplicates, v.orphans, v.lost, v.missing, converged, healing);
  EXPECT_GE(converged, 0) << "did not converge within 240 s after the heal:" << v.detail << "; logs in " << dir;
  EXPECT_EQ(v.duplicates, 0) << v.detail;
  EXPECT_EQ(v.orphans, 0) << v.detail;
  EXPECT_EQ(v.lost, 0) << v.detail;
  EXPECT_EQ(mismatched, 0) << "an acknowledged write is not in the final state";

  for (int i = 0; i < 3; ++i)
    if (managers[i]) managers[i]->kill(SIGTERM);
  for (auto& c : chaos) c.stop_relay();
  testing::sweep(hosts, cluster);
  if (!HasFailure()) std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace drydock::live
