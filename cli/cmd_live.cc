// drydock live SCENARIO --hosts hosts.yaml: argument parsing only; the run is live/scenario_runner.h's.
#include <memory>

#include "cli/live_cli.h"
#include "live/scenario_runner.h"

namespace drydock::cli::live {

void add_live_command(CLI::App& app) {
  auto a = std::make_shared<drydock::live::LiveRunOptions>();
  auto* cmd = app.add_subcommand("live", "run a scenario on real Docker hosts (hosts.yaml) instead of the simulator");
  cmd->add_option("scenario", a->scenario, "scenario YAML")->required()->check(CLI::ExistingFile);
  cmd->add_option("--hosts", a->hosts, "hosts.yaml (live/testbed/up writes one)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", a->out, "results directory (default results/live-NAME)");
  cmd->add_option("--duration", a->duration, "override the scenario's duration (seconds)");
  cmd->add_option("--image", a->image, "image every service runs (the scenario's are not pullable here)")
      ->capture_default_str();
  cmd->add_flag("--keep-images", a->keep_images, "use the scenario's images as they are");
  cmd->add_option("--request-scale", a->request_scale, "multiply every request (fit a big scenario on small hosts)")
      ->capture_default_str();
  cmd->add_option("--probe-period", a->probe_period, "seconds between probes (default: the scenario's heartbeat)");
  cmd->add_option("--cluster", a->cluster, "drydock.cluster label of the containers")->capture_default_str();
  cmd->add_option("--fault-command", a->fault_command, "crash/hang a host; {index} {host} {mode}")->capture_default_str();
  cmd->add_option("--recover-command", a->recover_command, "bring crashed hosts back; {count} {hosts}")
      ->capture_default_str();
  cmd->add_option("--power-on-command", a->power_on_command,
                  "power a standby host on for the cluster autoscaler; {index} {host} {count} {hosts}")
      ->capture_default_str();
  cmd->add_option("--power-off-command", a->power_off_command, "power a standby host off; {index} {host}")
      ->capture_default_str();
  cmd->add_flag("--keep-running", a->keep_running, "leave the services running at the end");
  cmd->callback([a] {
    const int status = drydock::live::run_live_scenario(*a);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace drydock::cli::live
