// The variants a `drydock compare` sweep runs, and the child command of each run.
//   --policies a,b[k=v]   --variant NAME[K=V,...] (repeatable)   --param K=V (every variant)
//   --set policy.params.K=v1,v2   (a grid axis on a parameter of every variant)
// Each variant is checked by building its policy before anything runs, so an unknown policy or a
// parameter the policy refuses fails at once, naming the variant. Aliases (binpack = most-allocated)
// with the same parameters run once.
#pragma once

#include <string>
#include <vector>

#include "analysis/sweep_plan.h"

namespace drydock::cli {

struct VariantOptions {
  std::string policies;               // comma-separated labels; empty: every registered policy
  std::vector<std::string> variants;  // --variant labels
  std::vector<std::string> params;    // --param key=value, applied to every variant
};

// Variant labels in the order given (--policies first, then --variant), aliases dropped with a note on
// stderr. Throws std::invalid_argument naming the option and label at fault.
std::vector<std::string> sweep_variants(const VariantOptions& options);

// Checks that every variant builds with every grid point's policy parameters.
void check_variants_on_grid(const std::vector<std::string>& variants, const std::vector<GridPoint>& points);

// The grid point's scenario settings (policy parameters left out): what edits the scenario file.
std::vector<std::pair<std::string, std::string>> scenario_settings(const GridPoint& point);

// `--policy NAME --param K=V ...` for one run: the variant's parameters, then the grid point's.
std::vector<std::string> policy_args(const std::string& variant, const GridPoint& point);

}  // namespace drydock::cli
