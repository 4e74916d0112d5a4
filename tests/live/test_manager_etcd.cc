// Managers on etcd (a 3-member cluster from scripts/etcd-cluster.sh; DRYDOCK_ETCD=etcd://... or skip):
// the fence that keeps a deposed leader from writing, and, on the testbed, the leading manager killed
// with kill -9 under a stream of writes: another leads within 2 x the lease TTL, no container is
// duplicated or lost, and every write is either acknowledged (and in the final state) or refused with
// a clear error.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "live/docker_client.h"
#include "live/etcd_store.h"
#include "live/leader_lease.h"
#include "tests/live/manager_process.h"
#include "tests/live/testbed.h"

namespace drydock::live {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

std::optional<std::string> etcd_url() {
  const char* url = std::getenv("DRYDOCK_ETCD");
  if (!url || !*url) return std::nullopt;
  return std::string(url);
}

#define DRYDOCK_REQUIRE_ETCD(url) \
  const auto url = etcd_url();    \
  if (!url) GTEST_SKIP() << "no etcd: set DRYDOCK_ETCD (scripts/live-tests.sh starts scripts/etcd-cluster.sh)"

LiveService service(int replicas) {
  LiveService s;
  s.spec.name = "web";
  s.spec.image = "web:v1";
  s.spec.replicas = replicas;
  s.spec.request = {0.01, 8};
  return s;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

TEST(EtcdLeadership, ADeposedLeaderCannotWriteAndTheNextLeadsWithinTwoTtl) {
  DRYDOCK_REQUIRE_ETCD(url);
  EtcdClient etcd(parse_etcd_url(*url));
  const std::string cluster = "t-fence-" + std::to_string(getpid());
  const std::string key = etcd_prefix(cluster) + "leader";
  const int ttl = 2;
  LeaderLease a(etcd, key, "manager-a", ttl), b(etcd, key, "manager-b", ttl);
  std::atomic<bool> stop{false};
  ASSERT_TRUE(a.campaign(stop));
  EXPECT_TRUE(a.held());
  EXPECT_EQ(a.leader().value_or(""), "manager-a");
  EtcdStore as_a(etcd, cluster, a.fence());
  EXPECT_EQ(as_a.next_generation(), 1u);
  as_a.put_service(service(1));

  // A stops renewing, as a frozen or killed manager does; B campaigns meanwhile.
  const auto last_renewal = Clock::now();
  ASSERT_TRUE(a.renew());
  ASSERT_TRUE(b.campaign(stop));
  const double took = seconds_since(last_renewal);
  std::printf("[ figure ] lease TTL %d s: the next manager led %.2f s after the last renewal\n", ttl, took);
  EXPECT_LT(took, 2.0 * ttl);
  EXPECT_FALSE(a.held()) << "A still believes it leads while B does";
  EXPECT_EQ(b.leader().value_or(""), "manager-b");

  // A wakes up and tries to write: refused, nothing changed. B writes.
  EXPECT_THROW(as_a.put_service(service(5)), NotLeaderError);
  EXPECT_THROW(as_a.remove_service("web"), NotLeaderError);
  EXPECT_THROW(as_a.next_generation(), NotLeaderError);
  EXPECT_FALSE(a.renew());
  EtcdStore as_b(etcd, cluster, b.fence());
  ASSERT_EQ(as_b.services().size(), 1u);
  EXPECT_EQ(as_b.services()[0].spec.replicas, 1);
  EXPECT_EQ(as_b.next_generation(), 2u);
  as_b.put_service(service(3));
  EXPECT_EQ(as_b.services()[0].spec.replicas, 3);
  as_b.remove_service("web");
  b.resign();
  EXPECT_FALSE(b.leader().has_value());
}

TEST(EtcdLeadership, StoreUrlsAreCheckedByField) {
  EXPECT_EQ(parse_etcd_url("etcd://127.0.0.1:2379,h2:2380"),
            (std::vector<std::string>{"http://127.0.0.1:2379", "http://h2:2380"}));
  for (const char* bad : {"http://h:1", "etcd://", "etcd://h", "etcd://h:", "etcd://h:x1", "etcd://h:1,,h:2"})
    EXPECT_THROW(parse_etcd_url(bad), std::invalid_argument) << bad;
  EXPECT_EQ(base64_decode(base64_encode("/drydock/a\xff\x01")), "/drydock/a\xff\x01");
}

// Ground truth from the daemons: running containers of `service` by replica slot, and every container
// of the cluster whatever its state.
struct Census {
  int running = 0, all = 0;
  std::set<std::string> duplicated_slots;
};
Census census(const std::vector<LiveHost>& hosts, const std::string& cluster) {
  Census c;
  std::map<std::string, int> slots;
  for (const auto& h : hosts) {
    try {
      for (const auto& s : DockerClient(h.endpoint).list_containers({"drydock.cluster=" + cluster}, true)) {
        ++c.all;
        if (s.state != "running") continue;
        ++c.running;
        const std::string slot = s.labels.at("drydock.service") + "." + s.labels.at("drydock.replica");
        if (++slots[slot] > 1) c.duplicated_slots.insert(slot);
      }
    } catch (const DockerError&) {
    }
  }
  return c;
}

TEST(ManagerE2E, KillingTheLeadingManagerUnderLoadFailsOverWithinTwoTtl) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  DRYDOCK_REQUIRE_ETCD(url);
  if (kCli.empty()) GTEST_SKIP() << "drydock_live_cli not built";
  const std::string cluster = "t-etcd-" + std::to_string(getpid());
  const int ttl = 3;  // seconds: failover must happen within 6 s
  testing::sweep(hosts, cluster);
  const std::string dir = "/tmp/drydock-etcd-e2e-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  const int base_port = 19000 + getpid() % 900;
  std::vector<std::unique_ptr<ManagerProcess>> managers;
  std::vector<ManagerClient> apis;
  for (int i = 0; i < 3; ++i) {
    const std::string port = std::to_string(base_port + i);
    managers.push_back(std::make_unique<ManagerProcess>(
        std::vector<std::string>{"--hosts", *hosts_path, "--store", *url, "--lease-ttl", std::to_string(ttl), "--port",
                                 port, "--cluster", cluster, "--probe-period", "0.5"},
        dir + "/manager" + std::to_string(i) + ".log"));
    apis.emplace_back("http://127.0.0.1:" + port, "", 10000);
  }
  for (auto& api : apis) ASSERT_TRUE(wait_for_api(api, 20)) << "a manager did not answer; see " << dir;
  auto leader_index = [&] { return leading_manager(managers, apis); };
  const auto t_up = Clock::now();
  while (leader_index() < 0 && seconds_since(t_up) < 20) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const int first = leader_index();
  ASSERT_GE(first, 0) << "nobody leads; see " << dir;
  const int standby = (first + 1) % 3;
  const Output created = run_cli("service create --manager " + std::string("http://127.0.0.1:") +
                                 std::to_string(base_port + standby) +
                                 " --name web --replicas 30 --memory 8 --wait 120 drydock/busybox:latest sleep 100000");
  ASSERT_EQ(created.status, 0) << created.text;

  // Load: scale writes to every manager in turn, the leader included, while it is killed.
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0}, refused{0}, last_acked{30};
  std::vector<std::string> unclear;
  std::mutex unclear_mu;
  std::thread load([&] {
    int n = 0;
    while (!stop) {
      const int replicas = 30 + (n % 4);
      const int target = n++ % 3;
      try {
        const auto r = apis[target].call("POST", "/v1/services/web/scale", json{{"replicas", replicas}}.dump());
        if (r.status == 200) {
          ++acknowledged;
          last_acked = replicas;
        } else {
          ++refused;
          const std::string message = json::parse(r.body).value("message", "");
          if (r.status != 503 || message.empty()) {
            std::lock_guard lock(unclear_mu);
            unclear.push_back(std::to_string(r.status) + " " + r.body);
          }
        }
      } catch (const std::exception& e) {
        ++refused;  // the killed manager: the client names the address nobody answers at
        if (std::string(e.what()).find("no drydock manager answers at") == std::string::npos) {
          std::lock_guard lock(unclear_mu);
          unclear.push_back(e.what());
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  std::this_thread::sleep_for(std::chrono::seconds(2));
  managers[first]->kill(SIGKILL);
  managers[first].reset();
  const auto t_kill = Clock::now();
  int next = -1;
  while ((next = leader_index()) < 0 && seconds_since(t_kill) < 4 * ttl)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const double failover = seconds_since(t_kill);
  std::this_thread::sleep_for(std::chrono::seconds(4));
  stop = true;
  load.join();
  ASSERT_GE(next, 0) << "no new leader; see " << dir;
  std::printf("[ figure ] lease TTL %d s: manager %d led %.2f s after kill -9 of manager %d; writes: %d acknowledged, "
              "%d refused\n", ttl, next, failover, first, acknowledged.load(), refused.load());
  EXPECT_LT(failover, 2.0 * ttl);
  EXPECT_TRUE(unclear.empty()) << "a write failed without a clear answer: " << unclear.front();

  // The last acknowledged write is the desired state, and the daemons converge to it exactly.
  int desired = -1;
  for (const json& s : json::parse(apis[next].call("GET", "/v1/services").body))
    if (s["name"] == "web") desired = s["replicas"].get<int>();
  EXPECT_EQ(desired, last_acked.load());
  const auto t0 = Clock::now();
  Census now;
  std::set<std::string> duplicated;
  while (seconds_since(t0) < 90) {
    now = census(hosts, cluster);
    duplicated.insert(now.duplicated_slots.begin(), now.duplicated_slots.end());
    if (now.running == desired && now.all == desired) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  std::printf("[ figure ] converged to %d replicas %.1f s after the load stopped\n", now.running, seconds_since(t0));
  EXPECT_EQ(now.running, desired) << "duplicated or lost containers; see " << dir;
  EXPECT_EQ(now.all, desired) << "orphans left behind; see " << dir;
  EXPECT_TRUE(duplicated.empty()) << "two live containers in one slot, e.g. " << *duplicated.begin();

  EXPECT_EQ(run_cli("service rm web --manager " + std::string("http://127.0.0.1:") + std::to_string(base_port + next)).status, 0);
  for (auto& m : managers)
    if (m) m->kill(SIGTERM);
  testing::sweep(hosts, cluster);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace drydock::live
