// `drydock explain SCENARIO --service NAME`: the per-host filter and score breakdown of the placement
// decision the scenario's policy would make for the next replica of a service.
#pragma once

#include <CLI/CLI.hpp>

void add_explain_command(CLI::App& app);
