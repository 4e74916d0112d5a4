// `drydock soak --seeds A..B [--jobs J] [--rerun-every K] --out DIR`: simulation testing, FoundationDB
// style. Each seed is a random scenario (workloads/random_scenario.h) run as a child `drydock run`; it
// must exit cleanly with every invariant holding (the simulator's, and the event-log rules of
// analysis/event_log_invariants.h on its events.csv), and every K-th one, run twice, must give byte-identical
// events.csv and summary.json. A failing scenario is shrunk to a minimal one that fails the same way and
// written to DIR/failures/seed-N.yaml (with the original and the log). DIR/soak.json has the counts.
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "cli/commands.h"
#include "cli/soak_runner.h"

namespace drydock::cli {
namespace {
namespace fs = std::filesystem;

struct SoakArgs {
  std::string seeds;
  int jobs = 1;
  int rerun_every = 10;
  std::string out;
  bool no_shrink = false;
};

std::pair<std::uint64_t, std::uint64_t> parse_seeds(const std::string& text) {
  const auto dots = text.find("..");
  try {
    if (dots == std::string::npos) return {1, std::stoull(text)};  // N: seeds 1..N
    return {std::stoull(text.substr(0, dots)), std::stoull(text.substr(dots + 2))};
  } catch (const std::exception&) {
    throw std::runtime_error("--seeds: expected A..B or N, got '" + text + "'");
  }
}

struct Failure {
  std::uint64_t seed;
  RunVerdict verdict;
};

int soak(const SoakArgs& args) {
  const auto [first, last] = parse_seeds(args.seeds);
  if (last < first) throw std::runtime_error("--seeds: the range " + args.seeds + " is empty");
  if (last - first >= 10'000'000) throw std::runtime_error("--seeds: at most 10,000,000 seeds per soak");
  if (args.jobs < 1 || args.jobs > 256) throw std::runtime_error("--jobs: expected 1..256, got " + std::to_string(args.jobs));
  if (args.rerun_every < 0) throw std::runtime_error("--rerun-every: must not be negative");
  const std::string work = args.out + "/work";
  fs::create_directories(work);
  const auto t0 = std::chrono::steady_clock::now();

  // One slot per seed in flight; a seed sampled for determinism runs its second pass after the first.
  std::map<pid_t, std::pair<std::uint64_t, int>> running;  // pid -> (seed, pass)
  std::map<std::uint64_t, RunVerdict> first_pass;
  std::vector<Failure> failures;
  std::map<std::string, int> counts;
  std::uint64_t next = first, done = 0, reruns = 0;
  const std::uint64_t total = last - first + 1;
  auto dir_of = [&](std::uint64_t seed, int pass) { return work + "/" + std::to_string(seed) + (pass ? "b" : "a"); };
  auto sampled = [&](std::uint64_t seed) { return args.rerun_every > 0 && seed % static_cast<std::uint64_t>(args.rerun_every) == 0; };
  auto launch = [&](std::uint64_t seed, int pass) {
    running[start_run(to_yaml(random_scenario(seed)), dir_of(seed, pass)).pid] = {seed, pass};
  };
  auto last_progress = t0;
  while (done < total) {
    while (next <= last && static_cast<int>(running.size()) < args.jobs) launch(next++, 0);
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) throw std::runtime_error("soak: waitpid failed");
    auto it = running.find(pid);
    if (it == running.end()) continue;
    const auto [seed, pass] = it->second;
    running.erase(it);
    RunVerdict v = finish_run({pid, dir_of(seed, pass)}, status);
    if (pass == 0 && v.outcome == Outcome::kClean && sampled(seed)) {
      first_pass[seed] = v;
      launch(seed, 1);  // the same scenario again: must give the same bytes
      ++reruns;
      continue;
    }
    if (pass == 1 && v.outcome == Outcome::kClean && !same_results(dir_of(seed, 0) + "/out", dir_of(seed, 1) + "/out"))
      v.outcome = Outcome::kNondeterministic;
    ++done;
    ++counts[to_string(v.outcome)];
    if (v.outcome != Outcome::kClean) failures.push_back({seed, v});
    else fs::remove_all(dir_of(seed, 0)), fs::remove_all(dir_of(seed, 1));
    if (std::chrono::steady_clock::now() - last_progress > std::chrono::seconds(2) || done == total) {
      last_progress = std::chrono::steady_clock::now();
      std::fprintf(stderr, "\r[soak] %llu/%llu seeds, %zu failing", static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total), failures.size());
    }
  }
  std::fprintf(stderr, "\n");

  // Each failure shrinks to a minimal scenario failing the same way.
  fs::create_directories(args.out + "/failures");
  nlohmann::json found = nlohmann::json::array();
  int shrink_runs = 0;
  for (const Failure& f : failures) {
    const RandomScenario original = random_scenario(f.seed);
    const RandomScenario minimal = args.no_shrink ? original : shrink(original, f.verdict, work + "/shrink", shrink_runs);
    const std::string base = args.out + "/failures/seed-" + std::to_string(f.seed);
    std::ofstream(base + ".yaml") << to_yaml(minimal);
    std::ofstream(base + ".original.yaml") << to_yaml(original);
    std::ofstream(base + ".log") << f.verdict.log;
    found.push_back({{"seed", f.seed}, {"outcome", to_string(f.verdict.outcome)}, {"rule", f.verdict.rule},
                     {"size", scenario_size(original)}, {"minimal_size", scenario_size(minimal)}, {"minimal", base + ".yaml"}});
    std::fprintf(stderr, "\r[soak] seed %llu: %s%s%s, shrunk from size %d to %d: %s.yaml\n",
                 static_cast<unsigned long long>(f.seed), to_string(f.verdict.outcome), f.verdict.rule.empty() ? "" : " ",
                 f.verdict.rule.c_str(), scenario_size(original), scenario_size(minimal), base.c_str());
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const nlohmann::json summary = {{"seeds", {first, last}},
                                  {"scenarios", total},
                                  {"reruns_for_determinism", reruns},
                                  {"clean", counts["clean"]},
                                  {"crashes", counts["crash"]},
                                  {"invariant_violations", counts["invariant violated"]},
                                  {"nondeterministic", counts["nondeterministic"]},
                                  {"invalid_scenarios", counts["invalid scenario"]},
                                  {"shrink_runs", shrink_runs},
                                  {"jobs", args.jobs},
                                  {"wall_seconds", seconds},
                                  {"failures", found}};
  std::ofstream(args.out + "/soak.json") << summary.dump(2) << "\n";
  fs::remove_all(work);
  std::printf("soak: %llu scenarios (%llu rerun for determinism) in %.0f s: %d crashes, %d invariant violations, "
              "%d nondeterministic, %d invalid; summary in %s/soak.json\n",
              static_cast<unsigned long long>(total), static_cast<unsigned long long>(reruns), seconds, counts["crash"],
              counts["invariant violated"], counts["nondeterministic"], counts["invalid scenario"], args.out.c_str());
  return failures.empty() ? 0 : 4;
}

}  // namespace

void add_soak_command(CLI::App& app) {
  auto args = std::make_shared<SoakArgs>();
  auto* cmd = app.add_subcommand("soak", "Run random scenarios under random faults; check exits, invariants, determinism");
  cmd->add_option("--seeds", args->seeds, "Seeds A..B (or N for 1..N): one random scenario each")->required();
  cmd->add_option("--jobs", args->jobs, "Runs at once (child processes)");
  cmd->add_option("--rerun-every", args->rerun_every, "Run every K-th seed twice and compare the results (0: never)");
  cmd->add_option("--out", args->out, "Directory for soak.json and failures/ (minimal failing scenarios)")->required();
  cmd->add_flag("--no-shrink", args->no_shrink, "Report failing scenarios as generated, without shrinking them");
  cmd->callback([args] {
    const int status = soak(*args);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace drydock::cli
