// Clear errors for the failures a live cluster meets: nothing at the endpoint, a daemon that refuses,
// a conflict, a daemon shutting down; and the runtime keeps serving the hosts that work.
#include <gtest/gtest.h>

#include <chrono>

#include "live/docker_client.h"
#include "live/live_runtime.h"
#include "schedulers/scheduler.h"
#include "tests/live/fake_daemon.h"

namespace drydock::live {
namespace {

using namespace std::chrono_literals;

ClientOptions fast() { return ClientOptions{200ms, 1000ms, 2, 10ms}; }

TEST(DockerFaults, SocketWithNothingBehindItIsUnreachable) {
  DockerClient c(DockerEndpoint::parse("unix:///tmp/drydock-no-such-daemon.sock"), fast());
  try {
    c.ping();
    FAIL() << "ping succeeded";
  } catch (const DockerError& e) {
    EXPECT_EQ(e.kind(), DockerErrc::kUnreachable);
    EXPECT_TRUE(e.transient());
    EXPECT_NE(std::string(e.what()).find("/tmp/drydock-no-such-daemon.sock"), std::string::npos) << e.what();
  }
}

TEST(DockerFaults, ClosedTcpPortIsUnreachableAndFast) {
  DockerClient c(DockerEndpoint::parse("tcp://127.0.0.1:1"), fast());
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(c.ping(), DockerError);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);  // retries are bounded
}

TEST(DockerFaults, ApiVersionIsNegotiatedFromPing) {
  testing::FakeDaemon old_daemon(404, "no such container", "1.30");
  DockerClient c(DockerEndpoint::parse(old_daemon.endpoint()), fast());
  EXPECT_EQ(c.ping(), "1.30");  // the daemon's, lower than ours
  EXPECT_FALSE(c.remove_container("abc", true));  // 404 on delete: already gone
  EXPECT_EQ(old_daemon.last_path, "/v1.30/containers/abc");
  testing::FakeDaemon new_daemon(404, "x", "9.99");
  DockerClient c2(DockerEndpoint::parse(new_daemon.endpoint()), fast());
  EXPECT_EQ(c2.ping(), "1.43");  // ours, lower than the daemon's
  testing::FakeDaemon ancient(404, "x", "1.12");
  DockerClient c3(DockerEndpoint::parse(ancient.endpoint()), fast());
  EXPECT_THROW(c3.ping(), DockerError);
}

TEST(DockerFaults, RefusedCallsMapToKinds) {
  struct Case {
    int status;
    const char* message;
    DockerErrc kind;
  };
  for (const Case& k : {Case{500, "refused: disk full", DockerErrc::kServerError},
                        Case{409, "Conflict. The container name is already in use", DockerErrc::kConflict},
                        Case{404, "No such image: nope:latest", DockerErrc::kNotFound},
                        Case{400, "Minimum memory limit allowed is 6MB", DockerErrc::kBadRequest},
                        Case{503, "daemon is shutting down", DockerErrc::kDaemonRestarting}}) {
    testing::FakeDaemon d(k.status, k.message);
    DockerClient c(DockerEndpoint::parse(d.endpoint()), fast());
    ContainerConfig cfg;
    cfg.name = "web.1";
    cfg.image = "nope:latest";
    try {
      c.create_container(cfg);
      FAIL() << "create succeeded for " << k.status;
    } catch (const DockerError& e) {
      EXPECT_EQ(e.kind(), k.kind) << e.what();
      EXPECT_EQ(e.http_status(), k.status);
      EXPECT_NE(std::string(e.what()).find(k.message), std::string::npos) << e.what();
    }
  }
}

TEST(DockerFaults, IdempotentCallsRetryOnDaemonRestartingButCreateDoesNot) {
  testing::FakeDaemon d(503, "daemon is restarting");
  DockerClient c(DockerEndpoint::parse(d.endpoint()), fast());
  c.ping();
  const int before = d.calls;
  EXPECT_THROW(c.list_containers({}), DockerError);
  EXPECT_EQ(d.calls - before, 3);  // one try + two retries
  const int before_create = d.calls;
  EXPECT_THROW(c.create_container(ContainerConfig{"x", "img", {}, {}, 0, 0}), DockerError);
  EXPECT_EQ(d.calls - before_create, 1);  // the request reached the daemon: never repeated
}

TEST(DockerFaults, NotModifiedIsSuccessForStartAndStop) {
  testing::FakeDaemon d(304, "");
  DockerClient c(DockerEndpoint::parse(d.endpoint()), fast());
  EXPECT_NO_THROW(c.start_container("abc"));
  EXPECT_NO_THROW(c.stop_container("abc", 0));
}

// A runtime over one refusing daemon and one unreachable one: neither gets a heartbeat through, the
// error is kept per host, and the runtime goes on answering.
TEST(DockerFaults, RuntimeKeepsServingWithBrokenHosts) {
  testing::FakeDaemon refusing(500, "refused");
  std::vector<LiveHost> hosts(2);
  hosts[0].spec = {"broken", {1, 1024, 0}, {}};
  hosts[0].endpoint = DockerEndpoint::parse("unix:///tmp/drydock-no-such-daemon.sock");
  hosts[1].spec = {"refusing", {1, 1024, 0}, {}};
  hosts[1].endpoint = DockerEndpoint::parse(refusing.endpoint());
  LiveConfig cfg;
  cfg.cluster = "t-faults";
  cfg.agent.probe_period = 0.2;
  LiveRuntime rt(hosts, PolicyRegistry::instance().make("spread"), cfg);
  rt.start();
  LiveService web;
  web.spec.name = "web";
  web.spec.image = "drydock/busybox:latest";
  web.spec.replicas = 2;
  rt.apply(web);
  std::this_thread::sleep_for(500ms);
  const auto views = rt.hosts();
  ASSERT_EQ(views.size(), 2u);
  EXPECT_FALSE(views[0].reachable);
  EXPECT_NE(views[0].last_error.find("unreachable"), std::string::npos) << views[0].last_error;
  EXPECT_FALSE(views[1].reachable);
  EXPECT_NE(views[1].last_error.find("HTTP 500: refused"), std::string::npos) << views[1].last_error;
  const auto services = rt.services();
  ASSERT_EQ(services.size(), 1u);
  EXPECT_EQ(services[0].running, 0);
  rt.stop();
}

}  // namespace
}  // namespace drydock::live
