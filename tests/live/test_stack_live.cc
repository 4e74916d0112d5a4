// `drydock stack deploy -c live/stacks/testbed-stack.yml shop` against a manager on the testbed, as a
// Swarm user types it: the stack's 9 replicas run on the daemons; stack ls, services and ps show them;
// deploying again with fewer replicas scales; stack rm removes every container.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <filesystem>
#include <fstream>
#include <thread>

#include "live/manager_client.h"
#include "tests/live/manager_process.h"
#include "tests/live/testbed.h"

namespace drydock::live {
namespace {

namespace fs = std::filesystem;

std::size_t on_daemons(const std::vector<LiveHost>& hosts, const std::string& cluster, const std::string& service) {
  std::size_t n = 0;
  for (const auto& [h, ids] : testing::running_containers(hosts, cluster, service)) n += ids.size();
  return n;
}

bool eventually(const std::function<bool()>& f, double timeout) {
  const auto t0 = std::chrono::steady_clock::now();
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < timeout) {
    if (f()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  return false;
}

TEST(StackLive, DeployLsPsRmAsSwarmUsersTypeThem) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  if (kCli.empty()) GTEST_SKIP() << "drydock_live_cli not built";
  const std::string dir = "/tmp/drydock-stack-" + std::to_string(getpid());
  fs::create_directories(dir);
  const std::string cluster = "t-stack-" + std::to_string(getpid());
  const std::string port = std::to_string(17000 + getpid() % 1000);
  const std::string url = "http://127.0.0.1:" + port;
  ManagerProcess manager({"--hosts", *hosts_path, "--state", dir + "/drydock.db", "--port", port, "--cluster", cluster},
                         dir + "/manager.log");
  ASSERT_TRUE(wait_for_api(ManagerClient(url, ""), 30)) << "manager did not start";
  const std::string stack = testing::source_dir() + "/live/stacks/testbed-stack.yml";

  Output o = run_cli("stack deploy --manager " + url + " -c " + stack + " shop");
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find("Creating service shop_web"), std::string::npos) << o.text;
  EXPECT_TRUE(eventually([&] { return on_daemons(hosts, cluster, "shop_web") == 6 && on_daemons(hosts, cluster, "shop_worker") == 3; }, 120))
      << on_daemons(hosts, cluster, "shop_web") << " web, " << on_daemons(hosts, cluster, "shop_worker") << " worker";
  // max_replicas_per_node: 3 on 3 hosts: web is on at least 2 of them.
  EXPECT_GE(testing::running_containers(hosts, cluster, "shop_web").size(), 2u);

  o = run_cli("stack ls --manager " + url);
  EXPECT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find("shop"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find(" 2"), std::string::npos) << o.text;
  o = run_cli("stack services --manager " + url + " shop");
  EXPECT_NE(o.text.find("shop_web"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("6/6"), std::string::npos) << o.text;
  o = run_cli("stack ps --manager " + url + " shop");
  EXPECT_EQ(std::count(o.text.begin(), o.text.end(), '\n'), 10) << o.text;  // header and 9 replicas

  // Deploying again is an update: fewer web replicas in the file, fewer containers.
  const std::string smaller = dir + "/stack.yml";
  {
    std::ifstream in(stack);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    s.replace(s.find("replicas: 6"), 11, "replicas: 2");
    std::ofstream(smaller) << s;
  }
  o = run_cli("stack deploy --manager " + url + " -c " + smaller + " shop");
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_TRUE(eventually([&] { return on_daemons(hosts, cluster, "shop_web") == 2; }, 60));

  o = run_cli("stack rm --manager " + url + " shop");
  EXPECT_EQ(o.status, 0) << o.text;
  EXPECT_TRUE(eventually([&] { return on_daemons(hosts, cluster, "shop_web") + on_daemons(hosts, cluster, "shop_worker") == 0; }, 60));
  manager.kill(SIGTERM);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace drydock::live
