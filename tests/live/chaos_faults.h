// The faults of the chaos test (tests/live/test_chaos.cc), done for real on the local testbed: each is
// injected by the testbed's own means and healed by its inverse.
//   kill-daemon    live/testbed/crash N kill   (daemon, containerd, containers: gone)   heal: testbed/up
//   restart-daemon SIGTERM to dockerd (it stops its containers), then testbed/up      (heals itself)
//   freeze-daemon  SIGSTOP to dockerd (containers keep running, the API hangs)        heal: SIGCONT
//   cut-host       its network namespace's link down (the manager reaches it over TCP) heal: link up
// The managers reach each daemon over TCP through a socat relay inside the host's namespace, so that
// cutting the link cuts the manager off; the checker reads the daemons over their unix sockets.
#pragma once

#include <signal.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "tests/live/testbed.h"

namespace drydock::live::testing {

inline std::string testbed_root() {
  const char* r = std::getenv("DRYDOCK_TESTBED");
  return r && *r ? r : "/var/lib/drydock-testbed";
}

inline int read_pid(const std::string& file) {
  std::ifstream in(file);
  int pid = 0;
  in >> pid;
  return pid;
}

// One testbed host by its name "hN".
struct ChaosHost {
  std::string name, address, sock;
  int index = 0;
  int relay_pid = 0;
  std::string ns() const { return "dd-" + name; }
  std::string dockerd_pid_file() const { return testbed_root() + "/" + name + "/docker.pid"; }

  void start_relay() {
    const std::string pid_file = "/tmp/drydock-chaos-relay-" + name + ".pid";
    run("nsenter --net=/var/run/netns/" + ns() + " socat TCP-LISTEN:2375,bind=" + address +
        ",fork,reuseaddr UNIX-CONNECT:" + sock + " >/dev/null 2>&1 & echo $! > " + pid_file);
    relay_pid = read_pid(pid_file);
  }
  void stop_relay() {
    if (relay_pid > 0) ::kill(relay_pid, SIGKILL);
    relay_pid = 0;
  }
  void signal_daemon(int sig) const {
    const int pid = read_pid(dockerd_pid_file());
    if (pid > 0) ::kill(pid, sig);
  }
  void link(bool up) const { run("ip link set " + ns() + "-br " + (up ? "up" : "down")); }
  void crash() const { run(source_dir() + "/live/testbed/crash " + std::to_string(index) + " kill 2>/dev/null"); }
};

inline std::vector<ChaosHost> chaos_hosts(const std::vector<LiveHost>& hosts) {
  std::vector<ChaosHost> out;
  for (const auto& h : hosts) {
    ChaosHost c;
    c.name = h.spec.name;
    c.address = h.address;
    c.sock = h.endpoint.url.substr(std::string("unix://").size());
    c.index = std::stoi(c.name.substr(1));
    out.push_back(c);
  }
  return out;
}

// The managers' hosts.yaml: every host through its relay.
inline void write_tcp_hosts_file(const std::string& path, const std::vector<LiveHost>& hosts) {
  std::ofstream out(path);
  out << "hosts:\n";
  for (const auto& h : hosts)
    out << "  - name: " << h.spec.name << "\n    endpoint: tcp://" << h.address << ":2375\n    capacity: {cpu: "
        << h.spec.capacity.cpu << ", memory_mib: " << h.spec.capacity.memory_mib << "}\n";
}

}  // namespace drydock::live::testing
