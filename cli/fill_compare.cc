#include "cli/fill_compare.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include "analysis/results.h"
#include "cli/fill_output.h"
#include "cli/report_pipeline.h"
#include "fill/openb_input.h"
#include "schedulers/scheduler.h"

namespace fs = std::filesystem;

namespace drydock::cli {

std::vector<std::int64_t> parse_seeds(const std::string& text, std::int64_t first) {
  auto number = [&](const std::string& s) {
    std::size_t used = 0;
    long long v = 0;
    try {
      v = std::stoll(s, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != s.size() || s.empty()) throw std::invalid_argument("--seeds: want N or A..B, got '" + text + "'");
    return static_cast<std::int64_t>(v);
  };
  std::vector<std::int64_t> seeds;
  const auto dots = text.find("..");
  if (dots == std::string::npos) {
    const std::int64_t n = number(text);
    if (n < 1 || n > 100000) throw std::invalid_argument("--seeds: the count must be in 1..100000, got " + text);
    for (std::int64_t i = 0; i < n; ++i) seeds.push_back(first + i);
  } else {
    const std::int64_t a = number(text.substr(0, dots)), b = number(text.substr(dots + 2));
    if (b < a || b - a >= 100000) throw std::invalid_argument("--seeds: want A..B with A <= B (at most 100000 seeds), got " + text);
    for (std::int64_t s = a; s <= b; ++s) seeds.push_back(s);
  }
  return seeds;
}

namespace {

using Columns = std::vector<fill::FillColumn>;

// fill.csv of an earlier run of the same sweep, so that a re-run only runs what is missing.
bool read_fill_csv(const std::string& path, Columns& out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  std::getline(in, line);
  if (line != "arrived_pct,gpu_alloc_pct,frag_pct,frag_ratio_pct") return false;
  out.clear();
  while (std::getline(in, line)) {
    std::stringstream s(line);
    std::string f[4];
    for (auto& x : f) std::getline(s, x, ',');
    fill::FillColumn c;
    c.arrived_pct = std::stoi(f[0]);
    c.empty = f[1].empty();
    if (!c.empty) {
      c.gpu_alloc_pct = std::stod(f[1]);
      c.frag_pct = std::stod(f[2]);
      c.frag_ratio_pct = std::stod(f[3]);
    }
    out.push_back(c);
  }
  return !out.empty();
}

std::string fmt(double v, int digits = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

struct MeanSd {
  double mean = 0, sd = 0;
};
MeanSd mean_sd(const std::vector<double>& v) {
  MeanSd m;
  if (v.empty()) return m;
  for (double x : v) m.mean += x;
  m.mean /= static_cast<double>(v.size());
  if (v.size() > 1) {
    double ss = 0;
    for (double x : v) ss += (x - m.mean) * (x - m.mean);
    m.sd = std::sqrt(ss / static_cast<double>(v.size() - 1));
  }
  return m;
}

// analysis/fill_plots.py, next to analysis/plots.py; returns the plots' (file, title, caption).
std::vector<std::array<std::string, 3>> draw(const std::string& columns_csv, const std::string& out, std::string& note) {
  std::string script;
  if (const char* env = std::getenv("DRYDOCK_FILL_PLOTS_SCRIPT"); env && *env) script = env;
  else if (const std::string p = find_plots_script(); !p.empty()) script = (fs::path(p).parent_path() / "fill_plots.py").string();
  if (script.empty() || !fs::exists(script)) {
    note = "analysis/fill_plots.py not found (set DRYDOCK_FILL_PLOTS_SCRIPT)";
    return {};
  }
  const std::string dir = out + "/plots";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string log = dir + "/plots.log";
  const char* env_py = std::getenv("DRYDOCK_PYTHON");
  const std::string py = env_py && *env_py ? env_py : "/usr/bin/python3";
  const pid_t pid = fork();
  if (pid == 0) {
    std::freopen(log.c_str(), "w", stdout);
    std::freopen(log.c_str(), "a", stderr);
    execl(py.c_str(), py.c_str(), script.c_str(), "--columns", columns_csv.c_str(), "--out", dir.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    note = py + " " + script + " failed (see " + log + ")";
    return {};
  }
  std::ifstream in(dir + "/plots.json");
  const auto j = nlohmann::json::parse(in, nullptr, false);
  std::vector<std::array<std::string, 3>> plots;
  if (!j.is_array()) {
    note = dir + "/plots.json: missing or not a list";
    return plots;
  }
  for (const auto& p : j) plots.push_back({"plots/" + p.at("file").get<std::string>(), p.at("title").get<std::string>(), p.at("caption").get<std::string>()});
  return plots;
}

}  // namespace

int fill_compare(const FillCompareOptions& o) {
  std::vector<std::string> policies = o.policies;
  if (policies.empty()) policies = {"random", "dot-product", "gpu-clustering", "gpu-packing", "gpu-best-fit", "fgd"};
  for (const auto& p : policies) {
    const PolicyInfo* info = PolicyRegistry::instance().find(p);
    if (!info || !info->make_gpu)
      throw std::invalid_argument("--policies: '" + p + "' is not a device-level GPU policy (random, dot-product, "
                                  "gpu-clustering, gpu-packing, gpu-best-fit, fgd)");
  }
  if (o.seeds.empty()) throw std::invalid_argument("--seeds: need at least one seed");
  const auto input = fill::read_openb_input(o.trace);
  const std::string out = o.out.empty() ? "results/compare-fill" : o.out;
  fs::create_directories(out);

  struct Job {
    std::string policy;
    std::int64_t seed;
    std::string dir;
    Columns columns;
  };
  std::vector<Job> jobs;
  for (const auto& p : policies)
    for (std::int64_t s : o.seeds) jobs.push_back({p, s, out + "/runs/" + p + "/seed-" + std::to_string(s), {}});

  std::atomic<std::size_t> next{0}, done{0}, reused{0};
  std::mutex io;
  std::exception_ptr failure;
  const auto start = std::chrono::steady_clock::now();
  auto worker = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++) {
      Job& j = jobs[i];
      try {
        if (fs::exists(j.dir + "/summary.json") && read_fill_csv(j.dir + "/fill.csv", j.columns)) {
          ++reused;
        } else {
          fill::FillSetup setup;
          setup.nodes = input.nodes;
          setup.pods = input.pods;
          setup.policy = j.policy;
          setup.seed = j.seed;
          setup.inflate = o.inflate;
          const auto t0 = std::chrono::steady_clock::now();
          const auto r = fill::run_fill(setup);
          FillRunInfo info{o.trace, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()};
          write_fill_results(j.dir, setup, r, info);
          j.columns = fill_columns(r, o.inflate);
        }
      } catch (...) {
        std::lock_guard lock(io);
        if (!failure) failure = std::current_exception();
        return;
      }
      const std::size_t n = ++done;
      if (!o.quiet) {
        std::lock_guard lock(io);
        std::fprintf(stderr, "\rdrydock compare: %zu/%zu fill experiments (%s seed %lld)    ", n, jobs.size(),
                     j.policy.c_str(), static_cast<long long>(j.seed));
      }
    }
  };
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned parallel = std::min<unsigned>(o.jobs > 0 ? static_cast<unsigned>(o.jobs) : cores, static_cast<unsigned>(jobs.size()));
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < parallel; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  if (!o.quiet) std::fprintf(stderr, "\n");
  if (failure) std::rethrow_exception(failure);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::string csv = "policy,seed,arrived_pct,gpu_alloc_pct,frag_pct,frag_ratio_pct\n";
  for (const auto& j : jobs)
    for (const auto& c : j.columns) {
      csv += j.policy + "," + std::to_string(j.seed) + "," + std::to_string(c.arrived_pct);
      csv += c.empty ? ",,,\n" : "," + fmt(c.gpu_alloc_pct) + "," + fmt(c.frag_pct) + "," + fmt(c.frag_ratio_pct, 4) + "\n";
    }
  {
    std::ofstream f(out + "/fill-columns.csv", std::ios::binary);
    if (!f) throw ResultsError(out + "/fill-columns.csv: cannot write");
    f << csv;
  }

  // The table at 100 % arrived: mean +- sd over seeds.
  std::string table = "| policy | GPU allocated % | unallocated GPU % | fragmented GPU % of capacity | fragmented % of idle |\n"
                      "|---|---|---|---|---|\n";
  std::map<std::string, double> alloc_at_100;
  for (const auto& p : policies) {
    std::vector<double> alloc, frag, ratio;
    for (const auto& j : jobs)
      if (j.policy == p && j.columns.size() > 100 && !j.columns[100].empty) {
        alloc.push_back(j.columns[100].gpu_alloc_pct);
        frag.push_back(j.columns[100].frag_pct);
        ratio.push_back(j.columns[100].frag_ratio_pct);
      }
    const MeanSd a = mean_sd(alloc), f = mean_sd(frag), r = mean_sd(ratio);
    alloc_at_100[p] = a.mean;
    table += "| " + p + " | " + fmt(a.mean) + " ± " + fmt(a.sd) + " | " + fmt(100 - a.mean) + " ± " + fmt(a.sd) + " | " +
             fmt(f.mean) + " ± " + fmt(f.sd) + " | " + fmt(r.mean, 1) + " ± " + fmt(r.sd, 1) + " |\n";
  }

  std::string note;
  std::vector<std::array<std::string, 3>> plots;
  if (o.plots) {
    plots = draw(out + "/fill-columns.csv", out, note);
    if (plots.empty()) std::fprintf(stderr, "drydock compare: WARNING: no plots: %s\n", note.c_str());
  } else {
    note = "--no-plots was given";
  }
  std::string md = "# Fill experiments: " + o.trace + "\n\n";
  md += std::to_string(policies.size()) + " policies x " + std::to_string(o.seeds.size()) + " seeds (" +
        std::to_string(o.seeds.front()) + ".." + std::to_string(o.seeds.back()) + "), arrivals up to " + fmt(o.inflate, 2) +
        " x GPU capacity, " + std::to_string(input.nodes.size()) + " nodes, " + std::to_string(input.pods.size()) +
        " trace pods. Each run: `drydock fill` (results under runs/); every column: fill-columns.csv.\n\n";
  md += "## At 100 % arrived workload (mean ± sd over seeds)\n\n" + table + "\n";
  md += "## Figures\n\n";
  if (plots.empty()) md += "No figures: " + note + "\n";
  for (const auto& p : plots) md += "### " + p[1] + "\n\n![" + p[1] + "](" + p[0] + ")\n\n" + p[2] + "\n\n";
  {
    std::ofstream f(out + "/report.md", std::ios::binary);
    if (!f) throw ResultsError(out + "/report.md: cannot write");
    f << md;
  }
  std::printf("%zu fill experiments (%zu reused) in %.1f s on %u threads\n", jobs.size(), reused.load(), wall, parallel);
  std::printf("at 100%% arrived, GPU allocated (mean over seeds):");
  for (const auto& p : policies) std::printf(" %s %.2f%%", p.c_str(), alloc_at_100[p]);
  std::printf("\nreport: %s/report.md (%zu plots); data: %s/fill-columns.csv\n", out.c_str(), plots.size(), out.c_str());
  return 0;
}

}  // namespace drydock::cli
