// `drydock trace fit DIR`: the Google 2011 mix of a trace directory, the generator's input.
#include <iostream>

#include "cli/trace_commands.h"
#include "traces/google2011.h"
#include "traces/google_mix.h"

namespace drydock::cli {

void add_trace_fit_command(CLI::App& trace) {
  auto dir = std::make_shared<std::string>();
  auto cpp = std::make_shared<bool>(false);
  auto* cmd = trace.add_subcommand("fit", "Measure the workload mix of a Google 2011 trace directory");
  cmd->add_option("dir", *dir, "Directory with machine_events/ and task_events/ shards")->required();
  cmd->add_flag("--cpp", *cpp, "Print as C++ (how traces/google_mix_default.cc is made)");
  cmd->callback([dir, cpp] {
    auto machines = traces::google_shards(*dir, "machine_events");
    auto tasks = traces::google_shards(*dir, "task_events");
    if (machines.empty() && tasks.empty())
      throw CLI::ValidationError("dir", *dir + " has no machine_events/ or task_events/ shards");
    traces::ParseStats parse;
    auto mix = traces::fit_google_mix(machines, tasks, &parse);
    traces::print_google_mix(std::cout, mix, *cpp);
    for (const auto& e : parse.first_errors) std::cerr << "corrupt: " << e << "\n";
  });
}

}  // namespace drydock::cli
