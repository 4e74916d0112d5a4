#include "cli/usage_errors.h"

#include "model/closest_name.h"

namespace drydock::cli {
namespace {

std::vector<std::string> subcommand_names(CLI::App* app) {
  std::vector<std::string> names;
  for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
  return names;
}

bool has_positionals(CLI::App* app) {
  return !app->get_options([](CLI::Option* o) { return !o->nonpositional(); }).empty();
}

std::string command_name(const CommandPath& path) {
  std::string name;
  for (CLI::App* app : path.chain) name += (name.empty() ? "" : " ") + (name.empty() ? "drydock" : app->get_name());
  return name;
}

}  // namespace

CommandPath command_path(CLI::App& app, int argc, char** argv) {
  CommandPath path;
  path.chain.push_back(&app);
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.empty() || word[0] == '-') continue;
    CLI::App* here = path.chain.back();
    const auto names = subcommand_names(here);
    if (names.empty()) break;  // a leaf: the rest are its arguments
    CLI::App* sub = nullptr;
    for (CLI::App* s : here->get_subcommands([](CLI::App*) { return true; }))
      if (s->check_name(word)) sub = s;
    if (sub != nullptr) {
      path.chain.push_back(sub);
      continue;
    }
    if (!has_positionals(here)) {
      std::string known;
      for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
      path.unknown = command_name(path) + ": unknown command '" + word + "'" + did_you_mean(word, names) +
                     " (commands: " + known + ")";
    }
    break;
  }
  return path;
}

std::string usage_message(const CLI::ParseError& error, const CommandPath& path, int argc, char** argv) {
  std::string message = error.what();
  std::vector<std::string> options;
  for (CLI::App* app : path.chain)
    for (CLI::Option* o : app->get_options())
      for (const auto& l : o->get_lnames()) options.push_back("--" + l);
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (word.rfind("--", 0) != 0 || word == "--") continue;
    word = word.substr(0, word.find('='));
    bool known = false;
    for (const auto& o : options) known = known || o == word;
    if (!known) message += "\n  unknown option " + word + did_you_mean(word, options);
  }
  return command_name(path) + ": " + message + "\n  see `" + command_name(path) + " --help`";
}

}  // namespace drydock::cli
