// Reading policy parameters: the options every framework policy accepts, and strict checking so that a
// misspelt parameter in a scenario is an error rather than a silently ignored default.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "schedulers/filters.h"
#include "schedulers/framework.h"

namespace drydock {

// The parameters every framework policy accepts, for `drydock policies` (README explains them).
inline constexpr const char* kCommonParams =
    "common: sample=none|kubernetes|nomad, percentage, limit, tie_break=random|lowest, index=true, tolerations, "
    "anti_affinity";

// Throws std::invalid_argument naming the accepted keys when `params` holds any other key.
void check_params(const PolicyParams& params, std::string_view policy, std::initializer_list<std::string_view> own);

bool flag(const PolicyParams& params, const std::string& key, bool fallback);

// sample / percentage / limit / tie_break / index, with the policy's own default sampling.
PipelineOptions pipeline_options(const PolicyParams& params,
                                 SamplingOptions::Kind default_sampling = SamplingOptions::Kind::kNone);

// The standard filters configured from tolerations / anti_affinity.
std::vector<std::unique_ptr<FilterPlugin>> filters_from(const PolicyParams& params);

// Per-resource weights (cpu_weight, memory_weight, gpu_weight), as in Kubernetes' scoring strategy.
struct ResourceWeights {
  double w[kDims] = {1, 1, 0};
  double sum() const { return w[0] + w[1] + w[2]; }
};
ResourceWeights resource_weights(const PolicyParams& params, ResourceWeights defaults = {});

// Builds the usual framework scheduler: standard filters, the given scores, common options.
std::unique_ptr<Scheduler> make_framework_policy(std::string name, const PolicyParams& params,
                                                 std::vector<WeightedScore> scores,
                                                 SamplingOptions::Kind default_sampling = SamplingOptions::Kind::kNone,
                                                 std::vector<std::unique_ptr<FilterPlugin>> extra_filters = {});

}  // namespace drydock
