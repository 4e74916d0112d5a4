// drydock host ls: the hosts as the live manager sees them, with the last error of an unreachable one.
#include <cstdio>
#include <memory>

#include "cli/live_cli.h"

namespace drydock::cli::live {

void add_host_commands(CLI::App& app) {
  auto* host = app.add_subcommand("host", "inspect the live manager's hosts");
  host->require_subcommand(1);
  auto conn = std::make_shared<Connection>();
  auto* ls = host->add_subcommand("ls", "list hosts");
  conn->add_options(ls);
  ls->callback([conn] {
    std::printf("%-12s %-10s %-9s %-8s %-12s %-6s %s\n", "NAME", "HEALTH", "REACHABLE", "REPLICAS", "CPU", "API", "ERROR");
    for (const auto& j : call(*conn, "GET", "/v1/hosts")) {
      char cpu[32];
      std::snprintf(cpu, sizeof cpu, "%.2f/%.0f", j["cpu_allocated"].get<double>(), j["cpu_capacity"].get<double>());
      std::printf("%-12s %-10s %-9s %-8d %-12s %-6s %s\n", j["name"].get<std::string>().c_str(),
                  j["health"].get<std::string>().c_str(), j["reachable"].get<bool>() ? "yes" : "no",
                  j["replicas"].get<int>(), cpu, j["api_version"].get<std::string>().c_str(),
                  j["last_error"].get<std::string>().c_str());
    }
  });
}

}  // namespace drydock::cli::live
