// `topology-spread`: Kubernetes PodTopologySpread with one constraint over a host label.
//   Filter (when_unsatisfiable=DoNotSchedule): a host must carry the label, and placing the replica in
//   its domain must keep  count(domain) + 1 - min(count over eligible domains) <= max_skew,  where the
//   counts are replicas of the service and the eligible domains are those with at least one schedulable
//   host matching the service's label constraints (Kubernetes' nodeAffinityPolicy=Honor).
//   Score: fewer replicas of the service in the host's domain is better (normalised, reversed); hosts
//   without the label score as the fullest domain. With ScheduleAnyway only the score applies.
// Parameters: topology_key=hostname (every host its own domain; or a label key such as zone), max_skew=1, when_unsatisfiable=DoNotSchedule|ScheduleAnyway.
#include <algorithm>
#include <stdexcept>

#include "schedulers/builtin_policies.h"
#include "schedulers/label_domains.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

// Replicas of the service per domain, shared by the filter and the score of one policy instance.
struct DomainCounts {
  explicit DomainCounts(std::string key) : domains(std::move(key)) {}
  LabelDomains domains;
  std::vector<std::uint64_t> counts;
  std::uint64_t min_eligible = 0;
  std::uint64_t max_count = 0;

  void compute(const HostColumns& c, const PlacementRequest& r) {
    domains.update(*c.state);
    domains.sum(c.state->service_counts(r.service), counts);
    std::vector<std::uint8_t> eligible(domains.domain_count(), 0);
    for (std::size_t h = 0; h < c.hosts; ++h) {
      const std::int32_t d = domains.domain(h);
      if (d == LabelDomains::kNone || eligible[d] || !c.schedulable[h]) continue;
      const Labels& labels = c.state->host(HostId(static_cast<HostId::repr>(h))).labels;
      bool ok = true;
      for (const Constraint& k : r.spec->constraints) {
        auto it = labels.find(k.key);
        ok = ok && ((it != labels.end() && it->second == k.value) == k.equal);
      }
      eligible[d] = ok;
    }
    bool any = false;
    max_count = 0;
    for (std::size_t d = 0; d < counts.size(); ++d) {
      max_count = std::max(max_count, counts[d]);
      if (!eligible[d]) continue;
      min_eligible = any ? std::min(min_eligible, counts[d]) : counts[d];
      any = true;
    }
    if (!any) min_eligible = 0;
  }
};

class SkewFilter final : public FilterPlugin {
 public:
  SkewFilter(std::shared_ptr<DomainCounts> counts, std::uint64_t max_skew)
      : counts_(std::move(counts)), max_skew_(max_skew) {}
  std::string_view name() const override { return "topology-spread"; }
  bool host_local() const override { return false; }
  bool prepare(const HostColumns& c, const PlacementRequest& r) override {
    counts_->compute(c, r);
    return true;
  }
  bool check(const HostColumns&, std::uint32_t h, const PlacementRequest&) const override {
    const std::int32_t d = counts_->domains.domain(h);
    if (d == LabelDomains::kNone) return false;
    return counts_->counts[static_cast<std::size_t>(d)] + 1 <= counts_->min_eligible + max_skew_;
  }
  std::string reason(const PlacementRequest&) const override {
    return "topology spread (max skew " + std::to_string(max_skew_) + " over " + counts_->domains.key() +
           ", or label missing)";
  }

 private:
  std::shared_ptr<DomainCounts> counts_;
  std::uint64_t max_skew_;
};

class DomainScore final : public ScorePlugin {
 public:
  DomainScore(std::shared_ptr<DomainCounts> counts, bool compute) : counts_(std::move(counts)), compute_(compute) {}
  std::string_view name() const override { return "topology-spread"; }
  Normalize normalize() const override { return Normalize::kScaleToMaxReverse; }
  bool host_local() const override { return false; }
  void prepare(const HostColumns& c, const PlacementRequest& r) override {
    if (compute_) counts_->compute(c, r);  // otherwise the filter computed them for this decision
  }
  double score_one(const HostColumns&, std::uint32_t h) const override {
    const std::int32_t d = counts_->domains.domain(h);
    return static_cast<double>(d == LabelDomains::kNone ? counts_->max_count : counts_->counts[static_cast<std::size_t>(d)]);
  }
  void score_all(const HostColumns& c, double* out) const override {
    for (std::uint32_t h = 0; h < c.hosts; ++h) out[h] = score_one(c, h);
  }
  void add_all(const HostColumns& c, double w, double* total) const override {
    for (std::uint32_t h = 0; h < c.hosts; ++h) total[h] += w * score_one(c, h);
  }

 private:
  std::shared_ptr<DomainCounts> counts_;
  bool compute_;
};

}  // namespace

void register_topology_spread(PolicyRegistry& registry) {
  registry.add({"topology-spread", "Kubernetes PodTopologySpread: max skew of replicas across the values of a label",
                std::string("topology_key=hostname (each host; or a label such as zone), max_skew=1, when_unsatisfiable=DoNotSchedule|ScheduleAnyway; ") +
                    kCommonParams,
                [](const PolicyParams& p) {
                  check_params(p, "topology-spread", {"topology_key", "max_skew", "when_unsatisfiable"});
                  std::string key = p.text("topology_key", "hostname");
                  if (key.rfind("node.labels.", 0) == 0) key = key.substr(12);
                  const double skew = p.number("max_skew", 1);
                  if (skew < 1) throw std::invalid_argument("topology-spread: max_skew must be at least 1");
                  const std::string when = p.text("when_unsatisfiable", "DoNotSchedule");
                  if (when != "DoNotSchedule" && when != "ScheduleAnyway")
                    throw std::invalid_argument("topology-spread: when_unsatisfiable must be DoNotSchedule or ScheduleAnyway");
                  auto counts = std::make_shared<DomainCounts>(key);
                  std::vector<std::unique_ptr<FilterPlugin>> extra;
                  const bool hard = when == "DoNotSchedule";
                  if (hard) extra.push_back(std::make_unique<SkewFilter>(counts, static_cast<std::uint64_t>(skew)));
                  std::vector<WeightedScore> scores;
                  scores.push_back({std::make_unique<DomainScore>(counts, !hard), 1});
                  return make_framework_policy("topology-spread", p, std::move(scores), SamplingOptions::Kind::kNone,
                                               std::move(extra));
                }});
}

}  // namespace drydock
