// `drydock policies`: every registered placement policy with its one-line summary and parameters.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "schedulers/scheduler.h"
#include "workloads/kubernetes/scheduler_config.h"

namespace drydock::cli {

void add_policies_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("policies", "List the registered placement policies");
  auto from = std::make_shared<std::string>();
  cmd->add_option("--from", *from, "A KubeSchedulerConfiguration: show the drydock policy it maps to, and how");
  cmd->callback([from] {
    if (!from->empty()) {
      const kube::SchedulerMapping m = kube::map_scheduler_config(*from);
      PolicyRegistry::instance().make(m.policy, PolicyParams(m.params));  // the parameters are valid
      std::string params;
      for (const auto& [k, v] : m.params) params += " --param " + k + "=" + v;
      std::printf("%s maps to: --policy %s%s\n", from->c_str(), m.policy.c_str(), params.c_str());
      for (const auto& n : m.notes) std::printf("  %s\n", n.c_str());
      return;
    }
    for (const PolicyInfo* p : PolicyRegistry::instance().all()) {
      std::printf("%-28s %s\n", p->name.c_str(), p->summary.c_str());
      if (!p->parameters.empty()) std::printf("%-28s   parameters: %s\n", "", p->parameters.c_str());
    }
  });
}

}  // namespace drydock::cli
