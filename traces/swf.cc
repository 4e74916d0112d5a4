#include "traces/swf.h"

namespace drydock::traces {

namespace {
const char* const kFields[] = {"job number",          "submit time",      "wait time",       "run time",
                               "allocated processors", "average CPU time", "used memory",     "requested processors",
                               "requested time",      "requested memory", "status",          "user",
                               "group",               "executable",       "queue",           "partition",
                               "preceding job",       "think time"};
constexpr std::int64_t kMaxMachines = 10'000'000;  // a header claiming more is corrupt, not a cluster
}  // namespace

SwfReader::SwfReader(std::vector<std::string> files, ReaderOptions options)
    : LineTraceReader(ShardedLines(std::move(files)), std::move(options)), row_(kFields, 18) {}

SwfReader::SwfReader(std::string_view text, std::string name, ReaderOptions options)
    : LineTraceReader(ShardedLines(text, std::move(name)), std::move(options)), row_(kFields, 18) {}

void SwfReader::header(std::string_view comment) {
  // "; MaxNodes: 128": a key, a colon, an integer. Other comments are free text.
  comment.remove_prefix(1);
  std::size_t colon = comment.find(':');
  if (colon == std::string_view::npos) return;
  std::string_view key = comment.substr(0, colon), value = comment.substr(colon + 1);
  while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  std::int64_t v;
  if (key != "MaxNodes" && key != "MaxProcs") return;
  if (!parse_int64(value, v) || v <= 0 || v > kMaxMachines)
    throw BadRow(std::string(key) + ": expected a positive count, got '" + std::string(value.substr(0, 40)) + "'");
  (key == "MaxNodes" ? max_nodes_ : max_procs_) = v;
}

bool SwfReader::parse_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i == line.size()) return false;
  if (line[i] == ';') {
    header(line.substr(i));
    return false;
  }
  row_.split_whitespace(line);
  row_.expect_fields(18);
  const auto& units = options().units;

  if (!machines_emitted_) {
    machines_emitted_ = true;
    std::int64_t nodes = max_nodes_ > 0 ? max_nodes_ : -1;
    std::int64_t procs = max_procs_ > 0 ? max_procs_ : nodes;
    if (nodes > 0) {
      double per_node = static_cast<double>(std::max<std::int64_t>(procs, nodes)) / static_cast<double>(nodes);
      for (std::int64_t n = 0; n < nodes; ++n) {
        TraceEvent m;
        m.kind = TraceEventKind::kMachineAdd;
        m.time = 0;
        m.machine_id = n;
        m.resources.cpu = per_node * units.swf_cores_per_processor;
        m.resources_known = true;
        emit(m);
      }
    }
  }

  TraceEvent ev;
  ev.job_id = row_.integer(0);
  ev.task_index = 0;
  double submit = row_.number(1), wait = row_.number(2), run = row_.number(3);
  if (submit < 0) row_.fail(1, "a non-negative submit time");
  std::int64_t procs = row_.integer(4);
  if (procs <= 0) procs = row_.integer(7);
  if (procs <= 0) procs = 1;  // neither allocated nor requested is known: one processor, stated
  if (procs > std::numeric_limits<std::int32_t>::max()) row_.fail(4, "a processor count in int32");
  ev.count = static_cast<std::int32_t>(procs);
  for (std::size_t f : {5, 8, 12, 13, 15, 16, 17}) row_.number(f);  // unused, but garbage is corrupt
  double mem_kb = row_.number(6);
  if (mem_kb < 0) mem_kb = row_.number(9);
  ev.resources.cpu = units.swf_cores_per_processor;
  ev.resources.memory_mib = mem_kb > 0 ? mem_kb / 1024.0 : 0;
  ev.resources_known = true;
  std::int64_t status = row_.integer(10);
  std::int64_t user = row_.integer(11);
  if (user >= 0) ev.user = stable_hash(std::to_string(user));
  std::int64_t queue = row_.integer(14);
  if (queue >= 0 && queue <= std::numeric_limits<std::int32_t>::max()) ev.scheduling_class = static_cast<std::int32_t>(queue);

  ev.time = submit;
  ev.kind = TraceEventKind::kTaskSubmit;
  emit(ev);
  double start = submit + (wait > 0 ? wait : 0);
  ev.time = start;
  ev.kind = TraceEventKind::kTaskSchedule;
  emit(ev);
  if (run >= 0) {
    ev.time = start + run;
    ev.kind = status == 0 ? TraceEventKind::kTaskFail : status == 5 ? TraceEventKind::kTaskKill : TraceEventKind::kTaskFinish;
    emit(ev);
  }
  return true;
}

}  // namespace drydock::traces
