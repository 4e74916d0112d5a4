// A real Prometheus (Debian's `prometheus`, /usr/bin/prometheus) scrapes a manager running replicas on
// the testbed, every second; its HTTP API then answers a query of running replicas with the number
// the daemons run, and follows a scale-down. Skips without a testbed or without the binary.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "live/manager.h"
#include "live/manager_client.h"
#include "tests/live/testbed.h"

namespace drydock::live {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
const char* kPrometheus = "/usr/bin/prometheus";

class PrometheusProcess {
 public:
  PrometheusProcess(const fs::path& dir, int port, int target_port) {
    std::ofstream(dir / "prometheus.yml") << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                                          << "scrape_configs:\n  - job_name: drydock\n    static_configs:\n"
                                          << "      - targets: ['127.0.0.1:" << target_port << "']\n";
    const std::string config = "--config.file=" + (dir / "prometheus.yml").string();
    const std::string storage = "--storage.tsdb.path=" + (dir / "data").string();
    const std::string listen = "--web.listen-address=127.0.0.1:" + std::to_string(port);
    const std::string log = (dir / "prometheus.log").string();
    pid_ = fork();
    if (pid_ == 0) {
      FILE* f = std::fopen(log.c_str(), "a");
      dup2(fileno(f), 1);
      dup2(fileno(f), 2);
      execl(kPrometheus, kPrometheus, config.c_str(), storage.c_str(), listen.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~PrometheusProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }

 private:
  pid_t pid_ = -1;
};

// The value of an instant query's single sample, or -1 while Prometheus has none (not scraped yet).
double query(const ManagerClient& prometheus, const std::string& promql_encoded) {
  try {
    const ManagerClient::Reply r = prometheus.call("GET", "/api/v1/query?query=" + promql_encoded);
    if (r.status != 200) return -1;
    const json j = json::parse(r.body);
    if (j["status"] != "success" || j["data"]["result"].empty()) return -1;
    return std::stod(j["data"]["result"][0]["value"][1].get<std::string>());
  } catch (const std::exception&) {
    return -1;  // not listening yet
  }
}

bool eventually(const std::function<bool()>& f, double timeout) {
  const auto t0 = std::chrono::steady_clock::now();
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < timeout) {
    if (f()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  return false;
}

TEST(PrometheusLive, ScrapesTheManagerAndCountsRunningReplicas) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  if (!fs::exists(kPrometheus)) GTEST_SKIP() << "no " << kPrometheus << " (Debian package prometheus)";
  const fs::path dir = fs::temp_directory_path() / ("drydock-prometheus-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  ManagerOptions options;
  options.hosts_file = *hosts_path;
  options.state = (dir / "state.db").string();
  options.port = 0;
  options.cluster = "t-prom-" + std::to_string(getpid());
  options.verbose = false;
  Manager manager(options);
  manager.start();
  const ManagerClient api("http://127.0.0.1:" + std::to_string(manager.port()), "");
  ASSERT_EQ(api.call("POST", "/v1/services",
                     R"({"name": "prom", "image": "drydock/busybox:latest", "cmd": ["sleep", "100000"], "replicas": 3, "memory_mib": 8})")
                .status,
            201);
  const auto running = [&] {
    for (const json& s : json::parse(api.call("GET", "/v1/services").body))
      if (s["name"] == "prom") return s["running"].get<int>();
    return -1;
  };
  ASSERT_TRUE(eventually([&] { return running() == 3; }, 90)) << "3 replicas never ran";

  const int port = 19090 + getpid() % 500;
  {
    PrometheusProcess prometheus(dir, port, manager.port());
    const ManagerClient prom("http://127.0.0.1:" + std::to_string(port), "", 2000);
    const std::string running_query = "drydock_service_replicas_running%7Bservice%3D%22prom%22%7D";
    EXPECT_TRUE(eventually([&] { return query(prom, running_query) == 3; }, 60))
        << "last answer " << query(prom, running_query) << "; see " << (dir / "prometheus.log");
    // The daemons' own count, through the replicas-by-state series, agrees.
    std::size_t on_daemons = 0;
    for (const auto& [h, ids] : testing::running_containers(hosts, options.cluster, "prom")) on_daemons += ids.size();
    EXPECT_EQ(on_daemons, 3u);
    EXPECT_TRUE(eventually([&] { return query(prom, "sum(drydock_replicas%7Bservice%3D%22prom%22%2Cstate%3D%22running%22%7D)") == 3; }, 30));
    // A scale-down shows in the next scrapes.
    ASSERT_EQ(api.call("POST", "/v1/services/prom/scale", R"({"replicas": 1})").status, 200);
    EXPECT_TRUE(eventually([&] { return query(prom, running_query) == 1; }, 60)) << "last answer " << query(prom, running_query);
    EXPECT_GT(query(prom, "drydock_reconcile_duration_seconds_count"), 0);
  }
  api.call("DELETE", "/v1/services/prom");
  eventually([&] { return testing::running_containers(hosts, options.cluster, "prom").empty(); }, 30);
  manager.stop();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace drydock::live
