// Each subcommand of `drydock` registers itself on the CLI11 app from its own file.
#pragma once

#include <CLI/CLI.hpp>

namespace drydock::cli {

void add_run_command(CLI::App& app);
void add_policies_command(CLI::App& app);
void add_replay_command(CLI::App& app);
void add_fill_command(CLI::App& app);
void add_soak_command(CLI::App& app);
void add_check_invariants_command(CLI::App& app);

}  // namespace drydock::cli
