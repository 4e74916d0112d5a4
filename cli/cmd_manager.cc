// drydock manager --hosts hosts.yaml --policy spread --state drydock.db [--listen ADDR --port N --token T
// --tls-cert C --tls-key K]
// [--strict-hosts]
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cli/live_cli.h"
#include "live/manager.h"

namespace drydock::cli::live {

void add_manager_command(CLI::App& app) {
  auto opts = std::make_shared<drydock::live::ManagerOptions>();
  auto* cmd = app.add_subcommand("manager", "run the live manager: drive real Docker hosts with a drydock policy");
  cmd->add_option("--hosts", opts->hosts_file, "hosts.yaml (live/testbed/up writes one)")->required();
  cmd->add_flag("--strict-hosts", opts->strict_hosts,
                "refuse to start on any bad hosts.yaml entry (default: report it, skip it, serve the others)");
  cmd->add_option("--policy", opts->policy, "placement policy (drydock policies)")->capture_default_str();
  cmd->add_option("--state", opts->state, "SQLite file for the desired state")->capture_default_str();
  cmd->add_option("--store", opts->store,
                  "etcd://HOST:PORT[,...]: desired state in etcd, several managers, one leads (default: SQLite --state)");
  cmd->add_option("--lease-ttl", opts->lease_ttl, "etcd: seconds of the leader's lease (failover within 2x)")
      ->capture_default_str();
  cmd->add_option("--advertise", opts->advertise, "etcd: this manager's API URL for the others (default from --listen)");
  cmd->add_option("--listen", opts->listen, "API address; non-loopback needs --token, --tls-cert, --tls-key")->capture_default_str();
  cmd->add_option("--port", opts->port, "API port")->capture_default_str();
  cmd->add_option("--token", opts->token, "API token (env DRYDOCK_TOKEN)");
  cmd->add_option("--tls-cert", opts->tls_cert, "PEM certificate: serve the API over HTTPS")->check(CLI::ExistingFile);
  cmd->add_option("--tls-key", opts->tls_key, "PEM private key of --tls-cert")->check(CLI::ExistingFile);
  cmd->add_option("--cluster", opts->cluster, "drydock.cluster label of the containers")->capture_default_str();
  cmd->add_option("--probe-period", opts->probe_period, "seconds between host probes (heartbeats)")->capture_default_str();
  cmd->add_option("--suspect-after", opts->detector.fixed.suspect_after, "seconds without heartbeat before a host is suspected")
      ->capture_default_str();
  cmd->add_option("--down-after", opts->detector.fixed.down_after, "seconds without heartbeat before a host is declared down")
      ->capture_default_str();
  cmd->add_option("--detector", opts->detector_kind, "failure detector: fixed-timeout, phi-accrual or phi-exponential")
      ->capture_default_str();
  cmd->add_option("--phi-threshold", opts->phi_threshold, "phi detectors: declared down at this phi (suspected at half)")
      ->capture_default_str();
  cmd->add_option("--stop-grace", opts->stop_grace, "seconds between SIGTERM and SIGKILL on stop")->capture_default_str();
  cmd->add_option("--results", opts->results_dir, "write events.csv, timeseries.csv, summary.json here on exit");
  cmd->callback([opts] {
    if (opts->token.empty())
      if (const char* t = std::getenv("DRYDOCK_TOKEN")) opts->token = t;
    // Block the stop signals before any thread starts, so that only sigwait below receives them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    drydock::live::Manager manager(*opts);
    manager.start();
    std::fprintf(stderr, "manager: %s, policy %s, %s (%zu hosts, %zu entries skipped) listening on %s:%d\n",
                 opts->store.empty() ? ("generation " + std::to_string(manager.generation())).c_str()
                                     : ("on " + opts->store + ", campaigning").c_str(),
                 opts->policy.c_str(), opts->hosts_file.c_str(), manager.host_count(), manager.rejected_hosts().size(),
                 opts->listen.c_str(), manager.port());
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::fprintf(stderr, "manager: signal %d, stopping (containers keep running)\n", sig);
    manager.stop();
  });
}

}  // namespace drydock::cli::live
