// hosts.yaml mistakes must name the file, the line and the field. Read strictly, one mistake rejects
// the file; read leniently (the manager), each bad entry is set aside and the good ones kept.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "live/hosts_file.h"

using drydock::live::HostsFileError;
using drydock::live::parse_hosts;
using drydock::live::parse_hosts_inventory;

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

// One good entry, then one of each mistake, then another good one, then more mistakes. The expected
// messages below name these lines.
const char* kMixed = R"(hosts:
  - {name: h1, endpoint: 'unix:///run/h1.sock', capacity: {cpu: 2, memory_mib: 1024}}
  - {name: h2, capacity: {cpu: 2, memory_mib: 1024}}
  - {name: h3, endpoint: 'tcp://10.0.0.3:23x5', capacity: {cpu: 2, memory_mib: 1024}}
  - name: h4
    endpoint: https://10.0.0.4:2376
    capacity: {cpu: 2, memory_mib: 1024}
    tls: /etc/certs
  - {name: h1, endpoint: 'unix:///run/other.sock', capacity: {cpu: 2, memory_mib: 1024}}
  - {name: h6, endpoint: 'tcp://10.0.0.6:2375', capacity: {cpu: 1, memory_mib: 512}, labels: {zone: b}}
  - {name: h7, endpoint: 'https://10.0.0.7:2376', capacity: {cpu: 1, memory_mib: 512}, tls: {ca: nope.pem}}
  - {name: {first: h8}, endpoint: 'unix:///run/h8.sock', capacity: {cpu: 1, memory_mib: 512}}
  - {name: h9, endpoint: 'unix:///run/h9.sock', capacity: {cpu: 1, memory_mb: 512}}
)";

TEST(HostsFile, LenientKeepsTheGoodEntriesAndNamesEachBadOne) {
  const auto inv = parse_hosts_inventory(kMixed, "hosts.yaml", "/nonexistent-dir");
  ASSERT_EQ(inv.hosts.size(), 2u);
  EXPECT_EQ(inv.hosts[0].spec.name, "h1");
  EXPECT_EQ(inv.hosts[0].endpoint.url, "unix:///run/h1.sock");
  EXPECT_EQ(inv.hosts[1].spec.name, "h6");
  EXPECT_EQ(inv.hosts[1].spec.labels.at("zone"), "b");
  ASSERT_EQ(inv.rejected.size(), 7u);
  const std::vector<std::string> expected = {
      "hosts.yaml:3: hosts[1].endpoint: missing",
      "hosts.yaml:4: hosts[2].endpoint: endpoint 'tcp://10.0.0.3:23x5': port '23x5' is not a number from 1 to 65535",
      "hosts.yaml:8: hosts[3].tls: expected a map",
      "hosts.yaml:9: hosts[4].name: duplicate host name 'h1'",
      "hosts.yaml:11: hosts[6].tls.ca: no such file /nonexistent-dir/nope.pem",
      "hosts.yaml:12: hosts[7].name: expected a string",
      "hosts.yaml:13: hosts[8].capacity.memory_mb: unknown field",
  };
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(inv.rejected[i].message.rfind(expected[i], 0), 0u) << inv.rejected[i].message;
  // What `host ls` shows for them: the name and endpoint as written, when there is one.
  EXPECT_EQ(inv.rejected[0].entry, "hosts[1]");
  EXPECT_EQ(inv.rejected[0].name, "h2");
  EXPECT_EQ(inv.rejected[0].endpoint, "");
  EXPECT_EQ(inv.rejected[1].endpoint, "tcp://10.0.0.3:23x5");
  EXPECT_EQ(inv.rejected[5].name, "");
  EXPECT_EQ(inv.rejected[5].entry, "hosts[7]");
}

TEST(HostsFile, StrictRejectsTheSameFileNamingEveryBadEntry) {
  const std::string e = error_of(kMixed);
  EXPECT_EQ(e.rfind("hosts.yaml:3: hosts[1].endpoint: missing", 0), 0u) << e;
  for (const char* line : {"hosts.yaml:4: hosts[2].endpoint", "hosts.yaml:8: hosts[3].tls", "hosts.yaml:9: hosts[4].name",
                           "hosts.yaml:11: hosts[6].tls.ca", "hosts.yaml:12: hosts[7].name",
                           "hosts.yaml:13: hosts[8].capacity.memory_mb"})
    EXPECT_NE(e.find(std::string("\n") + line), std::string::npos) << line << " in " << e;
}

TEST(HostsFile, LenientStillRefusesAFileWithNoUsableHost) {
  try {
    parse_hosts_inventory("hosts:\n  - {name: h1, endpoint: 'ftp://x', capacity: {cpu: 1, memory_mib: 1}}\n"
                          "  - {name: h2, endpoint: 'unix:///b', capacity: {cpu: 0, memory_mib: 1}}\n",
                          "hosts.yaml");
    FAIL() << "accepted a file with no usable host";
  } catch (const HostsFileError& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.rfind("hosts.yaml: no usable host", 0), 0u) << m;
    EXPECT_NE(m.find("hosts.yaml:2: hosts[0].endpoint: endpoint 'ftp://x'"), std::string::npos) << m;
    EXPECT_NE(m.find("hosts.yaml:3: hosts[1].capacity.cpu: must be > 0, got 0"), std::string::npos) << m;
  }
  auto whole_file_error = [](const std::string& yaml) {
    try {
      parse_hosts_inventory(yaml, "hosts.yaml");
    } catch (const HostsFileError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(whole_file_error("hosts: [").find("hosts.yaml:1: not valid YAML"), std::string::npos);
  EXPECT_NE(whole_file_error("").find("hosts: expected a non-empty list"), std::string::npos);
  EXPECT_NE(whole_file_error("- h1\n- h2\n").find("hosts: expected a non-empty list"), std::string::npos);
  EXPECT_NE(whole_file_error("hosts: []").find("hosts: expected a non-empty list"), std::string::npos);
  EXPECT_NE(whole_file_error("hosts: h1").find("hosts: expected a non-empty list"), std::string::npos);
}

TEST(HostsFile, LenientReadsFilesAndRefusesUnreadableOnes) {
  const auto dir = std::filesystem::temp_directory_path() / ("drydock-hosts-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "ca.pem") << "not really a CA, only has to exist";
  const std::string path = (dir / "hosts.yaml").string();
  std::ofstream(path) << "hosts:\n"
                         "  - {name: a, endpoint: 'https://10.0.0.1:2376', capacity: {cpu: 1, memory_mib: 1}, tls: {ca: ca.pem}}\n"
                         "  - {name: b, endpoint: 'https://10.0.0.2:2376', capacity: {cpu: 1, memory_mib: 1}, tls: {ca: ca.pem, crt: x}}\n";
  const auto inv = drydock::live::load_hosts_inventory(path);
  ASSERT_EQ(inv.hosts.size(), 1u);
  EXPECT_EQ(inv.hosts[0].endpoint.tls_ca, (dir / "ca.pem").string());  // relative to the file
  ASSERT_EQ(inv.rejected.size(), 1u);
  EXPECT_EQ(inv.rejected[0].message.rfind(path + ":3: hosts[1].tls.crt: unknown field (known: ca, cert, key)", 0), 0u)
      << inv.rejected[0].message;
  for (const std::string& unreadable : {std::string("/nonexistent/hosts.yaml"), dir.string()}) {
    try {
      drydock::live::load_hosts_inventory(unreadable);
      ADD_FAILURE() << unreadable << " accepted";
    } catch (const HostsFileError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(unreadable + ": ", 0), 0u) << e.what();
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(DockerEndpoint, PortMustBeANumberInRange) {
  using drydock::live::DockerEndpoint;
  for (const char* good : {"tcp://10.0.0.1:2375", "https://[::1]:2376", "https://host.example:2376/", "http://h:1",
                           "tcp://h:65535"})
    EXPECT_NO_THROW(DockerEndpoint::parse(good)) << good;
  for (const char* bad : {"tcp://10.0.0.1", "tcp://10.0.0.1:", "tcp://:2375", "tcp://h:0", "tcp://h:65536",
                          "tcp://h:2375x", "https://h:-1", "tcp://h:999999999999"}) {
    try {
      DockerEndpoint::parse(bad);
      ADD_FAILURE() << bad << " accepted";
    } catch (const drydock::live::DockerError& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("endpoint '") + bad + "'"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
