#include "cli/live_commands.h"

#include <cstdlib>

#include "cli/live_cli.h"

namespace drydock::cli::live {

void Connection::add_options(CLI::App* cmd) {
  const char* env_manager = std::getenv("DRYDOCK_MANAGER");
  const char* env_token = std::getenv("DRYDOCK_TOKEN");
  manager = env_manager ? env_manager : "http://127.0.0.1:7070";
  token = env_token ? env_token : "";
  cmd->add_option("--manager", manager, "manager API address (env DRYDOCK_MANAGER)")->capture_default_str();
  cmd->add_option("--token", token, "API token (env DRYDOCK_TOKEN)");
  if (const char* env_ca = std::getenv("DRYDOCK_CA_CERT")) ca_cert = env_ca;
  cmd->add_option("--ca-cert", ca_cert, "PEM certificate to trust for an https manager (env DRYDOCK_CA_CERT)");
}

drydock::live::ManagerClient Connection::client() const { return drydock::live::ManagerClient(manager, token, 30000, ca_cert); }

nlohmann::json call(const Connection& c, const std::string& method, const std::string& path, const std::string& body) {
  const auto r = c.client().call(method, path, body);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(r.body);
  } catch (const nlohmann::json::exception&) {
    j = {{"message", r.body}};
  }
  if (r.status >= 400) {
    std::fprintf(stderr, "drydock: %s\n", j.value("message", "HTTP " + std::to_string(r.status)).c_str());
    throw CLI::RuntimeError(1);
  }
  return j;
}

}  // namespace drydock::cli::live

void add_live_commands(CLI::App& app) {
  drydock::cli::live::add_manager_command(app);
  drydock::cli::live::add_service_commands(app);
  drydock::cli::live::add_host_commands(app);
  drydock::cli::live::add_live_command(app);
  drydock::cli::live::add_stack_commands(app);
}
