// The Docker client over mutual TLS against a real dockerd, as a remote host would be reached: the test
// makes a CA, a server certificate for its address and a client certificate with openssl, starts one
// more dockerd with --tlsverify listening on tcp 2376 in a network namespace of its own (dd-tls, on the
// testbed's bridge, like a testbed host; own data/exec roots, no bridge network), and drives a
// container's life through a hosts.yaml `tls:` entry. A client without a certificate, or one that
// trusts another CA, is refused with an error that says so.
//
// Its own namespace, not a testbed host's: a second dockerd in dd-h1 removed that host's docker0 bridge
// when it stopped, and the testbed daemon could no longer start containers.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "live/docker_client.h"
#include "live/hosts_file.h"
#include "tests/live/testbed.h"

namespace drydock::live {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const char* kNamespace = "dd-tls";
const char* kBridge = "dd-br0";        // live/testbed/common.sh: TB_BRIDGE
const char* kAddress = "10.77.0.250";  // on the testbed's 10.77.0.0/24, above any testbed host
const char* kPort = "2376";

std::string testbed_root() {
  const char* r = std::getenv("DRYDOCK_TESTBED");
  return r && *r ? r : "/var/lib/drydock-testbed";
}

// Runs `command` through the shell; fails the test with its output when it fails.
bool sh(const std::string& command, const std::string& log) {
  const int rc = std::system((command + " >>" + log + " 2>&1").c_str());
  if (rc != 0) ADD_FAILURE() << "failed (" << rc << "): " << command << "\nsee " << log;
  return rc == 0;
}

// A CA, a server certificate valid for the testbed address, and a client certificate, all signed by
// the CA; plus a second CA that signed nothing of this, to be distrusted.
bool make_certificates(const std::string& dir, const std::string& log) {
  const std::string ossl = "cd " + dir + " && openssl ";
  return sh(ossl + "req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=drydock-test-ca -keyout ca-key.pem -out ca.pem", log) &&
         sh(ossl + "req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=other-ca -keyout other-ca-key.pem -out other-ca.pem", log) &&
         sh(ossl + "req -newkey rsa:2048 -nodes -subj /CN=" + kAddress + " -keyout server-key.pem -out server.csr", log) &&
         sh("cd " + dir + " && printf 'subjectAltName=IP:" + kAddress +
                ",IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > server.ext",
            log) &&
         sh(ossl + "x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile server.ext -out server-cert.pem", log) &&
         sh(ossl + "req -newkey rsa:2048 -nodes -subj /CN=drydock-client -keyout key.pem -out client.csr", log) &&
         sh("cd " + dir + " && printf 'extendedKeyUsage=clientAuth\\n' > client.ext", log) &&
         sh(ossl + "x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile client.ext -out cert.pem", log);
}

// The namespace dd-tls with kAddress on the testbed bridge; removed (with its veth) on scope exit.
class TlsNamespace {
 public:
  TlsNamespace(const std::string& log) {
    remove();  // a leftover of an interrupted run
    const std::string ns = kNamespace;
    ok = sh("ip netns add " + ns, log) && sh("ip link add " + ns + "-br type veth peer name eth0 netns " + ns, log) &&
         sh("ip link set " + ns + "-br master " + kBridge + " up", log) &&
         sh("nsenter --net=/var/run/netns/" + ns + " sh -c 'ip addr add " + kAddress +
                "/24 dev eth0 && ip link set eth0 up && ip link set lo up'",
            log);
  }
  ~TlsNamespace() { remove(); }
  bool ok = false;

 private:
  static void remove() {
    const std::string ns = kNamespace;
    std::system(("ip netns del " + ns + " 2>/dev/null; ip link del " + ns + "-br 2>/dev/null").c_str());
  }
};

// One dockerd with --tlsverify in dd-tls; stopped (with its containerd) on scope exit.
class TlsDaemon {
 public:
  explicit TlsDaemon(const std::string& dir) : dir_(dir) {
    pid_ = fork();
    if (pid_ == 0) {
      const std::string log = dir + "/dockerd.log";
      std::freopen(log.c_str(), "w", stdout);
      std::freopen(log.c_str(), "a", stderr);
      const std::string net = std::string("--net=/var/run/netns/") + kNamespace;
      const std::string tcp = std::string("tcp://") + kAddress + ":" + kPort;
      execlp("nsenter", "nsenter", net.c_str(), "dockerd", "--tlsverify", "--tlscacert", (dir + "/ca.pem").c_str(),
             "--tlscert", (dir + "/server-cert.pem").c_str(), "--tlskey", (dir + "/server-key.pem").c_str(), "--host",
             tcp.c_str(), "--host", ("unix://" + dir + "/docker.sock").c_str(), "--data-root", (dir + "/data").c_str(),
             "--exec-root", (dir + "/exec").c_str(), "--pidfile", (dir + "/docker.pid").c_str(),
             "--containerd-namespace", "dd-tls", "--containerd-plugins-namespace", "dd-tls-plugins", "--bridge=none",
             "--iptables=false", "--ip-masq=false", static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~TlsDaemon() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);  // dockerd stops the containerd it started
    for (int i = 0; i < 150; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(100ms);
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  // Waits until the local socket answers (the daemon is up) and imports the testbed image.
  bool ready(const std::string& log) {
    DockerClient local(DockerEndpoint::parse("unix://" + dir_ + "/docker.sock"), ClientOptions{500ms, 2000ms, 0, 10ms});
    for (int i = 0; i < 150; ++i) {
      try {
        local.ping();
        return sh("/usr/bin/docker -H unix://" + dir_ + "/docker.sock import -c 'CMD [\"sleep\",\"1000000\"]' " +
                      testbed_root() + "/busybox-rootfs.tar drydock/busybox:latest",
                  log);
      } catch (const DockerError&) {
        std::this_thread::sleep_for(200ms);
      }
    }
    ADD_FAILURE() << "the TLS dockerd did not come up; see " << dir_ << "/dockerd.log";
    return false;
  }

 private:
  std::string dir_;
  pid_t pid_ = -1;
};

TEST(DockerClientTls, MutualTlsToATlsVerifyDaemon) {
  DRYDOCK_REQUIRE_TESTBED(hosts);
  if (std::system((std::string("ip link show ") + kBridge + " >/dev/null 2>&1").c_str()) != 0)
    GTEST_SKIP() << "no testbed bridge " << kBridge;
  if (std::system("command -v openssl >/dev/null") != 0) GTEST_SKIP() << "openssl not installed";
  // Short: the daemon's sockets live below it (unix socket paths are limited to 107 bytes).
  const std::string dir = "/tmp/ddtls-" + std::to_string(getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string log = dir + "/setup.log";
  ASSERT_TRUE(make_certificates(dir, log));
  {
    TlsNamespace ns(log);
    ASSERT_TRUE(ns.ok);
    TlsDaemon daemon(dir);
    ASSERT_TRUE(daemon.ready(log));

    // The host as a user would list it: https:// and a tls: entry, relative to the hosts file.
    std::ofstream(dir + "/hosts.yaml") << "hosts:\n  - name: remote\n    endpoint: https://" << kAddress << ":" << kPort
                                       << "\n    capacity: {cpu: 1, memory_mib: 512}\n"
                                       << "    tls: {ca: ca.pem, cert: cert.pem, key: key.pem}\n";
    const auto remote = load_hosts_file(dir + "/hosts.yaml");
    ASSERT_EQ(remote.size(), 1u);
    DockerClient c(remote[0].endpoint);
    EXPECT_FALSE(c.ping().empty());
    ContainerConfig cfg;
    cfg.name = "t-tls-web.1";
    cfg.image = "drydock/busybox:latest";
    cfg.cmd = {"sleep", "600"};
    cfg.labels = {{"drydock.cluster", "t-tls"}};
    cfg.memory_bytes = 16 << 20;
    const std::string id = c.create_container(cfg);
    c.start_container(id);
    const auto listed = c.list_containers({"drydock.cluster=t-tls"}, false);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].state, "running");
    EXPECT_TRUE(c.remove_container(id, true));

    // tcp:// with certificates is TLS too, as `docker --tlsverify -H tcp://...` reads it.
    DockerEndpoint tcp = remote[0].endpoint;
    tcp.url = std::string("tcp://") + kAddress + ":" + kPort;
    DockerClient via_tcp(tcp);
    EXPECT_FALSE(via_tcp.ping().empty());

    // No client certificate: the daemon refuses the connection, and the error says it is TLS.
    const ClientOptions fast{1000ms, 3000ms, 0, 10ms};
    DockerEndpoint anonymous = remote[0].endpoint;
    anonymous.tls_cert.clear();
    anonymous.tls_key.clear();
    try {
      DockerClient(anonymous, fast).ping();
      FAIL() << "a client without a certificate was let in";
    } catch (const DockerError& e) {
      EXPECT_EQ(e.kind(), DockerErrc::kUnreachable) << e.what();
      EXPECT_NE(std::string(e.what()).find("TLS session refused by the daemon"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("sent none"), std::string::npos) << e.what();
    }
    // A client that trusts another CA refuses the daemon's certificate.
    DockerEndpoint distrusting = remote[0].endpoint;
    distrusting.tls_ca = dir + "/other-ca.pem";
    try {
      DockerClient(distrusting, fast).ping();
      FAIL() << "a daemon certificate from an untrusted CA was accepted";
    } catch (const DockerError& e) {
      EXPECT_NE(std::string(e.what()).find("TLS handshake failed"), std::string::npos) << e.what();
    }
  }
  if (!HasFailure()) fs::remove_all(dir);
}

}  // namespace
}  // namespace drydock::live
