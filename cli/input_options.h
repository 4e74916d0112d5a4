// The input options `run`, `compare` and `explain` share: a scenario or Kubernetes objects, `--with`
// more Kubernetes objects beside a scenario, `--lenient` (workloads/run_input.h).
#pragma once

#include <CLI/CLI.hpp>

#include "workloads/run_input.h"

namespace drydock::cli {

inline void add_input_options(CLI::App* cmd, RunInput& input) {
  cmd->add_option("--with", input.with, "Kubernetes objects (file or folder, as kubectl get -o yaml prints them) added to the scenario");
  cmd->add_flag("--lenient", input.lenient, "Kubernetes fields drydock cannot model are warnings, not errors");
}

inline void add_scheduler_config_option(CLI::App* cmd, RunInput& input, CLI::Option* policy) {
  cmd->add_option("--scheduler-config", input.scheduler_config,
                  "A KubeSchedulerConfiguration: run the drydock policy it maps to (see `drydock policies --from`)")
      ->excludes(policy);
}

}  // namespace drydock::cli
