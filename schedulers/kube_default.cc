// `kube-default`: kube-scheduler's default scoring profile, restricted to what drydock models, with its
// default weights and its default sampling (adaptive percentageOfNodesToScore):
//   NodeResourcesFit (LeastAllocated, cpu and memory weight 1) .... weight 1
//   NodeResourcesBalancedAllocation (cpu, memory) ................. weight 1
//   PodTopologySpread, system defaults (fewer replicas of the same
//     service on the host and in its `zone`), normalised reversed . weight 2
//   TaintToleration (fewer untolerated PreferNoSchedule taints) ... weight 3
// fit=most-allocated or requested-to-capacity-ratio (with shape) swaps NodeResourcesFit's scoring
// strategy, cpu_weight / memory_weight / gpu_weight its resource weights, as a KubeSchedulerConfiguration
// does (workloads/kubernetes/scheduler_config.h maps one to these parameters); a weight of 0 leaves
// the plugin out (disabled).
// ImageLocality, InterPodAffinity and NodeAffinity score the same for every host in drydock's model and
// are left out (they would add a constant). Filters: resources, schedulable, constraints (nodeSelector),
// max per host, taints (NoSchedule), anti-affinity.
// The selector-spread and taint-toleration score plugins are defined here.
#include "schedulers/builtin_policies.h"
#include "schedulers/label_domains.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

class SelectorSpreadScore final : public ScorePlugin {
 public:
  std::string_view name() const override { return "topology-spread(default)"; }
  Normalize normalize() const override { return Normalize::kScaleToMaxReverse; }
  bool host_local() const override { return false; }
  void prepare(const HostColumns& c, const PlacementRequest& r) override {
    svc_ = c.state->service_counts(r.service);
    zones_.update(*c.state);
    zones_.sum(svc_, zone_counts_);
  }
  double score_one(const HostColumns& c, std::uint32_t h) const override {
    if (svc_.empty()) return 0;
    const std::int32_t z = zones_.domain(h);
    return static_cast<double>(svc_[h]) + (z == LabelDomains::kNone ? 0.0 : static_cast<double>(zone_counts_[z]));
  }
  void score_all(const HostColumns& c, double* out) const override {
    for (std::uint32_t h = 0; h < c.hosts; ++h) out[h] = score_one(c, h);
  }
  void add_all(const HostColumns& c, double w, double* total) const override {
    for (std::uint32_t h = 0; h < c.hosts; ++h) total[h] += w * score_one(c, h);
  }

 private:
  std::span<const std::uint32_t> svc_;
  LabelDomains zones_{"zone"};
  std::vector<std::uint64_t> zone_counts_;
};

class TaintTolerationScore final : public ScorePlugin {
 public:
  explicit TaintTolerationScore(std::shared_ptr<const PlacementRules> rules) : rules_(std::move(rules)) {}
  std::string_view name() const override { return "taint-toleration"; }
  Normalize normalize() const override { return Normalize::kScaleToMaxReverse; }
  bool host_local() const override { return false; }  // normalised against the other hosts
  void prepare(const HostColumns& c, const PlacementRequest& r) override {
    tolerations_ = tolerations_of(*rules_, *r.spec);
    for (std::size_t h = soft_.size(); h < c.hosts; ++h) {
      std::vector<Taint> soft;
      for (auto& t : host_taints(c.state->host(HostId(static_cast<HostId::repr>(h)))))
        if (t.effect == "PreferNoSchedule") soft.push_back(std::move(t));
      soft_.push_back(std::move(soft));
    }
  }
  double score_one(const HostColumns&, std::uint32_t h) const override {
    double n = 0;
    for (const Taint& t : soft_[h]) n += tolerates(tolerations_, t) ? 0 : 1;
    return n;
  }
  void score_all(const HostColumns& c, double* out) const override {
    for (std::uint32_t h = 0; h < c.hosts; ++h) out[h] = score_one(c, h);
  }
  void add_all(const HostColumns& c, double w, double* total) const override {
    for (std::uint32_t h = 0; h < c.hosts; ++h) total[h] += w * score_one(c, h);
  }

 private:
  std::shared_ptr<const PlacementRules> rules_;
  std::vector<Toleration> tolerations_;
  std::vector<std::vector<Taint>> soft_;
};

}  // namespace

std::unique_ptr<ScorePlugin> make_selector_spread_score() { return std::make_unique<SelectorSpreadScore>(); }
std::unique_ptr<ScorePlugin> make_taint_toleration_score(std::shared_ptr<const PlacementRules> rules) {
  return std::make_unique<TaintTolerationScore>(std::move(rules));
}

void register_kube_default(PolicyRegistry& registry) {
  registry.add({"kube-default",
                "kube-scheduler default profile: LeastAllocated 1, BalancedAllocation 1, TopologySpread 2, "
                "TaintToleration 3; adaptive sampling",
                std::string("fit_weight=1, balanced_weight=1, spread_weight=2, taint_weight=3, "
                            "fit=least-allocated|most-allocated|requested-to-capacity-ratio, cpu_weight=1, "
                            "memory_weight=1, gpu_weight=0, shape=0:0,100:10 (fit's), sample=kubernetes; ") +
                    kCommonParams,
                [](const PolicyParams& p) {
                  check_params(p, "kube-default", {"fit_weight", "balanced_weight", "spread_weight", "taint_weight", "fit",
                                                   "cpu_weight", "memory_weight", "gpu_weight", "shape"});
                  auto rules = std::make_shared<const PlacementRules>(
                      parse_rules(p.text("tolerations", ""), p.text("anti_affinity", "")));
                  const std::string fit = p.text("fit", "least-allocated");
                  const ResourceWeights weights = resource_weights(p);
                  std::unique_ptr<ScorePlugin> fit_score;
                  if (fit == "least-allocated") fit_score = make_least_allocated_score(weights);
                  else if (fit == "most-allocated") fit_score = make_most_allocated_score(weights);
                  else if (fit == "requested-to-capacity-ratio")
                    fit_score = make_requested_to_capacity_ratio_score(p.text("shape", "0:0,100:10"), weights);
                  else throw std::invalid_argument("kube-default: fit must be least-allocated, most-allocated or "
                                                   "requested-to-capacity-ratio, got '" + fit + "'");
                  if (p.all().count("shape") && fit != "requested-to-capacity-ratio")
                    throw std::invalid_argument("kube-default: shape is for fit=requested-to-capacity-ratio");
                  std::vector<WeightedScore> scores;
                  const auto add = [&](std::unique_ptr<ScorePlugin> s, double weight) {
                    if (weight < 0) throw std::invalid_argument("kube-default: a weight must not be negative");
                    if (weight > 0) scores.push_back({std::move(s), weight});
                  };
                  add(std::move(fit_score), p.number("fit_weight", 1));
                  add(make_balanced_allocation_score({}), p.number("balanced_weight", 1));
                  add(make_selector_spread_score(), p.number("spread_weight", 2));
                  add(make_taint_toleration_score(rules), p.number("taint_weight", 3));
                  return make_framework_policy("kube-default", p, std::move(scores), SamplingOptions::Kind::kKubernetes);
                }});
}

}  // namespace drydock
