#include "schedulers/params.h"

#include <stdexcept>

namespace drydock {

void check_params(const PolicyParams& params, std::string_view policy, std::initializer_list<std::string_view> own) {
  static constexpr std::string_view common[] = {"sample", "percentage", "limit", "tie_break",
                                                "index", "tolerations", "anti_affinity"};
  for (const auto& [key, value] : params.all()) {
    bool known = false;
    for (auto k : common) known = known || key == k;
    for (auto k : own) known = known || key == k;
    if (known) continue;
    std::string list;
    for (auto k : own) list += std::string(list.empty() ? "" : ", ") + std::string(k);
    for (auto k : common) list += std::string(list.empty() ? "" : ", ") + std::string(k);
    throw std::invalid_argument("policy '" + std::string(policy) + "' has no parameter '" + key + "' (known: " +
                                list + ")");
  }
}

bool flag(const PolicyParams& params, const std::string& key, bool fallback) {
  const std::string v = params.text(key, fallback ? "true" : "false");
  if (v == "true" || v == "yes" || v == "1" || v == "on") return true;
  if (v == "false" || v == "no" || v == "0" || v == "off") return false;
  throw std::invalid_argument("policy parameter '" + key + "' must be true or false, got '" + v + "'");
}

PipelineOptions pipeline_options(const PolicyParams& params, SamplingOptions::Kind default_sampling) {
  PipelineOptions o;
  o.sampling.kind = default_sampling;
  const std::string sample = params.text("sample", "");
  if (sample == "none")
    o.sampling.kind = SamplingOptions::Kind::kNone;
  else if (sample == "kubernetes" || sample == "k8s")
    o.sampling.kind = SamplingOptions::Kind::kKubernetes;
  else if (sample == "nomad")
    o.sampling.kind = SamplingOptions::Kind::kNomad;
  else if (!sample.empty())
    throw std::invalid_argument("policy parameter 'sample' must be none, kubernetes or nomad, got '" + sample + "'");
  o.sampling.percentage = params.number("percentage", 0);
  o.sampling.limit = static_cast<int>(params.number("limit", 0));
  if (o.sampling.percentage < 0 || o.sampling.percentage > 100)
    throw std::invalid_argument("policy parameter 'percentage' must be within 0..100");
  if (o.sampling.limit < 0) throw std::invalid_argument("policy parameter 'limit' must not be negative");
  const std::string tie = params.text("tie_break", "random");
  if (tie != "random" && tie != "lowest")
    throw std::invalid_argument("policy parameter 'tie_break' must be random or lowest, got '" + tie + "'");
  o.random_ties = tie == "random";
  o.use_index = flag(params, "index", true);
  return o;
}

std::vector<std::unique_ptr<FilterPlugin>> filters_from(const PolicyParams& params) {
  auto rules = std::make_shared<const PlacementRules>(
      parse_rules(params.text("tolerations", ""), params.text("anti_affinity", "")));
  return standard_filters(rules);
}

ResourceWeights resource_weights(const PolicyParams& params, ResourceWeights defaults) {
  ResourceWeights w = defaults;
  const char* keys[kDims] = {"cpu_weight", "memory_weight", "gpu_weight"};
  for (std::size_t d = 0; d < kDims; ++d) {
    w.w[d] = params.number(keys[d], defaults.w[d]);
    if (w.w[d] < 0) throw std::invalid_argument(std::string("policy parameter '") + keys[d] + "' must not be negative");
  }
  if (w.sum() <= 0) throw std::invalid_argument("at least one resource weight must be positive");
  return w;
}

std::unique_ptr<Scheduler> make_framework_policy(std::string name, const PolicyParams& params,
                                                 std::vector<WeightedScore> scores,
                                                 SamplingOptions::Kind default_sampling,
                                                 std::vector<std::unique_ptr<FilterPlugin>> extra_filters) {
  auto filters = filters_from(params);
  for (auto& f : extra_filters) filters.push_back(std::move(f));
  return std::make_unique<FrameworkScheduler>(std::move(name), pipeline_options(params, default_sampling),
                                              std::move(filters), std::move(scores));
}

}  // namespace drydock
