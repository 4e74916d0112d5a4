// `spread`: Docker Swarm's default strategy. Among hosts that pass the filters, the one with the fewest
// replicas of this service, then the fewest tasks overall; exact ties are broken by the seeded Rng.
//
// Placement preferences (Swarm's `--placement-pref spread=node.labels.zone`): parameter
// `preferences=zone` (or `node.labels.zone`; several keys separated by `;` form a hierarchy). Replicas
// are first spread evenly over the label's values (the value holding the fewest replicas of the
// service, among values with a feasible host), then over hosts within it. Hosts without the label form
// one more group, as in Swarm.
//
// The score is the lexicographic key (group counts..., replicas of the service on the host, tasks on the
// host), negated and packed into one double (exact: 52 bits shared between the fields; a field that
// would overflow its bits saturates). Without preferences it depends only on the host's own state, so
// the incremental index applies.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "schedulers/builtin_policies.h"
#include "schedulers/label_domains.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

class SpreadScore final : public ScorePlugin {
 public:
  explicit SpreadScore(std::vector<std::string> keys) {
    for (auto& k : keys) levels_.emplace_back(std::move(k));
    // Bits per field: tasks and service replicas 16 each; the rest (20) split between the levels.
    level_bits_ = levels_.empty() ? 0 : 20 / static_cast<int>(levels_.size());
  }
  std::string_view name() const override { return "spread"; }
  bool host_local() const override { return levels_.empty(); }

  void prepare(const HostColumns& c, const PlacementRequest& r) override {
    svc_ = c.state->service_counts(r.service);
    for (std::size_t l = 0; l < levels_.size(); ++l) {
      levels_[l].update(*c.state);
      level_counts_.resize(levels_.size());
      levels_[l].sum(svc_, level_counts_[l]);
      // Hosts without the label form one group of their own.
      std::uint64_t unlabelled = 0;
      if (!svc_.empty())
        for (std::size_t h = 0; h < c.hosts; ++h)
          if (levels_[l].domain(h) == LabelDomains::kNone) unlabelled += svc_[h];
      level_counts_[l].push_back(unlabelled);
    }
  }
  double key(const HostColumns& c, std::size_t i) const {
    auto sat = [](std::uint64_t v, int bits) { return static_cast<double>(std::min<std::uint64_t>(v, (1ull << bits) - 1)); };
    double k = 0;
    for (std::size_t l = 0; l < levels_.size(); ++l) {
      const std::int32_t d = levels_[l].domain(i);
      const std::uint64_t count = level_counts_[l][d == LabelDomains::kNone ? level_counts_[l].size() - 1 : d];
      k = k * std::ldexp(1.0, level_bits_) + sat(count, level_bits_);
    }
    k = k * 65536.0 + sat(svc_.empty() ? 0 : svc_[i], 16);
    return k * 65536.0 + sat(c.tasks[i], 16);
  }
  void score_all(const HostColumns& c, double* out) const override {
    if (levels_.empty()) {
      // The common case, kept branch-free: -(service replicas * 2^16 + tasks).
      for (std::size_t i = 0; i < c.hosts; ++i) out[i] = -one(c, i);
      return;
    }
    for (std::size_t i = 0; i < c.hosts; ++i) out[i] = -key(c, i);
  }
  void add_all(const HostColumns& c, double w, double* total) const override {
    if (levels_.empty()) {
      for (std::size_t i = 0; i < c.hosts; ++i) total[i] += w * -one(c, i);
      return;
    }
    for (std::size_t i = 0; i < c.hosts; ++i) total[i] += w * -key(c, i);
  }
  double score_one(const HostColumns& c, std::uint32_t h) const override {
    return levels_.empty() ? -one(c, h) : -key(c, h);
  }
  // The key's fields, fewest first wins: "zone:4 svc:2 tasks:7" (the label group's replicas of the
  // service, then the host's, then its tasks).
  std::string describe(const HostColumns& c, std::uint32_t h) const override {
    std::string text;
    for (std::size_t l = 0; l < levels_.size(); ++l) {
      const std::int32_t d = levels_[l].domain(h);
      const std::uint64_t count = level_counts_[l][d == LabelDomains::kNone ? level_counts_[l].size() - 1 : d];
      text += levels_[l].key() + ":" + std::to_string(count) + " ";
    }
    text += "svc:" + std::to_string(svc_.empty() ? 0 : svc_[h]) + " tasks:" + std::to_string(c.tasks[h]);
    return text;
  }
  // Fused filter + score pass (see ScorePlugin::init_all), for the common case without preferences.
  void init_all(const HostColumns& columns, const Resources& r, double w, double* total) const override {
    if (!init_block(columns, r, w, total, 0, columns.hosts)) ScorePlugin::init_all(columns, r, w, total);
  }
  bool init_block(const HostColumns& columns, const Resources& r, double w, double* total, std::size_t begin,
                  std::size_t end) const override {
    if (!levels_.empty()) return false;
    if (r.gpu > 0)
      fused<true>(columns, r, w, total, begin, end);
    else
      fused<false>(columns, r, w, total, begin, end);
    return true;
  }

 private:
  // Local copies of the columns and the request: stores to `total` then cannot alias them, so the
  // compiler keeps them in registers and vectorises the loop (with a reference to the request, the gpu
  // variant stayed scalar).
  template <bool kGpu>
  void fused(const HostColumns& columns, const Resources& request, double w, double* total, std::size_t begin,
             std::size_t end) const {
    constexpr double kNeg = -std::numeric_limits<double>::infinity();
    const HostColumns c = columns;
    const Resources r = request;
    const std::uint32_t* svc = svc_.data();
    if (svc_.empty()) {
      for (std::size_t i = begin; i < end; ++i)
        total[i] = w * -(0.0 * 65536.0 + static_cast<double>(std::min<std::uint32_t>(c.tasks[i], 65535))) +
                   (fits_at_t<kGpu>(c, r, i) ? 0.0 : kNeg);
      return;
    }
    for (std::size_t i = begin; i < end; ++i)
      total[i] = w * -(static_cast<double>(std::min<std::uint32_t>(svc[i], 65535)) * 65536.0 +
                       static_cast<double>(std::min<std::uint32_t>(c.tasks[i], 65535))) +
                 (fits_at_t<kGpu>(c, r, i) ? 0.0 : kNeg);
  }
  double one(const HostColumns& c, std::size_t i) const {
    const double s = svc_.empty() ? 0.0 : static_cast<double>(std::min<std::uint32_t>(svc_[i], 65535));
    return s * 65536.0 + static_cast<double>(std::min<std::uint32_t>(c.tasks[i], 65535));
  }
  std::vector<LabelDomains> levels_;
  std::vector<std::vector<std::uint64_t>> level_counts_;
  int level_bits_ = 0;
  std::span<const std::uint32_t> svc_;
};

std::vector<std::string> preference_keys(const std::string& text) {
  std::vector<std::string> keys;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    std::string k = text.substr(start, end - start);
    k.erase(0, k.find_first_not_of(" \t"));
    k.erase(k.find_last_not_of(" \t") + 1);
    if (k.rfind("spread=", 0) == 0) k = k.substr(7);
    if (k.rfind("node.labels.", 0) == 0) k = k.substr(12);
    if (!k.empty()) keys.push_back(k);
    start = end + 1;
  }
  if (keys.size() > 4) throw std::invalid_argument("spread: at most 4 placement preferences");
  return keys;
}

}  // namespace

void register_spread(PolicyRegistry& registry) {
  registry.add({"spread",
                "Docker Swarm: fewest replicas of the service, then fewest tasks; optional placement preferences",
                std::string("preferences=\"\" (label keys, `;`-separated, e.g. zone;rack); ") + kCommonParams,
                [](const PolicyParams& p) {
                  check_params(p, "spread", {"preferences"});
                  std::vector<WeightedScore> scores;
                  scores.push_back({std::make_unique<SpreadScore>(preference_keys(p.text("preferences", ""))), 1});
                  return make_framework_policy("spread", p, std::move(scores));
                }});
}

}  // namespace drydock
