// Live mode's subcommands: `manager`, `service ...`, `host ls`, `live SCENARIO`.
#pragma once

#include <CLI/CLI.hpp>

void add_live_commands(CLI::App& app);
