// `drydock check-invariants RESULTS_DIR`: the event-log invariants (analysis/event_log_invariants.h)
// over a run's events.csv, simulated or live. Exit status 0 when they hold, 4 when one is broken.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "analysis/event_log_invariants.h"
#include "analysis/results.h"
#include "cli/commands.h"

namespace drydock::cli {

void add_check_invariants_command(CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("check-invariants", "Check a run's events.csv (sim or live) against the event-log invariants");
  cmd->add_option("results", *dir, "Results directory (with events.csv)")->required();
  cmd->callback([dir] {
    const std::string path = *dir + "/events.csv";
    if (!std::filesystem::exists(path)) throw std::runtime_error(path + ": no such file");
    const std::vector<Event> events = read_events_csv(path);
    const std::vector<std::string> broken = check_event_log(events);
    for (const std::string& line : broken) std::printf("%s: %s\n", path.c_str(), line.c_str());
    std::printf("%s: %zu events, %zu invariant violations\n", path.c_str(), events.size(), broken.size());
    if (!broken.empty()) throw CLI::RuntimeError(4);
  });
}

}  // namespace drydock::cli
