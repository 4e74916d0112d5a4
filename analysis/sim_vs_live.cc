#include "analysis/sim_vs_live.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "analysis/comparison_format.h"
#include "analysis/results.h"

namespace drydock {
namespace {

constexpr const char* kHostRunningPrefix = "running_end.";

nlohmann::json read_summary(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ResultsError(path + ": cannot open (not a results directory of `drydock run` or `drydock live`)");
  const auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) throw ResultsError(path + ": not a JSON object");
  return j;
}

// Replicas running per host at the end, replayed from the log: what "spread" means to a user.
std::map<std::string, int> running_by_host(const std::vector<Event>& events) {
  std::map<std::string, std::set<std::string>> running;
  for (const Event& e : events) {
    if (e.kind == EventKind::kStarted) running[e.host].insert(e.replica);
    if (e.kind == EventKind::kStopped || e.kind == EventKind::kExited) running[e.host].erase(e.replica);
  }
  std::map<std::string, int> out;
  for (const auto& [host, replicas] : running) out[host] = static_cast<int>(replicas.size());
  return out;
}

// What an event is "the same" event as in the other run: the replica it concerns, else its host, else
// its service, and how many such events came before it.
using MatchKey = std::tuple<std::string, int>;
std::map<MatchKey, double> keyed_times(const std::vector<Event>& events, EventKind kind, int& count) {
  std::map<MatchKey, double> out;
  std::map<std::string, int> seen;
  count = 0;
  for (const Event& e : events) {
    if (e.kind != kind) continue;
    ++count;
    const std::string subject = !e.replica.empty() ? "r:" + e.replica : !e.host.empty() ? "h:" + e.host : "s:" + e.service;
    out[{subject, seen[subject]++}] = e.time;
  }
  return out;
}

std::vector<EventKind> all_event_kinds() {
  std::vector<EventKind> kinds;
  for (int k = static_cast<int>(EventKind::kSubmitted); k <= static_cast<int>(EventKind::kFault); ++k)
    kinds.push_back(static_cast<EventKind>(k));
  return kinds;
}

std::string cell(const std::optional<double>& v) { return v ? format_number(*v) : "n/a"; }

std::string signed_cell(const std::optional<double>& v) {
  if (!v) return "n/a";
  const std::string s = format_number(*v);
  return *v > 0 ? "+" + s : s;
}

std::string percent_cell(const std::optional<double>& v) {
  if (!v) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * *v);
  return buf;
}

}  // namespace

LoadedRun load_run(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw ResultsError(dir + ": not a directory");
  LoadedRun run;
  run.dir = dir;
  const std::string summary_path = dir + "/summary.json";
  const auto summary = read_summary(summary_path);
  try {
    run.info = run_info_from_summary(summary);
  } catch (const nlohmann::json::exception& e) {
    throw ResultsError(summary_path + ": " + e.what());
  }
  run.events = read_events_csv(dir + "/events.csv");
  run.metrics = compute_metrics(run.events, run.info);
  run.scalars = scalar_metrics(summary_json(run.info, run.metrics));
  run.running_end_by_host = running_by_host(run.events);
  for (const auto& [host, capacity] : run.info.hosts) run.running_end_by_host.try_emplace(host, 0);
  return run;
}

SimLiveComparison compare_sim_live(LoadedRun sim, LoadedRun live) {
  if (sim.info.runtime != "sim")
    throw ResultsError(sim.dir + "/summary.json: runtime is '" + sim.info.runtime + "', expected a simulation ('sim')");
  if (live.info.runtime != "live")
    throw ResultsError(live.dir + "/summary.json: runtime is '" + live.info.runtime + "', expected a live run ('live')");
  if (sim.info.scenario != live.info.scenario)
    throw ResultsError("different scenarios: " + sim.dir + " ran '" + sim.info.scenario + "', " + live.dir + " ran '" +
                       live.info.scenario + "'");
  SimLiveComparison c;

  auto add = [&](const MetricDef& def, std::optional<double> s, std::optional<double> l) {
    if (!s && !l) return;
    MetricGap g{def, s, l, std::nullopt, std::nullopt};
    if (s && l) {
      g.error = *s - *l;
      if (*l != 0) g.relative_error = (*s - *l) / std::fabs(*l);
      else if (*s == 0) g.relative_error = 0.0;
    }
    c.metrics.push_back(std::move(g));
  };
  auto value = [](const LoadedRun& r, const std::string& name) -> std::optional<double> {
    auto it = r.scalars.find(name);
    return it == r.scalars.end() ? std::nullopt : it->second;
  };
  std::set<std::string> shown;
  for (const MetricDef& def : metric_catalog()) {
    add(def, value(sim, def.name), value(live, def.name));
    shown.insert(def.name);
  }
  std::set<std::string> rest;  // metrics outside the catalog (load, injected faults), in name order
  for (const auto* r : {&sim, &live})
    for (const auto& [name, v] : r->scalars)
      if (!shown.count(name)) rest.insert(name);
  for (const auto& name : rest) add(metric_def(name), value(sim, name), value(live, name));
  std::set<std::string> hosts;
  for (const auto* r : {&sim, &live})
    for (const auto& [host, n] : r->running_end_by_host) hosts.insert(host);
  for (const auto& host : hosts) {
    auto count = [&](const LoadedRun& r) -> std::optional<double> {
      auto it = r.running_end_by_host.find(host);
      return it == r.running_end_by_host.end() ? std::nullopt : std::optional<double>(it->second);
    };
    add({kHostRunningPrefix + host, "replicas", Direction::kNeutral, false, "replicas running on this host at the end"},
        count(sim), count(live));
  }

  for (EventKind kind : all_event_kinds()) {
    EventKindGap g;
    g.kind = kind;
    const auto s = keyed_times(sim.events, kind, g.sim_count);
    const auto l = keyed_times(live.events, kind, g.live_count);
    if (g.sim_count == 0 && g.live_count == 0) continue;
    std::vector<double> diffs;
    for (const auto& [key, t] : s)
      if (auto it = l.find(key); it != l.end()) {
        diffs.push_back(t - it->second);
        g.max_abs_diff = std::max(g.max_abs_diff, std::fabs(t - it->second));
      }
    g.matched = static_cast<int>(diffs.size());
    g.diff = percentiles(std::move(diffs));
    c.events.push_back(g);
  }
  c.sim = std::move(sim);
  c.live = std::move(live);
  return c;
}

std::string sim_live_markdown(const SimLiveComparison& c) {
  std::ostringstream out;
  out << "# drydock: simulation vs live, " << c.sim.info.scenario << "\n\n"
      << "Simulation: `" << c.sim.dir << "` (policy " << c.sim.info.policy << ", seed " << c.sim.info.seed << ", "
      << c.sim.info.hosts.size() << " hosts). Live: `" << c.live.dir << "` (policy " << c.live.info.policy << ", "
      << c.live.info.hosts.size() << " hosts).\n\n"
      << "Both runs' metrics are recomputed from their events.csv by the same code. error = sim - live; "
         "relative = error / |live|.\n\n## Metrics\n\n";
  Table metrics;
  metrics.header = {"metric", "unit", "sim", "live", "error", "relative"};
  for (const auto& g : c.metrics) {
    metrics.rows.push_back({g.def.name, g.def.unit, cell(g.sim), cell(g.live), signed_cell(g.error), percent_cell(g.relative_error)});
    metrics.strong.push_back(g.def.headline);
  }
  out << to_markdown(metrics);
  out << "\n## Event timing\n\n"
         "Events that match up: the k-th event of a kind for the same replica (host events: the same host) in both "
         "runs. diff = sim time - live time, in seconds.\n\n";
  Table events;
  events.header = {"kind", "sim", "live", "matched", "diff mean", "diff p50", "diff p95", "max abs diff"};
  for (const auto& g : c.events) {
    const bool any = g.matched > 0;
    events.rows.push_back({std::string(to_string(g.kind)), std::to_string(g.sim_count), std::to_string(g.live_count),
                           std::to_string(g.matched), any ? signed_cell(g.diff.mean) : "n/a",
                           any ? signed_cell(g.diff.p50) : "n/a", any ? signed_cell(g.diff.p95) : "n/a",
                           any ? format_number(g.max_abs_diff) : "n/a"});
    events.strong.push_back(false);
  }
  out << to_markdown(events);
  return out.str();
}

}  // namespace drydock
