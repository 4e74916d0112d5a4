// The machinery of `drydock soak` (cli/cmd_soak.cc): run one scenario as a child `drydock run`
// (SimGrid allows one engine per process, and a crash must not take the soak down), classify how it
// ended, and shrink a failing scenario to a minimal one that fails the same way.
#pragma once

#include <string>
#include <sys/types.h>

#include "workloads/random_scenario.h"

namespace drydock::cli {

// How a run ended. A crash is a signal, an abort or a SimGrid CRITICAL message; an invariant violation
// is `drydock run`'s own error; invalid is any other refusal (a generator bug: its scenario must load).
enum class Outcome { kClean, kCrash, kInvariant, kInvalid, kNondeterministic };
const char* to_string(Outcome o);

struct RunVerdict {
  Outcome outcome = Outcome::kClean;
  std::string rule;  // the invariant's rule ("rollout", "accounted", ...) for kInvariant
  std::string log;   // what the run printed (the tail)
  bool same_failure(const RunVerdict& o) const { return outcome == o.outcome && rule == o.rule; }
};

// A started child run of `yaml` (written to DIR/scenario.yaml) into DIR/out; finish() waits for it.
struct ChildRun {
  pid_t pid = -1;
  std::string dir;
};
ChildRun start_run(const std::string& yaml, const std::string& dir);
RunVerdict finish_run(const ChildRun& run, int wait_status);
RunVerdict run_and_wait(const std::string& yaml, const std::string& dir);

// events.csv and summary.json (its code version aside) of two runs: byte for byte the same?
bool same_results(const std::string& out_a, const std::string& out_b);
// Runs `yaml` twice; kNondeterministic if the results differ, else the first run's verdict.
RunVerdict run_twice(const std::string& yaml, const std::string& dir);

// Shrinks `failing` (which ended as `verdict`) to a scenario no step of shrink_steps() reduces while
// failing the same way. `dir` is scratch space; `runs` counts the child runs spent.
RandomScenario shrink(const RandomScenario& failing, const RunVerdict& verdict, const std::string& dir, int& runs);

}  // namespace drydock::cli
