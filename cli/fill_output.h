// The results directory of one fill experiment (`drydock fill`, and each run of a fill `compare`):
//   fill.csv        arrived_pct,gpu_alloc_pct,frag_pct,frag_ratio_pct: one row per integer arrived-%
//                   (the published tables' reduction, FGD-PROTOCOL.md 1.5 and 2.4)
//   placements.csv  one row per pod attempt: where it went, which GPUs, the cluster after it
//   summary.json    the run's identity and headline figures (deterministic: same input, same bytes
//                   but for code_version)
//   perf.json       wall-clock time (varies run to run, so kept apart)
#pragma once

#include <string>
#include <vector>

#include "fill/fill_columns.h"
#include "fill/fill_experiment.h"

namespace drydock::cli {

struct FillRunInfo {
  std::string trace;  // as given to --trace
  double wall_seconds = 0;
};

// The 0..100 x inflate columns of a finished experiment.
std::vector<fill::FillColumn> fill_columns(const fill::FillResult& r, double inflate);
std::string fill_csv(const std::vector<fill::FillColumn>& columns);
void write_fill_results(const std::string& dir, const fill::FillSetup& setup, const fill::FillResult& r,
                        const FillRunInfo& info);

}  // namespace drydock::cli
