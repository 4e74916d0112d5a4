// Access to the local testbed (live/testbed/up) for the end-to-end tests. Without DRYDOCK_HOSTS
// pointing at a hosts.yaml, the tests skip: they assert against real daemons or not at all.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "live/docker_client.h"
#include "live/hosts_file.h"

namespace drydock::live::testing {

inline std::optional<std::string> hosts_path() {
  const char* p = std::getenv("DRYDOCK_HOSTS");
  if (!p || !std::filesystem::exists(p)) return std::nullopt;
  return std::string(p);
}

#define DRYDOCK_REQUIRE_TESTBED(hosts)                                                           \
  const auto hosts##_path = ::drydock::live::testing::hosts_path();                              \
  if (!hosts##_path) GTEST_SKIP() << "no testbed: set DRYDOCK_HOSTS (scripts/live-tests.sh does)"; \
  const auto hosts = ::drydock::live::load_hosts_file(*hosts##_path)

inline std::string source_dir() {
#ifdef DRYDOCK_SOURCE_DIR
  return DRYDOCK_SOURCE_DIR;
#else
  return ".";
#endif
}

// Ground truth, straight from the daemons: running containers of `cluster` (and `service`) per host.
inline std::map<std::string, std::vector<std::string>> running_containers(const std::vector<LiveHost>& hosts,
                                                                          const std::string& cluster,
                                                                          const std::string& service = {}) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& h : hosts) {
    try {
      DockerClient c(h.endpoint);
      std::vector<std::string> filter = {"drydock.cluster=" + cluster};
      if (!service.empty()) filter.push_back("drydock.service=" + service);
      for (const auto& s : c.list_containers(filter, false)) out[h.spec.name].push_back(s.id);
    } catch (const DockerError&) {
      // A crashed host runs nothing.
    }
  }
  return out;
}

inline int total(const std::map<std::string, std::vector<std::string>>& m) {
  int n = 0;
  for (const auto& [h, ids] : m) n += static_cast<int>(ids.size());
  return n;
}

// Remove every container of `cluster` on every reachable host: each test starts from nothing.
inline void sweep(const std::vector<LiveHost>& hosts, const std::string& cluster) {
  for (const auto& h : hosts) {
    try {
      DockerClient c(h.endpoint);
      for (const auto& s : c.list_containers({"drydock.cluster=" + cluster}, true)) c.remove_container(s.id, true);
    } catch (const DockerError&) {
    }
  }
}

inline int run(const std::string& command) { return std::system(command.c_str()); }

// Bring every testbed host back (after a crash), keeping the hosts file in place.
inline void restore_testbed(const std::string& hosts_file, std::size_t n) {
  run(source_dir() + "/live/testbed/up " + std::to_string(n) + " " + hosts_file + " >/dev/null");
}

}  // namespace drydock::live::testing
