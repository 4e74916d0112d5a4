// hosts.yaml mistakes must name the file, the line and the field.
#include <gtest/gtest.h>

#include "live/hosts_file.h"

using drydock::live::HostsFileError;
using drydock::live::parse_hosts;

namespace {

std::string error_of(const std::string& yaml) {
  try {
    parse_hosts(yaml, "hosts.yaml");
  } catch (const HostsFileError& e) {
    return e.what();
  }
  return "no error";
}

TEST(HostsFile, ReadsAGoodFile) {
  const auto hosts = parse_hosts(R"(hosts:
  - name: h1
    endpoint: unix:///run/h1.sock
    address: 10.0.0.1
    capacity: {cpu: 2, memory_mib: 1024}
    labels: {zone: a}
  - name: h2
    endpoint: tcp://10.0.0.2:2375
    capacity: {cpu: 4.5, memory_mib: 2048}
)", "hosts.yaml");
  ASSERT_EQ(hosts.size(), 2u);
  EXPECT_EQ(hosts[0].spec.name, "h1");
  EXPECT_TRUE(hosts[0].endpoint.is_unix());
  EXPECT_EQ(hosts[0].spec.labels.at("zone"), "a");
  EXPECT_DOUBLE_EQ(hosts[1].spec.capacity.cpu, 4.5);
  EXPECT_EQ(hosts[1].endpoint.url, "tcp://10.0.0.2:2375");
}

TEST(HostsFile, NamesLineAndFieldOfABadCapacity) {
  const std::string e = error_of(R"(hosts:
  - name: h1
    endpoint: unix:///run/h1.sock
    capacity: {cpu: many, memory_mib: 1024}
)");
  EXPECT_NE(e.find("hosts.yaml:4"), std::string::npos) << e;
  EXPECT_NE(e.find("hosts[0].capacity.cpu"), std::string::npos) << e;
  EXPECT_NE(e.find("many"), std::string::npos) << e;
}

TEST(HostsFile, RejectsBadEndpointDuplicateNameUnknownField) {
  EXPECT_NE(error_of("hosts:\n  - {name: h1, endpoint: 'ftp://x', capacity: {cpu: 1, memory_mib: 1}}\n")
                .find("hosts[0].endpoint"),
            std::string::npos);
  EXPECT_NE(error_of("hosts:\n  - {name: h1, endpoint: 'unix:///a', capacity: {cpu: 1, memory_mib: 1}}\n"
                     "  - {name: h1, endpoint: 'unix:///b', capacity: {cpu: 1, memory_mib: 1}}\n")
                .find("hosts.yaml:3: hosts[1].name: duplicate host name 'h1'"),
            std::string::npos);
  EXPECT_NE(error_of("hosts:\n  - {name: h1, endpont: 'unix:///a', capacity: {cpu: 1, memory_mib: 1}}\n")
                .find("hosts[0].endpont: unknown field"),
            std::string::npos);
  EXPECT_NE(error_of("hosts:\n  - {name: h1, endpoint: 'unix:///a'}\n").find("hosts[0].capacity: missing"),
            std::string::npos);
  EXPECT_NE(error_of("hosts: [").find("not valid YAML"), std::string::npos);
  EXPECT_NE(error_of("services: []").find("hosts: expected a non-empty list"), std::string::npos);
}

TEST(HostsFile, MissingFileIsNamed) {
  try {
    drydock::live::load_hosts_file("/nonexistent/hosts.yaml");
    FAIL();
  } catch (const HostsFileError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/hosts.yaml"), std::string::npos);
  }
}

}  // namespace
