// What `drydock report` does, and `drydock compare` does at the end of a sweep: load and check the
// runs, compare the policies, write runs.csv, comparison.csv, the plots (analysis/plots.py), report.md
// and report.html into one directory, and print the headline table.
#pragma once

#include <string>
#include <vector>

namespace drydock::cli {

struct ReportOptions {
  std::vector<std::string> dirs;  // a sweep directory, the directories of its shards, or run trees
  std::string out;                // default: the first directory
  std::string baseline;           // default: the sweep's baseline, else the first policy
  bool partial = false;           // accept a sweep with missing runs
  bool plots = true;
  bool print_table = true;        // the headline table on stdout
  bool wide = false;              // every metric and column on stdout, not the 100-column view
  std::string command;            // the command line that made the report, shown on its first screen
};

// Returns the process exit status; throws ResultsError for unreadable results.
int make_report(const ReportOptions& options);

// The plotting script: $DRYDOCK_PLOTS_SCRIPT, else analysis/plots.py found next to this executable's
// source tree (the build directory is inside it), else "" when not found.
std::string find_plots_script();

}  // namespace drydock::cli
