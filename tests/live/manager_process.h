// The manager and the live CLI as separate processes, for the end-to-end tests: run a command, start
// a manager (killed with SIGKILL when the object goes), wait for its API.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "live/manager_client.h"

namespace drydock::live {

#ifdef DRYDOCK_LIVE_CLI
inline const std::string kCli = DRYDOCK_LIVE_CLI;
#else
inline const std::string kCli;
#endif

struct Output {
  int status;
  std::string text;
};

inline Output run_cli(const std::string& args) {
  Output out{-1, {}};
  FILE* p = popen((kCli + " " + args + " 2>&1").c_str(), "r");
  char buf[4096];
  while (p && fgets(buf, sizeof buf, p)) out.text += buf;
  if (p) out.status = WEXITSTATUS(pclose(p));
  return out;
}

class ManagerProcess {
 public:
  ManagerProcess(const std::vector<std::string>& args, const std::string& log) {
    pid_ = fork();
    if (pid_ == 0) {
      FILE* f = std::fopen(log.c_str(), "a");
      dup2(fileno(f), 1);
      dup2(fileno(f), 2);
      std::vector<char*> argv = {const_cast<char*>(kCli.c_str()), const_cast<char*>("manager")};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(kCli.c_str(), argv.data());
      _exit(127);
    }
  }
  ~ManagerProcess() { kill(SIGKILL); }
  int kill(int sig) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, sig);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
};

inline bool wait_for_api(const ManagerClient& c, double timeout) {
  const auto t0 = std::chrono::steady_clock::now();
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < timeout) {
    try {
      if (c.call("GET", "/v1/hosts").status == 200) return true;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

inline int running_of(const ManagerClient& c, const std::string& name) {
  for (const nlohmann::json& s : nlohmann::json::parse(c.call("GET", "/v1/services").body))
    if (s["name"] == name) return s["running"].get<int>();
  return -1;
}

// The index of the manager that says it leads (GET /v1/leader), -1 when none does; absent ones are skipped.
inline int leading_manager(const std::vector<std::unique_ptr<ManagerProcess>>& managers,
                           const std::vector<ManagerClient>& apis) {
  for (std::size_t i = 0; i < managers.size(); ++i) {
    if (!managers[i]) continue;
    try {
      if (nlohmann::json::parse(apis[i].call("GET", "/v1/leader").body).value("leading", false)) return static_cast<int>(i);
    } catch (const std::exception&) {
    }
  }
  return -1;
}

}  // namespace drydock::live
