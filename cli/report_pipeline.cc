#include "cli/report_pipeline.h"

#include <ctime>

#include "cli/command_line.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analysis/comparison.h"
#include "analysis/comparison_format.h"
#include "analysis/report.h"
#include "analysis/results.h"
#include "analysis/run_set.h"

namespace fs = std::filesystem;

namespace drydock::cli {
namespace {

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw ResultsError(path + ": cannot write");
  out << text;
}

// The interpreter is Debian's on purpose: the python3 first on PATH may be another one without
// python3-matplotlib and python3-pandas.
std::string python() {
  const char* env = std::getenv("DRYDOCK_PYTHON");
  return env && *env ? env : "/usr/bin/python3";
}

// Runs the plot script; returns its plots, or an empty list with `note` saying why.
std::vector<Plot> run_plots(const std::string& runs_csv, const std::string& out_dir, std::string& note) {
  const std::string script = find_plots_script();
  if (script.empty()) {
    note = "analysis/plots.py not found (set DRYDOCK_PLOTS_SCRIPT)";
    return {};
  }
  const std::string plots_dir = out_dir + "/plots";
  fs::remove_all(plots_dir);  // no stale plot of an earlier report may survive
  fs::create_directories(plots_dir);
  const std::string log = plots_dir + "/plots.log";
  const pid_t pid = fork();
  if (pid == 0) {
    std::freopen(log.c_str(), "w", stdout);
    std::freopen(log.c_str(), "a", stderr);
    const std::string py = python();
    execl(py.c_str(), py.c_str(), script.c_str(), "--runs", runs_csv.c_str(), "--out", plots_dir.c_str(),
          static_cast<char*>(nullptr));
    std::fprintf(stderr, "cannot run %s\n", py.c_str());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    if (text.size() > 2000) text = "..." + text.substr(text.size() - 2000);
    note = python() + " " + script + " failed (see " + log + "): " + text;
    return {};
  }
  std::ifstream in(plots_dir + "/plots.json");
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (!j.is_array()) {
    note = plots_dir + "/plots.json: missing or not a JSON list";
    return {};
  }
  std::vector<Plot> plots;
  for (const auto& p : j)
    plots.push_back({"plots/" + p.at("file").get<std::string>(), p.at("title").get<std::string>(),
                     p.at("caption").get<std::string>()});
  return plots;
}

}  // namespace

std::string find_plots_script() {
  if (const char* env = std::getenv("DRYDOCK_PLOTS_SCRIPT"); env && *env) return env;
  std::error_code ec;
  fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  // build-x/drydock, build/cli/drydock, prefix/bin/drydock: walk up a few levels.
  for (int up = 0; up < 4 && !dir.empty(); ++up, dir = dir.parent_path()) {
    for (const char* rel : {"analysis/plots.py", "share/drydock/plots.py"})
      if (fs::exists(dir / rel)) return (dir / rel).string();
    if (dir == dir.parent_path()) break;
  }
  return "";
}

int make_report(const ReportOptions& o) {
  const std::string out = o.out.empty() ? o.dirs.front() : o.out;
  fs::create_directories(out);
  LoadOptions load;
  load.allow_partial = o.partial;
  const RunSet set = load_run_set(o.dirs, load);
  if (set.runs.empty()) throw ResultsError(o.dirs.front() + ": no runs found (no summary.json below it)");
  const auto groups = compare_runs(set, o.baseline);

  const std::string runs_csv = out + "/runs.csv";
  write_runs_csv(runs_csv, set, out);
  write_comparison_csv(out + "/comparison.csv", groups);

  ReportInput in;
  in.sources = o.dirs;
  in.runs = &set;
  in.groups = &groups;
  in.command = command_line();
  {
    const std::time_t now = std::time(nullptr);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    in.date = date;
  }
  if (o.plots) {
    in.plots = run_plots(runs_csv, out, in.plots_note);
    if (in.plots.empty()) std::fprintf(stderr, "drydock report: WARNING: no plots: %s\n", in.plots_note.c_str());
  } else {
    in.plots_note = "--no-plots was given";
  }
  write_text(out + "/report.md", report_markdown(in));
  write_text(out + "/report.html", report_html(in, out));
  if (o.print_table)
    std::fputs((o.wide ? comparison_text_wide(groups, false) : comparison_text_narrow(groups)).c_str(), stdout);
  if (!set.missing.empty())
    std::printf("PARTIAL: %zu planned runs missing, e.g. %s\n", set.missing.size(), set.missing.front().c_str());
  std::printf("report: %s/report.md, %s/report.html (%zu plots); data: %s, %s/comparison.csv\n", out.c_str(),
              out.c_str(), in.plots.size(), runs_csv.c_str(), out.c_str());
  return 0;
}

}  // namespace drydock::cli
