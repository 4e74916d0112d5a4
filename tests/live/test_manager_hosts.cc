// The manager with a hosts.yaml holding a bad entry: by default it starts, serves the good hosts and
// lists the bad entry in /v1/hosts as "invalid" with its file:line: field: error; --strict-hosts
// refuses to start; a file with no usable host is refused either way. No daemon needed: the good host
// points at a socket nobody listens on, which the manager serves around like any unreachable daemon.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "live/manager.h"

namespace drydock::live {
namespace {

using nlohmann::json;

struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("drydock-manager-hosts-" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
};

ManagerOptions options_for(const TempDir& dir, const std::string& hosts_yaml) {
  ManagerOptions o;
  o.hosts_file = (dir.path / "hosts.yaml").string();
  std::ofstream(o.hosts_file) << hosts_yaml;
  o.state = (dir.path / "drydock.db").string();
  o.port = 0;
  o.cluster = "t-manager-hosts";
  o.probe_period = 0.2;
  o.verbose = false;
  return o;
}

const char* kOneGoodOneBad =
    "hosts:\n"
    "  - {name: ghost, endpoint: 'unix:///tmp/drydock-no-such-daemon.sock', capacity: {cpu: 1, memory_mib: 256}}\n"
    "  - name: typo\n"
    "    endpoint: tcp://10.0.0.9:2375\n"
    "    capacity: {cpu: 1, memory_mib: -256}\n";

TEST(ManagerHosts, ABadEntryIsListedAsInvalidAndTheOthersAreServed) {
  TempDir dir;
  const ManagerOptions o = options_for(dir, kOneGoodOneBad);
  Manager manager(o);
  ASSERT_EQ(manager.rejected_hosts().size(), 1u);
  manager.start();
  HttpRequest req;
  req.method = "GET";
  req.path = "/v1/hosts";
  const HttpResponse res = manager.handle(req);
  ASSERT_EQ(res.status, 200) << res.body;
  const json hosts = json::parse(res.body);
  ASSERT_EQ(hosts.size(), 2u) << res.body;
  EXPECT_EQ(hosts[0]["name"], "ghost");
  EXPECT_EQ(hosts[0]["cpu_capacity"], 1.0);
  EXPECT_EQ(hosts[1]["name"], "typo");
  EXPECT_EQ(hosts[1]["endpoint"], "tcp://10.0.0.9:2375");
  EXPECT_EQ(hosts[1]["health"], "invalid");
  EXPECT_EQ(hosts[1]["reachable"], false);
  EXPECT_EQ(hosts[1]["last_error"], o.hosts_file + ":5: hosts[1].capacity.memory_mib: must be > 0, got -256");
  EXPECT_EQ(hosts[1]["cpu_capacity"], 0.0);

  // Only the usable host is in the runtime (probed, scheduled on), and the API keeps working.
  EXPECT_EQ(manager.runtime().hosts().size(), 1u);
  req.method = "POST";
  req.path = "/v1/services";
  req.body = R"({"name": "web", "image": "drydock/busybox:latest", "replicas": 2, "cpu": 0.1, "memory_mib": 16})";
  EXPECT_EQ(manager.handle(req).status, 201);
  manager.stop();
}

TEST(ManagerHosts, StrictHostsRefusesToStart) {
  TempDir dir;
  ManagerOptions o = options_for(dir, kOneGoodOneBad);
  o.strict_hosts = true;
  try {
    Manager manager(o);
    FAIL() << "--strict-hosts accepted a bad entry";
  } catch (const HostsFileError& e) {
    EXPECT_EQ(std::string(e.what()), o.hosts_file + ":5: hosts[1].capacity.memory_mib: must be > 0, got -256");
  }
}

TEST(ManagerHosts, NoUsableHostRefusesToStart) {
  TempDir dir;
  const ManagerOptions o = options_for(dir, "hosts:\n  - {name: typo, endpoint: 'tcp://h:2375', capacity: {cpu: 0}}\n");
  try {
    Manager manager(o);
    FAIL() << "started with no usable host";
  } catch (const HostsFileError& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.rfind(o.hosts_file + ": no usable host", 0), 0u) << m;
    EXPECT_NE(m.find(o.hosts_file + ":2: hosts[0].capacity.cpu: must be > 0, got 0"), std::string::npos) << m;
  }
}

}  // namespace
}  // namespace drydock::live
