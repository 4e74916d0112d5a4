#include "schedulers/nomad_score.h"

#include <cmath>

#include "schedulers/label_domains.h"

namespace drydock {
namespace {

class NomadScore final : public ScorePlugin {
 public:
  NomadScore(NomadAlgorithm algorithm, bool anti_affinity, const std::string& attribute)
      : algorithm_(algorithm), anti_affinity_(anti_affinity), attribute_(attribute), domains_(attribute) {}
  std::string_view name() const override {
    return algorithm_ == NomadAlgorithm::kBinpack ? "nomad-binpack" : "nomad-spread";
  }
  bool host_local() const override { return attribute_.empty(); }

  void prepare(const HostColumns& c, const PlacementRequest& r) override {
    req_ = r.spec->request;
    svc_ = c.state->service_counts(r.service);
    desired_ = r.spec->replicas > 0 ? r.spec->replicas : 1;
    if (!attribute_.empty()) {
      domains_.update(*c.state);
      domains_.sum(svc_, use_);
    }
  }
  double score_one(const HostColumns& c, std::uint32_t h) const override {
    const double free_cpu = 1.0 - (c.alloc[0][h] + req_.cpu) * c.inv_cap[0][h];
    const double free_mem = 1.0 - (c.alloc[1][h] + req_.memory_mib) * c.inv_cap[1][h];
    const double total = std::pow(10.0, free_cpu) + std::pow(10.0, free_mem);
    double fit = algorithm_ == NomadAlgorithm::kBinpack ? 20.0 - total : total - 2.0;
    fit = fit < 0 ? 0 : fit > 18 ? 18 : fit;
    double sum = fit / 18.0;
    int scores = 1;
    const std::uint32_t collisions = svc_.empty() ? 0 : svc_[h];
    if (anti_affinity_ && collisions > 0) {
      sum += -static_cast<double>(collisions + 1) / desired_;
      ++scores;
    }
    if (!attribute_.empty()) {
      const double boost = even_spread_boost(h);
      if (boost != 0.0) {
        sum += boost;
        ++scores;
      }
    }
    return 100.0 * sum / scores;
  }
  void score_all(const HostColumns& c, double* out) const override {
    for (std::uint32_t h = 0; h < c.hosts; ++h) out[h] = score_one(c, h);
  }
  void add_all(const HostColumns& c, double w, double* total) const override {
    for (std::uint32_t h = 0; h < c.hosts; ++h) total[h] += w * score_one(c, h);
  }

 private:
  // Nomad's evenSpreadScoreBoost (scheduler/spread.go), over the values of the attribute that hold
  // replicas of the service.
  double even_spread_boost(std::uint32_t h) const {
    std::uint64_t min = 0, max = 0;
    bool any = false;
    for (std::uint64_t v : use_) {
      if (v == 0) continue;  // Nomad's use map only has values with allocations
      min = any ? std::min(min, v) : v;
      max = any ? std::max(max, v) : v;
      any = true;
    }
    if (!any) return 0.0;
    const std::int32_t d = domains_.domain(h);
    if (d == LabelDomains::kNone) return -1.0;
    const std::uint64_t current = use_[static_cast<std::size_t>(d)];
    if (current != min) return (static_cast<double>(min) - static_cast<double>(current)) / static_cast<double>(min);
    if (min == max) return -1.0;
    return static_cast<double>(max - min) / static_cast<double>(min);
  }

  NomadAlgorithm algorithm_;
  bool anti_affinity_;
  std::string attribute_;
  LabelDomains domains_;
  std::vector<std::uint64_t> use_;
  Resources req_;
  std::span<const std::uint32_t> svc_;
  double desired_ = 1;
};

}  // namespace

std::unique_ptr<ScorePlugin> make_nomad_score(NomadAlgorithm algorithm, bool job_anti_affinity,
                                              const std::string& spread_attribute) {
  return std::make_unique<NomadScore>(algorithm, job_anti_affinity, spread_attribute);
}

}  // namespace drydock
