#include "cli/fill_output.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "analysis/code_version.h"
#include "analysis/results.h"

namespace drydock::cli {

namespace {

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw ResultsError(path + ": cannot write");
  out << text;
  if (!out) throw ResultsError(path + ": write failed");
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

nlohmann::json column_json(const std::vector<fill::FillColumn>& cols, int pct) {
  if (pct < 0 || pct >= static_cast<int>(cols.size()) || cols[pct].empty) return nullptr;
  const auto& c = cols[pct];
  return {{"gpu_alloc_pct", c.gpu_alloc_pct}, {"frag_pct", c.frag_pct}, {"frag_ratio_pct", c.frag_ratio_pct}};
}

}  // namespace

std::vector<fill::FillColumn> fill_columns(const fill::FillResult& r, double inflate) {
  return fill::reduce_columns(r.events, r.capacity_milli, static_cast<int>(std::lround(100.0 * inflate)));
}

std::string fill_csv(const std::vector<fill::FillColumn>& columns) {
  std::string out = "arrived_pct,gpu_alloc_pct,frag_pct,frag_ratio_pct\n";
  for (const auto& c : columns) {
    out += std::to_string(c.arrived_pct);
    if (c.empty) out += ",,,\n";
    else out += "," + fixed(c.gpu_alloc_pct, 2) + "," + fixed(c.frag_pct, 2) + "," + fixed(c.frag_ratio_pct, 4) + "\n";
  }
  return out;
}

void write_fill_results(const std::string& dir, const fill::FillSetup& setup, const fill::FillResult& r,
                        const FillRunInfo& info) {
  std::filesystem::create_directories(dir);
  const auto cols = fill_columns(r, setup.inflate);
  write_text(dir + "/fill.csv", fill_csv(cols));

  std::string placements = "arrival,pod,node,gpus,arrived_milli,used_milli,idle_milli,fragment_milli\n";
  placements.reserve(r.events.size() * 64);
  for (std::size_t i = 0; i < r.events.size(); ++i) {
    const auto& e = r.events[i];
    std::string gpus;
    for (int g = 0; g < kMaxGpusPerHost; ++g)
      if ((e.gpus >> g) & 1u) gpus += (gpus.empty() ? "" : "|") + std::to_string(g);
    placements += std::to_string(i) + "," + r.pods[e.pod].name + "," + (e.node >= 0 ? r.node_names[e.node] : "") + "," +
                  gpus + "," + std::to_string(e.arrived_milli) + "," + std::to_string(e.used_milli) + "," +
                  std::to_string(e.idle_milli) + "," + fixed(e.fragment_milli, 3) + "\n";
  }
  write_text(dir + "/placements.csv", placements);

  const double cap = static_cast<double>(r.capacity_milli);
  const auto& last = r.events.empty() ? fill::FillEvent{} : r.events.back();
  nlohmann::json summary = {
      {"experiment", "fill"},
      {"trace", info.trace},
      {"policy", r.policy},
      {"gpu_choice", std::string(gpu_choice_name(r.gpu_choice))},
      {"seed", setup.seed},
      {"inflate", setup.inflate},
      {"code_version", code_version()},
      {"cluster", {{"nodes", r.node_names.size()}, {"gpu_milli", r.capacity_milli}}},
      {"workload",
       {{"trace_pods", r.pods.size()},
        {"arrivals", r.plan.order.size()},
        {"clones", r.plan.clones},
        {"removed", r.plan.removed},
        {"requested_gpu_milli", r.plan.requested},
        {"typical_shapes", r.typical_shapes},
        {"distinct_shapes", r.distinct_shapes},
        {"typical_coverage_pct", r.typical_coverage_pct}}},
      {"metrics",
       {{"placed", r.placed},
        {"failed", r.failed},
        {"gpu_alloc_pct_end", 100.0 * static_cast<double>(last.used_milli) / cap},
        {"frag_pct_start", 100.0 * r.initial_fragment_milli / cap},
        {"frag_pct_end", 100.0 * last.fragment_milli / cap},
        {"at_100_pct_arrived", column_json(cols, 100)}}}};
  write_json(dir + "/summary.json", summary);
  write_json(dir + "/perf.json", {{"wall_seconds", info.wall_seconds},
                                  {"arrivals", r.events.size()},
                                  {"arrivals_per_second", info.wall_seconds > 0 ? static_cast<double>(r.events.size()) / info.wall_seconds : 0.0}});
}

}  // namespace drydock::cli
