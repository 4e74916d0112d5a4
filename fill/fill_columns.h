// The reduction of a fill experiment's per-attempt rows to one row per integer arrived-workload
// percentage, exactly as the paper's published tables were made (FGD-PROTOCOL.md 1.5 and 2.4): each
// row's x is round-half-even(100 x arrived / capacity); a column is the mean of the rows with that x,
// or of the rows within +-1 when it has none, or empty. Allocation rows are rounded to 2 decimals
// before the mean (as Python's round does it), the mean again to 2 decimals.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "fill/fill_experiment.h"

namespace drydock::fill {

struct FillColumn {
  int arrived_pct = 0;
  bool empty = true;
  double gpu_alloc_pct = 0;   // allocated GPU milli, % of capacity
  double frag_pct = 0;        // fragmented GPU milli, % of capacity
  double frag_ratio_pct = 0;  // fragmented GPU milli, % of idle GPU milli (not rounded)
};

// Columns 0..last_column (100 x inflate for the paper's tables).
std::vector<FillColumn> reduce_columns(std::span<const FillEvent> events, std::int64_t capacity_milli, int last_column);

// Python's round(x, digits): the exact binary value rounded half-to-even to `digits` decimals.
double python_round(double x, int digits);

}  // namespace drydock::fill
