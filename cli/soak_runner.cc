#include "cli/soak_runner.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/event_log_invariants.h"
#include "analysis/results.h"

namespace drydock::cli {
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// summary.json without its code version line: the one field allowed to differ between builds.
std::string summary_without_version(const fs::path& p) {
  std::istringstream in(slurp(p));
  std::string line, out;
  while (std::getline(in, line))
    if (line.find("\"version\"") == std::string::npos && line.find("\"code_version\"") == std::string::npos) out += line + "\n";
  return out;
}

}  // namespace

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::kClean: return "clean";
    case Outcome::kCrash: return "crash";
    case Outcome::kInvariant: return "invariant violated";
    case Outcome::kInvalid: return "invalid scenario";
    case Outcome::kNondeterministic: return "nondeterministic";
  }
  return "?";
}

ChildRun start_run(const std::string& yaml, const std::string& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string file = dir + "/scenario.yaml";
  std::ofstream(file) << yaml;
  ChildRun run{-1, dir};
  run.pid = fork();
  if (run.pid == 0) {
    const std::string log = dir + "/run.log";
    if (!std::freopen(log.c_str(), "w", stdout) || !std::freopen(log.c_str(), "a", stderr)) _exit(126);
    const std::string out = dir + "/out";
    execl("/proc/self/exe", "drydock", "run", file.c_str(), "--quiet", "--out", out.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return run;
}

RunVerdict finish_run(const ChildRun& run, int status) {
  RunVerdict v;
  v.log = slurp(run.dir + "/run.log");
  if (v.log.size() > 4000) v.log = "..." + v.log.substr(v.log.size() - 4000);
  const bool exited = WIFEXITED(status);
  const int code = exited ? WEXITSTATUS(status) : -1;
  const auto violated = v.log.find("invariant violated at t=");
  if (!exited || (code != 0 && code != 1) || v.log.find("CRITICAL") != std::string::npos) {
    v.outcome = Outcome::kCrash;
  } else if (violated != std::string::npos) {
    v.outcome = Outcome::kInvariant;
    // "... invariant violated at t=12.000000 s: rollout: service ..." -> "rollout"
    const auto rule = v.log.find(": ", violated);
    if (rule != std::string::npos) v.rule = v.log.substr(rule + 2, v.log.find(':', rule + 2) - rule - 2);
  } else if (code != 0) {
    v.outcome = Outcome::kInvalid;
  } else if (const auto broken = check_event_log(read_events_csv(run.dir + "/out/events.csv")); !broken.empty()) {
    // The event-log rules, which a live run is checked by too, must hold on every simulated run.
    v.outcome = Outcome::kInvariant;
    const auto colon = broken[0].find(": ");
    v.rule = "events " + broken[0].substr(colon + 2, broken[0].find(':', colon + 2) - colon - 2);
    v.log += "\nevent log: " + broken[0] + "\n";
  }
  return v;
}

RunVerdict run_and_wait(const std::string& yaml, const std::string& dir) {
  const ChildRun run = start_run(yaml, dir);
  int status = 0;
  waitpid(run.pid, &status, 0);
  return finish_run(run, status);
}

bool same_results(const std::string& a, const std::string& b) {
  return slurp(a + "/events.csv") == slurp(b + "/events.csv") &&
         summary_without_version(a + "/summary.json") == summary_without_version(b + "/summary.json");
}

RunVerdict run_twice(const std::string& yaml, const std::string& dir) {
  RunVerdict first = run_and_wait(yaml, dir + "/a");
  if (first.outcome != Outcome::kClean) return first;
  const RunVerdict second = run_and_wait(yaml, dir + "/b");
  if (second.outcome != Outcome::kClean) return second;
  if (!same_results(dir + "/a/out", dir + "/b/out")) first.outcome = Outcome::kNondeterministic;
  return first;
}

RandomScenario shrink(const RandomScenario& failing, const RunVerdict& verdict, const std::string& dir, int& runs) {
  RandomScenario best = failing;
  const bool twice = verdict.outcome == Outcome::kNondeterministic;
  for (bool smaller = true; smaller;) {
    smaller = false;
    for (const RandomScenario& step : shrink_steps(best)) {
      ++runs;
      const std::string yaml = to_yaml(step);
      const RunVerdict v = twice ? run_twice(yaml, dir) : run_and_wait(yaml, dir);
      if (!v.same_failure(verdict)) continue;
      best = step;
      smaller = true;
      std::fprintf(stderr, "\r[soak] shrinking seed %llu: size %d      ", static_cast<unsigned long long>(best.seed),
                   scenario_size(best));
      break;
    }
  }
  fs::remove_all(dir);
  return best;
}

}  // namespace drydock::cli
