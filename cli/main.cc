// drydock: test container-orchestration algorithms in simulation, then run them live.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <exception>

#include "analysis/code_version.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/usage_errors.h"
#if __has_include("cli/trace_commands.h")
#include "cli/trace_commands.h"
#define DRYDOCK_HAS_TRACE_COMMANDS 1
#endif
#if __has_include("cli/live_commands.h")
#include "cli/live_commands.h"
#define DRYDOCK_HAS_LIVE_COMMANDS 1
#endif
#if __has_include("cli/compare_commands.h")
#include "cli/compare_commands.h"
#define DRYDOCK_HAS_COMPARE_COMMANDS 1
#endif
#if __has_include("cli/explain_command.h")
#include "cli/explain_command.h"
#define DRYDOCK_HAS_EXPLAIN_COMMAND 1
#endif

int main(int argc, char** argv) {
  CLI::App app{"drydock: a dry dock for container-orchestration algorithms"};
  app.require_subcommand(1);
  app.set_version_flag("--version", drydock::code_version(), "Print the code version that summary.json records");
  drydock::cli::add_run_command(app);
  drydock::cli::add_policies_command(app);
  drydock::cli::add_replay_command(app);
  drydock::cli::add_fill_command(app);
  drydock::cli::add_soak_command(app);
  drydock::cli::add_check_invariants_command(app);
#ifdef DRYDOCK_HAS_TRACE_COMMANDS
  add_trace_commands(app);
#endif
#ifdef DRYDOCK_HAS_LIVE_COMMANDS
  add_live_commands(app);
#endif
#ifdef DRYDOCK_HAS_COMPARE_COMMANDS
  add_compare_commands(app);
#endif
#ifdef DRYDOCK_HAS_EXPLAIN_COMMAND
  add_explain_command(app);
#endif
  // Exit statuses (README, "Exit statuses"): 0 ok, 1 bad input or usage, 2 and 3 a trace's strict
  // stop and skipped corrupt rows, 130 interrupted.
  for (int i = 0; i < argc; ++i)
    drydock::cli::command_line() += (i ? " " : "") + std::string(i == 0 ? "drydock" : argv[i]);
  const drydock::cli::CommandPath path = drydock::cli::command_path(app, argc, argv);
  if (!path.unknown.empty()) {
    std::fprintf(stderr, "%s\n", path.unknown.c_str());
    return 1;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a subcommand's own exit status
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::fprintf(stderr, "%s\n", drydock::cli::usage_message(e, path, argc, argv).c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "drydock: %s\n", e.what());
    return 1;
  }
  return 0;
}
