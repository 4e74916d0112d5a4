// `drydock trace events`: the unified stream as CSV, the exact input a replay consumes.
#include <cinttypes>
#include <cstdio>

#include "cli/trace_commands.h"
#include "cli/trace_options.h"

namespace drydock::cli {

void add_trace_events_command(CLI::App& trace) {
  auto opts = std::make_shared<TraceInputOptions>();
  auto limit = std::make_shared<std::uint64_t>(0);
  auto* cmd = trace.add_subcommand("events", "Print the unified event stream as CSV");
  opts->add_to(cmd);
  cmd->add_option("--limit,-n", *limit, "Stop after this many events (0: all)");
  cmd->callback([opts, limit] {
    auto reader = opts->open();
    traces::TraceEvent ev;
    std::printf("time,kind,machine,job,task,count,cpu,memory_mib,gpu,resources_known,priority,class,user,source,line\n");
    std::uint64_t n = 0;
    while ((*limit == 0 || n < *limit) && reader->next(ev)) {
      std::printf("%.6f,%s,%" PRId64 ",%" PRId64 ",%d,%d,%.6g,%.6g,%.6g,%d,%d,%d,%016" PRIx64 ",%u,%" PRIu64 "\n", ev.time,
                  std::string(traces::to_string(ev.kind)).c_str(), ev.machine_id, ev.job_id, ev.task_index, ev.count,
                  ev.resources.cpu, ev.resources.memory_mib, ev.resources.gpu, ev.resources_known ? 1 : 0,
                  ev.priority, ev.scheduling_class, ev.user, ev.source, ev.line);
      ++n;
    }
    auto s = reader->stats();
    for (const auto& e : s.first_errors) std::fprintf(stderr, "corrupt: %s\n", e.c_str());
    if (s.corrupt > 0) throw CLI::RuntimeError(3);
  });
}

}  // namespace drydock::cli
