// Running the drydock binary from an end-to-end test (SimGrid allows one engine per process, so every
// simulation runs in a process of its own) and reading what it wrote. DRYDOCK_BIN is set by CMake.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace drydock::testing {

// Runs `drydock ARGS`, stdout and stderr together into `output` when given; returns the exit status.
inline int run_drydock(const std::string& args, std::string* output = nullptr) {
  const std::string cmd = std::string(DRYDOCK_BIN) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  std::string out;
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  if (output) *output = out;
  const int raw = p ? pclose(p) : -1;
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace drydock::testing
