// `POST /v1/services/NAME/update` without a Docker daemon: the manager over one unreachable host still
// validates the request, stores the new spec in SQLite, hands it to the control plane (which starts a
// rollout under the new budget), and serves it again after a restart on the same state file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "live/manager.h"

namespace drydock::live {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

HttpResponse call(Manager& m, const std::string& method, const std::string& path, const std::string& body = {}) {
  HttpRequest r;
  r.method = method;
  r.path = path;
  r.body = body;
  return m.handle(r);
}

json service_named(Manager& m, const std::string& name) {
  for (const json& s : json::parse(call(m, "GET", "/v1/services").body))
    if (s["name"] == name) return s;
  return {};
}

struct UnreachableCluster {
  fs::path dir = fs::temp_directory_path() / ("drydock-update-" + std::to_string(getpid()));
  ManagerOptions options;
  UnreachableCluster() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "hosts.yaml") << "hosts:\n  - name: h1\n    endpoint: unix://" << (dir / "no-daemon.sock").string()
                                      << "\n    capacity: {cpu: 4, memory_mib: 4096}\n";
    options.hosts_file = (dir / "hosts.yaml").string();
    options.state = (dir / "state.db").string();
    options.port = 0;
    options.cluster = "t-update-" + std::to_string(getpid());
    options.probe_period = 0.2;
    options.verbose = false;
  }
  ~UnreachableCluster() { fs::remove_all(dir); }
};

TEST(ManagerUpdate, BadRequestsAreRefusedByFieldAndChangeNothing) {
  UnreachableCluster c;
  Manager m(c.options);
  m.start();
  ASSERT_EQ(call(m, "POST", "/v1/services", R"({"name": "web", "image": "web:v1", "replicas": 4})").status, 201);
  const struct {
    const char* body;
    const char* says;
  } bad[] = {{R"({"image": ""})", "field 'image'"},
             {R"({"image": 3})", "field 'image'"},
             {R"({"replicas": 3})", "field 'replicas': unknown"},
             {R"({})", "nothing to update"},
             {R"({"update_config": {"max_surge": "many"}})", "field 'update_config.max_surge'"},
             {R"({"update_config": {"max_surge": -1}})", "field 'update_config.max_surge'"},
             {R"({"update_config": {"surge": 1}})", "field 'update_config.surge': unknown"},
             {R"({"update_config": 5})", "field 'update_config'"},
             {"not json", "bad JSON"}};
  for (const auto& b : bad) {
    const HttpResponse r = call(m, "POST", "/v1/services/web/update", b.body);
    EXPECT_EQ(r.status, 400) << b.body;
    EXPECT_NE(r.body.find(b.says), std::string::npos) << b.body << " -> " << r.body;
  }
  EXPECT_EQ(call(m, "POST", "/v1/services/nope/update", R"({"image": "x:1"})").status, 404);
  const json web = service_named(m, "web");
  EXPECT_EQ(web["image"], "web:v1");
  EXPECT_EQ(web["update_config"]["max_surge"], "25%");
  for (const json& e : json::parse(call(m, "GET", "/v1/events").body)) EXPECT_NE(e["kind"], "update") << e.dump();
  m.stop();
}

TEST(ManagerUpdate, NewImageAndBudgetReachTheControlPlaneAndSurviveARestart) {
  UnreachableCluster c;
  {
    Manager m(c.options);
    m.start();
    ASSERT_EQ(call(m, "POST", "/v1/services", R"({"name": "web", "image": "web:v1", "replicas": 4})").status, 201);
    const HttpResponse r =
        call(m, "POST", "/v1/services/web/update", R"({"image": "web:v2", "update_config": {"max_surge": 1, "max_unavailable": "0"}})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["image"], "web:v2");
    // The control plane has the new spec, and began a rollout under the new budget.
    const auto views = m.runtime().services();
    ASSERT_EQ(views.size(), 1u);
    EXPECT_EQ(views[0].service.spec.image, "web:v2");
    EXPECT_EQ(views[0].service.spec.update.max_surge.value, 1);
    EXPECT_FALSE(views[0].service.spec.update.max_surge.percent);
    EXPECT_EQ(views[0].service.spec.update.max_unavailable.value, 0);
    int starts = 0;
    for (const json& e : json::parse(call(m, "GET", "/v1/events").body))
      if (e["kind"] == "update" && e["service"] == "web") {
        const std::string detail = e["detail"];
        if (detail.rfind("start", 0) != 0) continue;
        ++starts;
        EXPECT_NE(detail.find("image web:v1->web:v2 max_surge 1 max_unavailable 0"), std::string::npos) << detail;
      }
    EXPECT_EQ(starts, 1);
    // A budget alone changes no image: stored, no second rollout.
    ASSERT_EQ(call(m, "POST", "/v1/services/web/update", R"({"update_config": {"max_unavailable": "50%"}})").status, 200);
    m.stop();
  }
  // A new manager on the same state file: the updated spec is what it serves and reconciles.
  Manager again(c.options);
  again.start();
  const json web = service_named(again, "web");
  EXPECT_EQ(web["image"], "web:v2");
  EXPECT_EQ(web["replicas"], 4);
  EXPECT_EQ(web["update_config"]["max_surge"], "1");
  EXPECT_EQ(web["update_config"]["max_unavailable"], "50%");
  const auto views = again.runtime().services();
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].service.spec.image, "web:v2");
  EXPECT_TRUE(views[0].service.spec.update.max_unavailable.percent);
  again.stop();
}

}  // namespace
}  // namespace drydock::live
