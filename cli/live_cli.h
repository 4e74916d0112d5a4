// Shared pieces of the live subcommands (cli/cmd_manager.cc, cmd_service.cc, cmd_host.cc, cmd_live.cc).
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "live/manager_client.h"

namespace drydock::cli::live {

void add_manager_command(CLI::App& app);
void add_service_commands(CLI::App& app);
void add_host_commands(CLI::App& app);
void add_live_command(CLI::App& app);
void add_stack_commands(CLI::App& app);  // cli/live_stack.cc

// Where the manager is and how to authenticate: --manager / DRYDOCK_MANAGER, --token / DRYDOCK_TOKEN.
struct Connection {
  std::string manager;
  std::string token;
  std::string ca_cert;  // --ca-cert / DRYDOCK_CA_CERT: trust this certificate for an https manager
  void add_options(CLI::App* cmd);
  drydock::live::ManagerClient client() const;
};

// Calls the manager; on an HTTP error prints its message and exits with status 1.
nlohmann::json call(const Connection& c, const std::string& method, const std::string& path, const std::string& body = {});

}  // namespace drydock::cli::live
