// The manager daemon and the `drydock service` / `host` commands as separate processes against the
// testbed: create 100 replicas, kill -9 the manager, restart it, and find every container adopted
// (nothing duplicated, nothing lost), with two broken extra hosts in the inventory all along: one whose
// daemon does not exist (unreachable) and one that answers /_ping but refuses every other call (HTTP 500).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "live/manager_client.h"
#include "tests/live/fake_daemon.h"
#include "tests/live/manager_process.h"
#include "tests/live/testbed.h"

namespace drydock::live {
namespace {

using nlohmann::json;

std::set<std::string> ids(const std::map<std::string, std::vector<std::string>>& per_host) {
  std::set<std::string> out;
  for (const auto& [h, v] : per_host) out.insert(v.begin(), v.end());
  return out;
}

TEST(ManagerCli, RefusesToExposeTheApiWithoutAToken) {
  if (kCli.empty()) GTEST_SKIP() << "drydock_live_cli not built";
  const std::string hosts = testing::hosts_path().value_or("/dev/null");
  const Output o = run_cli("manager --hosts " + hosts + " --listen 0.0.0.0 --state /tmp/drydock-never.db");
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.text.find("--token"), std::string::npos) << o.text;
}

TEST(ManagerCli, BadHostsFileIsNamedWithLineAndField) {
  if (kCli.empty()) GTEST_SKIP() << "drydock_live_cli not built";
  const std::string path = "/tmp/drydock-bad-hosts.yaml";
  std::ofstream(path) << "hosts:\n  - name: h1\n    endpoint: unix:///tmp/x.sock\n    capacity: {cpu: -1, memory_mib: 10}\n";
  const Output o = run_cli("manager --hosts " + path + " --state /tmp/drydock-never.db");
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.text.find(path + ":4: hosts[0].capacity.cpu: must be > 0"), std::string::npos) << o.text;
}

TEST(ManagerCli, ABadHostEntryIsSkippedReportedAndShownInHostLs) {
  // No testbed needed: the good host is a socket nobody listens on (served around as unreachable).
  if (kCli.empty()) GTEST_SKIP() << "drydock_live_cli not built";
  const std::string dir = "/tmp/drydock-skip-hosts-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/hosts.yaml";
  std::ofstream(path) << "hosts:\n"
                         "  - {name: ghost, endpoint: 'unix:///tmp/drydock-no-such.sock', capacity: {cpu: 1, memory_mib: 64}}\n"
                         "  - {name: h2, endpoint: 'tcp://10.0.0.2:port', capacity: {cpu: 1, memory_mib: 64}}\n"
                         "  - {name: h3, endpoint: 'https://10.0.0.3:2376', capacity: {cpu: 1, memory_mib: 64}, tls: yes}\n";
  const std::string port = std::to_string(18000 + getpid() % 1000);
  const std::string log = dir + "/manager.log";
  {
    ManagerProcess manager({"--hosts", path, "--state", dir + "/drydock.db", "--port", port}, log);
    ASSERT_TRUE(wait_for_api(ManagerClient("http://127.0.0.1:" + port, ""), 20)) << "manager did not start";
    const Output ls = run_cli("host ls --manager http://127.0.0.1:" + port);
    EXPECT_EQ(ls.status, 0) << ls.text;
    std::istringstream rows(ls.text);
    std::map<std::string, std::string> row_of;
    for (std::string line; std::getline(rows, line);) row_of[line.substr(0, line.find(' '))] = line;
    ASSERT_EQ(row_of.size(), 4u) << ls.text;  // the header, ghost, h2, h3
    EXPECT_NE(row_of["ghost"].find("unreachable"), std::string::npos) << ls.text;
    EXPECT_NE(row_of["h2"].find("invalid"), std::string::npos) << ls.text;
    EXPECT_NE(row_of["h2"].find(path + ":3: hosts[1].endpoint: endpoint 'tcp://10.0.0.2:port': port 'port' is not a number"),
              std::string::npos) << ls.text;
    EXPECT_NE(row_of["h3"].find(path + ":4: hosts[2].tls: expected a map"), std::string::npos) << ls.text;
    manager.kill(SIGTERM);
  }
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("manager: host entry skipped: " + path + ":3: hosts[1].endpoint"), std::string::npos) << text;
  EXPECT_NE(text.find("manager: host entry skipped: " + path + ":4: hosts[2].tls"), std::string::npos) << text;
  EXPECT_NE(text.find("(1 hosts, 2 entries skipped)"), std::string::npos) << text;

  const Output strict = run_cli("manager --strict-hosts --hosts " + path + " --state " + dir + "/never.db --port " + port);
  EXPECT_NE(strict.status, 0);
  EXPECT_NE(strict.text.find(path + ":3: hosts[1].endpoint"), std::string::npos) << strict.text;
  EXPECT_NE(strict.text.find(path + ":4: hosts[2].tls"), std::string::npos) << strict.text;
  EXPECT_FALSE(std::filesystem::exists(dir + "/never.db"));
  std::filesystem::remove_all(dir);
}

TEST(ManagerCli, UnknownDetectorIsRefusedWithTheChoices) {
  // --detector goes through control/detector_factory (parse_detector_kind): a typo is an error, not
  // a silent fallback to the fixed timeout.
  if (kCli.empty()) GTEST_SKIP() << "drydock_live_cli not built";
  const std::string path = "/tmp/drydock-detector-hosts.yaml";
  std::ofstream(path) << "hosts:\n  - name: h1\n    endpoint: unix:///tmp/drydock-no-such.sock\n    capacity: {cpu: 1, memory_mib: 10}\n";
  const Output o = run_cli("manager --hosts " + path + " --state /tmp/drydock-detector-never.db --detector phi-acrual");
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.text.find("--detector phi-acrual: expected fixed-timeout, phi-accrual or phi-exponential"), std::string::npos)
      << o.text;
}

TEST(ManagerCli, CommandsWithoutAManagerSayWhereTheyLooked) {
  if (kCli.empty()) GTEST_SKIP() << "drydock_live_cli not built";
  const Output o = run_cli("service ls --manager http://127.0.0.1:1");
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.text.find("no drydock manager answers at http://127.0.0.1:1"), std::string::npos) << o.text;
}

// `drydock service update` end to end without a daemon: the manager process over one unreachable
// host takes the new image and budget (Swarm's --update-parallelism mapped to max-unavailable N,
// max-surge 0), refuses contradictory or malformed flags, and serves the update after kill -9 and
// a restart on the same state file. (Against real daemons the rollout is untested here.)
TEST(ManagerCli, ServiceUpdateIsStoredAndSurvivesARestart) {
  if (kCli.empty()) GTEST_SKIP() << "drydock_live_cli not built";
  const std::string tag = std::to_string(getpid());
  const std::string hosts = "/tmp/drydock-update-hosts-" + tag + ".yaml", state = "/tmp/drydock-update-" + tag + ".db";
  std::remove(state.c_str());
  std::ofstream(hosts) << "hosts:\n  - name: h1\n    endpoint: unix:///tmp/drydock-no-such-" << tag
                       << ".sock\n    capacity: {cpu: 4, memory_mib: 4096}\n";
  const std::string port = std::to_string(20000 + getpid() % 20000), url = "http://127.0.0.1:" + port;
  const std::vector<std::string> args = {"--hosts", hosts, "--state", state, "--port", port, "--cluster", "t-update-" + tag};
  const ManagerClient client(url, "");
  {
    ManagerProcess manager(args, "/tmp/drydock-update-" + tag + ".log");
    ASSERT_TRUE(wait_for_api(client, 20)) << "manager did not come up on " << url;
    ASSERT_EQ(run_cli("service create --manager " + url + " --name web --replicas 4 web:v1").status, 0);
    const Output ok = run_cli("service update --manager " + url + " --image web:v2 --update-parallelism 2 web");
    EXPECT_EQ(ok.status, 0) << ok.text;
    EXPECT_NE(ok.text.find("web: image web:v2, max_surge 0, max_unavailable 2"), std::string::npos) << ok.text;
    const Output both = run_cli("service update --manager " + url + " --update-parallelism 1 --max-unavailable 1 web");
    EXPECT_EQ(both.status, 2) << both.text;
    EXPECT_NE(both.text.find("--update-parallelism and --max-unavailable"), std::string::npos) << both.text;
    const Output bad = run_cli("service update --manager " + url + " --max-surge lots web");
    EXPECT_NE(bad.status, 0) << bad.text;
    EXPECT_NE(bad.text.find("update_config.max_surge"), std::string::npos) << bad.text;
    manager.kill(SIGKILL);
  }
  ManagerProcess manager(args, "/tmp/drydock-update-" + tag + ".log");
  ASSERT_TRUE(wait_for_api(client, 20));
  json web;
  for (const json& s : json::parse(client.call("GET", "/v1/services").body))
    if (s["name"] == "web") web = s;
  EXPECT_EQ(web["image"], "web:v2");
  EXPECT_EQ(web["update_config"]["max_surge"], "0");
  EXPECT_EQ(web["update_config"]["max_unavailable"], "2");
  manager.kill(SIGTERM);
  std::remove(state.c_str());
  std::remove(hosts.c_str());
}

TEST(ManagerE2E, KillAndRestartAdoptsEverythingNoDuplicatesNoOrphans) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  if (kCli.empty()) GTEST_SKIP() << "drydock_live_cli not built";
  const std::string cluster = "t-manager";
  testing::sweep(hosts, cluster);

  // The testbed plus a host whose daemon does not exist and one that refuses every call: neither may
  // hold anything up, and each shows its own error.
  testing::FakeDaemon refusing(500, "refused: disk full");
  const std::string dir = "/tmp/drydock-manager-e2e-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  const std::string hosts_file = dir + "/hosts.yaml";
  {
    std::ifstream in(*hosts_path);
    std::ofstream out(hosts_file);
    out << in.rdbuf();
    out << "  - name: ghost\n    endpoint: unix://" << dir << "/nothing.sock\n    capacity: {cpu: 2, memory_mib: 4096}\n";
    out << "  - name: refusing\n    endpoint: " << refusing.endpoint() << "\n    capacity: {cpu: 2, memory_mib: 4096}\n";
  }
  const int port = 17000 + getpid() % 1000;
  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  const std::vector<std::string> args = {"--hosts", hosts_file, "--state", dir + "/drydock.db", "--port",
                                         std::to_string(port), "--cluster", cluster, "--probe-period", "0.5",
                                         "--suspect-after", "2", "--down-after", "4"};
  const std::string log = dir + "/manager.log";
  ManagerClient api(url, "");
  auto manager = std::make_unique<ManagerProcess>(args, log);
  ASSERT_TRUE(wait_for_api(api, 20)) << "manager did not answer; see " << log;

  const Output created = run_cli("service create --manager " + url +
                                 " --name web --replicas 100 --memory 8 --wait 180 drydock/busybox:latest sleep 100000");
  ASSERT_EQ(created.status, 0) << created.text;
  std::printf("[ figure ] %s", created.text.substr(created.text.find('\n') + 1).c_str());
  const auto before = testing::running_containers(hosts, cluster, "web");
  ASSERT_EQ(testing::total(before), 100);

  const Output hl = run_cli("host ls --manager " + url);
  EXPECT_EQ(hl.status, 0);
  EXPECT_NE(hl.text.find("ghost"), std::string::npos) << hl.text;
  EXPECT_NE(hl.text.find("unreachable"), std::string::npos) << hl.text;
  EXPECT_NE(hl.text.find("refusing"), std::string::npos) << hl.text;
  EXPECT_NE(hl.text.find("HTTP 500: refused: disk full"), std::string::npos) << hl.text;

  // kill -9: no chance to clean up. The containers keep running without their manager.
  manager->kill(SIGKILL);
  EXPECT_EQ(testing::total(testing::running_containers(hosts, cluster, "web")), 100);
  manager = std::make_unique<ManagerProcess>(args, log);
  ASSERT_TRUE(wait_for_api(api, 20));
  const auto t0 = std::chrono::steady_clock::now();
  while (running_of(api, "web") != 100 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60))
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(running_of(api, "web"), 100);
  std::this_thread::sleep_for(std::chrono::seconds(3));  // any duplicate would have started by now
  const auto after = testing::running_containers(hosts, cluster, "web");
  EXPECT_EQ(testing::total(after), 100) << "duplicates or losses after restart";
  EXPECT_EQ(ids(after), ids(before)) << "containers were replaced instead of adopted";
  int all = 0;
  for (const auto& h : hosts) all += static_cast<int>(DockerClient(h.endpoint).list_containers({"drydock.cluster=" + cluster}, true).size());
  EXPECT_EQ(all, 100) << "orphans left behind";

  const Output ps = run_cli("service ps web --manager " + url);
  EXPECT_EQ(ps.status, 0);
  EXPECT_EQ(std::count(ps.text.begin(), ps.text.end(), '\n'), 101) << ps.text;
  const Output ls = run_cli("service ls --manager " + url);
  EXPECT_NE(ls.text.find("100/100"), std::string::npos) << ls.text;

  const Output scaled = run_cli("service scale web=20 --wait 90 --manager " + url);
  EXPECT_EQ(scaled.status, 0) << scaled.text;
  EXPECT_EQ(testing::total(testing::running_containers(hosts, cluster, "web")), 20);
  const Output rm = run_cli("service rm web --manager " + url);
  EXPECT_EQ(rm.status, 0) << rm.text;
  const auto t1 = std::chrono::steady_clock::now();
  while (testing::total(testing::running_containers(hosts, cluster)) > 0 &&
         std::chrono::steady_clock::now() - t1 < std::chrono::seconds(60))
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(testing::total(testing::running_containers(hosts, cluster)), 0);
  const int status = manager->kill(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status << "; see " << log;
  testing::sweep(hosts, cluster);
}

}  // namespace
}  // namespace drydock::live
