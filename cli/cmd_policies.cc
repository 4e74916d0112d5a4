// `drydock policies`: every registered placement policy with its one-line summary and parameters.
#include <cstdio>

#include "cli/commands.h"
#include "schedulers/scheduler.h"

namespace drydock::cli {

void add_policies_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("policies", "List the registered placement policies");
  cmd->callback([] {
    for (const PolicyInfo* p : PolicyRegistry::instance().all()) {
      std::printf("%-28s %s\n", p->name.c_str(), p->summary.c_str());
      if (!p->parameters.empty()) std::printf("%-28s   parameters: %s\n", "", p->parameters.c_str());
    }
  });
}

}  // namespace drydock::cli
