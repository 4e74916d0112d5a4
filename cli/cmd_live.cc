#include "cli/live_cli.h"
namespace drydock::cli::live { void add_live_command(CLI::App&) {} }
