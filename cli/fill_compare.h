// `drydock compare --trace openb:NODES.csv,PODS.csv --policies ... --seeds 42..51 --out DIR`: fill
// experiments over policies x seeds (in-process, in parallel), then the paper's figures and a report:
//   DIR/runs/<policy>/seed-<s>/   each experiment's results (cli/fill_output.h); existing ones are reused
//   DIR/fill-columns.csv          policy,seed,arrived_pct,gpu_alloc_pct,frag_pct,frag_ratio_pct
//   DIR/plots/*.png               analysis/fill_plots.py
//   DIR/report.md                 the table at 100 % arrived and the figures
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace drydock::cli {

struct FillCompareOptions {
  std::string trace;
  std::vector<std::string> policies;  // default: the paper's six
  std::vector<std::int64_t> seeds;
  double inflate = 1.3;
  std::string out;
  int jobs = 0;  // 0: one per core
  bool plots = true;
  bool quiet = false;
};

int fill_compare(const FillCompareOptions& options);

// "--seeds": "N" (N seeds from `first`) or "A..B" (inclusive). Throws naming the option.
std::vector<std::int64_t> parse_seeds(const std::string& text, std::int64_t first);

}  // namespace drydock::cli
