// What `drydock run`, `compare` and `explain` accept as their input: a scenario file, or Kubernetes
// objects as `kubectl get -o yaml` prints them (a file or a folder; workloads/kubernetes/), or a
// scenario with Kubernetes objects beside it (`--with`). Whatever the input, it becomes scenario YAML
// text first, so that one parser checks it and `compare` can write it out for every run of a sweep.
#pragma once

#include <ostream>
#include <string>

#include "workloads/scenario.h"

namespace drydock {

struct RunInput {
  std::string path;      // a scenario file, or Kubernetes objects
  std::string with;      // Kubernetes objects added to it; empty = none
  bool lenient = false;  // fields drydock cannot model are warnings instead of errors
  std::string scheduler_config;  // a KubeSchedulerConfiguration that sets the policy; empty = the scenario's
};

// The input as scenario YAML text. Fields that cannot be modelled throw ScenarioError listing every
// one (object and field path), or with `lenient` are written to `warnings` one per line.
std::string scenario_text_of(const RunInput& input, std::ostream& warnings);

// scenario_text_of, parsed (errors name the input and, for converted objects, the generated text),
// with the policy the scheduler configuration maps to (workloads/kubernetes/scheduler_config.h).
Scenario load_run_input(const RunInput& input, std::ostream& warnings);

}  // namespace drydock
