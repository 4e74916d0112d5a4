// Usage errors of the command line, said the way a person can act on: an unknown subcommand or option
// names the closest known one ("did you mean"), and every usage error exits with status 1, as bad input
// in a file does (the README's exit statuses), never with CLI11's own 100-odd codes.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace drydock::cli {

// The subcommand chain `argv` selects (the app itself first). When a word stands where a subcommand
// is expected and names none, `unknown` is set to a message with a suggestion.
struct CommandPath {
  std::vector<CLI::App*> chain;
  std::string unknown;
};
CommandPath command_path(CLI::App& app, int argc, char** argv);

// The message for a CLI11 parse error, with "did you mean" for each unknown option of the command.
std::string usage_message(const CLI::ParseError& error, const CommandPath& path, int argc, char** argv);

}  // namespace drydock::cli
