// The report of a comparison: report.md (tables, plots linked as files) and report.html (the same
// content in one self-contained page, plots embedded as base64 PNG, so it can be mailed or attached to
// a ticket as one file).
#pragma once

#include <string>
#include <vector>

#include "analysis/comparison.h"
#include "analysis/run_set.h"

namespace drydock {

struct Plot {
  std::string file;  // relative to the report directory, e.g. "plots/cdf.png"
  std::string title;
  std::string caption;  // what the plot shows, in one or two sentences
};

struct ReportInput {
  std::vector<std::string> sources;  // the results directories read
  const RunSet* runs = nullptr;
  const std::vector<GroupComparison>* groups = nullptr;
  std::vector<Plot> plots;
  std::string plots_note;  // why there are no plots, when there are none
  std::string command;     // the command line that made the report
  std::string date;        // when it was made (UTC)
};

std::string report_markdown(const ReportInput& in);
// Reads each plot from `report_dir`; throws ResultsError naming a plot that cannot be read.
std::string report_html(const ReportInput& in, const std::string& report_dir);

std::string base64(const std::string& bytes);

}  // namespace drydock
