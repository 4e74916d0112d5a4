// The Docker client against a real dockerd of the testbed.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "live/docker_client.h"
#include "tests/live/testbed.h"

namespace drydock::live {
namespace {

const char* kImage = "drydock/busybox:latest";

TEST(DockerClientLive, NegotiatesAndRunsAContainerLifecycle) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  DockerClient c(hosts[0].endpoint);
  const std::string version = c.ping();
  EXPECT_FALSE(version.empty());
  EXPECT_EQ(c.api_version(), version);
  testing::sweep(hosts, "t-client");

  const double t0 = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  ContainerConfig cfg;
  cfg.name = "t-client-web.1";
  cfg.image = kImage;
  cfg.cmd = {"sleep", "600"};
  cfg.labels = {{"drydock.cluster", "t-client"}, {"drydock.service", "web"}};
  cfg.cpus = 0.05;
  cfg.memory_bytes = 32 << 20;
  const std::string id = c.create_container(cfg);
  c.start_container(id);
  EXPECT_NO_THROW(c.start_container(id));  // 304: already running

  auto listed = c.list_containers({"drydock.cluster=t-client"}, false);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, id);
  EXPECT_EQ(listed[0].name, "t-client-web.1");
  EXPECT_EQ(listed[0].state, "running");
  EXPECT_EQ(listed[0].labels.at("drydock.service"), "web");
  EXPECT_TRUE(c.list_containers({"drydock.cluster=someone-else"}).empty());
  const auto info = c.info();
  EXPECT_TRUE(info.contains("NCPU"));

  // The same name again: 409.
  try {
    c.create_container(cfg);
    FAIL();
  } catch (const DockerError& e) {
    EXPECT_EQ(e.kind(), DockerErrc::kConflict) << e.what();
  }
  // An image that is not there (no registry here): 404, named.
  ContainerConfig missing = cfg;
  missing.name = "t-client-missing";
  missing.image = "drydock/not-there:1";
  try {
    c.create_container(missing);
    FAIL();
  } catch (const DockerError& e) {
    EXPECT_EQ(e.kind(), DockerErrc::kNotFound) << e.what();
    EXPECT_NE(std::string(e.what()).find("drydock/not-there:1"), std::string::npos) << e.what();
  }

  c.stop_container(id, 1);
  EXPECT_NO_THROW(c.stop_container(id, 1));  // 304: not running
  listed = c.list_containers({"drydock.cluster=t-client"}, true);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].state, "exited");
  EXPECT_TRUE(listed[0].exit_code().has_value());
  EXPECT_TRUE(c.remove_container(id, false));
  EXPECT_FALSE(c.remove_container(id, false));  // 404: already gone

  const double t1 = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto events = c.events(t0 - 1, t1 + 1, {"drydock.cluster=t-client"});
  bool saw_start = false, saw_die = false;
  for (const auto& e : events) {
    if (e.id != id) continue;
    saw_start |= e.action == "start";
    saw_die |= e.action == "die";
  }
  EXPECT_TRUE(saw_start);
  EXPECT_TRUE(saw_die);
}

TEST(DockerClientLive, StreamsExitEvents) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  DockerClient c(hosts[0].endpoint);
  testing::sweep(hosts, "t-stream");
  std::string id;
  std::thread maker([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    DockerClient m(hosts[0].endpoint);
    id = m.create_container({"", kImage, {"sh", "-c", "exit 3"}, {{"drydock.cluster", "t-stream"}}, 0, 0});
    m.start_container(id);
  });
  std::string exit_code;
  c.stream_events({"drydock.cluster=t-stream"}, [&](const ContainerEvent& e) {
    if (e.action != "die") return true;
    exit_code = e.attributes.count("exitCode") ? e.attributes.at("exitCode") : "?";
    return false;
  }, std::chrono::milliseconds(10000));
  maker.join();
  EXPECT_EQ(exit_code, "3");
  testing::sweep(hosts, "t-stream");
}

}  // namespace
}  // namespace drydock::live
