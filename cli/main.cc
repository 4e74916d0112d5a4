// drydock: test container-orchestration algorithms in simulation, then run them live.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli/commands.h"
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
  drydock::cli::add_run_command(app);
  drydock::cli::add_policies_command(app);
  drydock::cli::add_replay_command(app);
  drydock::cli::add_fill_command(app);
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
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a subcommand's own exit status
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "drydock: %s\n", e.what());
    return 1;
  }
  return 0;
}
