// A `drydock` with only the live subcommands: the end-to-end tests run the manager and the service
// commands as separate processes (so that the manager can be killed) without building the simulator.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/live_commands.h"

int main(int argc, char** argv) {
  CLI::App app{"drydock (live subcommands only, for tests)"};
  app.require_subcommand(1);
  add_live_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "drydock: %s\n", e.what());
    return 1;
  }
  return 0;
}
