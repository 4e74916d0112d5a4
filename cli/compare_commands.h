// `drydock compare` (a policy x seed x grid sweep) and `drydock report` (statistics, tables, plots).
#pragma once

#include <CLI/CLI.hpp>

void add_compare_commands(CLI::App& app);
