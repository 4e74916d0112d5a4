// The comparison as people and programs read it: a fixed-width terminal table, Markdown tables for the
// report, and the tidy CSVs (runs.csv: one row per run and metric; comparison.csv: one row per grid
// point, metric and policy). The report's tables and comparison.csv are printed from the same
// GroupComparison, so they cannot disagree.
#pragma once

#include <string>
#include <vector>

#include "analysis/comparison.h"
#include "analysis/run_set.h"

namespace drydock {

// Numbers for tables: 4 significant digits; "n/a" for NaN.
std::string format_number(double v);

// A table before it is rendered: the Markdown report and the HTML page show the same cells.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> strong;  // per row: its first cell is emphasised (a headline metric)
};
Table ranking_table(const GroupComparison& g);
Table metrics_table(const GroupComparison& g);
// Only the metrics that differ between policies (`constant` false) or only those that do not.
Table metrics_table(const GroupComparison& g, bool constant);
std::string to_markdown(const Table& t);
std::string to_html(const Table& t);
std::string html_escape(const std::string& s);
// "scenario [grid]: 3 policies, 10 seeds, 30 runs; baseline spread"
std::string group_title(const GroupComparison& g);

// headline_only: the terminal's default view (comparison_text_narrow); otherwise every metric with
// every column (comparison_text_wide, `--wide`).
std::string comparison_text(const std::vector<GroupComparison>& groups, bool headline_only);
std::string comparison_text_wide(const std::vector<GroupComparison>& groups, bool headline_only);
// Fits `columns` (100 by default): the answer first (Pareto sentence, best per metric, what each policy
// gains and costs), then the headline metrics that differ, constant ones folded into one line.
std::string comparison_text_narrow(const std::vector<GroupComparison>& groups, int columns = 100);
// The ranking lines: place (ties share it), policy, who beats it outright, who it is tied with.
std::string ranking_text(const GroupComparison& g, int width);
std::string comparison_markdown(const std::vector<GroupComparison>& groups);

// run_dir paths in runs.csv are written relative to `base_dir` (the CSV's directory), so that a
// directory moved as a whole still works.
void write_runs_csv(const std::string& path, const RunSet& set, const std::string& base_dir);
void write_comparison_csv(const std::string& path, const std::vector<GroupComparison>& groups);

}  // namespace drydock
