// drydock live SCENARIO --hosts hosts.yaml: a scenario's services, changes, faults and cluster autoscaler
// run on real Docker hosts with the same control plane and driver as the simulator, writing the same
// results directory, so that `drydock report --sim --live` puts the two side by side.
//
// The cluster is hosts.yaml's, not the scenario's: a scenario host stands for the hosts.yaml host of the
// same name, or else of the same position. Changes go through the driver's timeline; faults follow the
// scenario's fault plan (workloads/fault_plan.h, the one the simulator injects) and are real:
// host_crash runs the fault command with mode "kill", host_hang "hang" then "resume", host_recover the
// recover command. The cluster autoscaler's pool hosts that are off at the start must be the ones
// hosts.yaml marks `standby: true`; they are powered off before the run and back on after it.
//
// A section live cannot honour is refused before anything runs, with the section named: today load:
// and autoscale: (no live request traffic yet), fault kinds with no live injection, trace run times.
#pragma once

#include <string>
#include <vector>

#include "live/hosts_file.h"
#include "workloads/scenario.h"

namespace drydock::live {

struct LiveRunOptions {
  std::string scenario, hosts, out, image = "drydock/busybox:latest", cluster = "drydock-live";
  // Command templates: {index} (1-based position in hosts.yaml), {host}, {mode}, {count}, {hosts}.
  std::string fault_command = "live/testbed/crash {index} {mode}";
  std::string recover_command = "live/testbed/up {count} {hosts}";
  std::string power_on_command = "live/testbed/up {count} - {index}";
  std::string power_off_command = "live/testbed/down {index}";
  double duration = 0, request_scale = 1, probe_period = 0;
  bool keep_images = false, keep_running = false;
};

// Why each section of `scenario` a live run on `hosts` cannot honour is refused; empty when none is.
std::vector<std::string> live_refusals(const Scenario& scenario, const std::vector<LiveHost>& hosts);

// Runs it; throws std::invalid_argument (naming the file and section) for a scenario it must refuse.
int run_live_scenario(const LiveRunOptions& options);

}  // namespace drydock::live
