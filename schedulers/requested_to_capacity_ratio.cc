// `requested-to-capacity-ratio`: Kubernetes NodeResourcesFit with the RequestedToCapacityRatio strategy.
// Per resource, utilisation = requested_after * 100 / capacity (integer); the score is a piecewise-linear
// function of it given by `shape` points "utilisation:score" (score 0..10, scaled to 0..100 as
// Kubernetes does), flat before the first and after the last point; the host score is the weighted mean,
// rounded (all in integers, as Kubernetes computes it). shape=0:0,100:10 (the default) packs like most-allocated; 0:10,100:0 spreads.
// Parameters: shape="0:0,100:10", cpu_weight=1, memory_weight=1, gpu_weight=0.
#include <cmath>
#include <stdexcept>

#include "schedulers/builtin_policies.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

struct Point {
  double utilisation, score;  // score already scaled to 0..100
};

std::vector<Point> parse_shape(const std::string& text) {
  std::vector<Point> points;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, end - start);
    const std::size_t colon = item.find(':');
    try {
      if (colon == std::string::npos) throw std::invalid_argument(item);
      const double u = std::stod(item.substr(0, colon)), s = std::stod(item.substr(colon + 1));
      if (u < 0 || u > 100 || s < 0 || s > 10) throw std::invalid_argument(item);
      if (!points.empty() && u <= points.back().utilisation) throw std::invalid_argument(item);
      points.push_back({u, s * 10.0});
    } catch (const std::exception&) {
      throw std::invalid_argument("requested-to-capacity-ratio: shape must be increasing UTIL:SCORE points "
                                  "(util 0..100, score 0..10), e.g. 0:0,100:10; got '" + text + "'");
    }
    start = end + 1;
  }
  if (points.empty()) throw std::invalid_argument("requested-to-capacity-ratio: empty shape");
  return points;
}

class RequestedToCapacityRatioScore final : public HostScore<RequestedToCapacityRatioScore> {
 public:
  RequestedToCapacityRatioScore(std::vector<Point> shape, ResourceWeights w) : shape_(std::move(shape)), w_(w) {}
  std::string_view name() const override { return "requested-to-capacity-ratio"; }
  void prepare(const HostColumns&, const PlacementRequest& r) override { req_ = r.spec->request; }
  double at(const HostColumns& c, std::size_t i) const {
    double s = 0;
    for (std::size_t d = 0; d < kDims; ++d) {
      if (w_.w[d] == 0) continue;
      // As in Kubernetes, a host with none of a resource, or not enough, scores as fully utilised.
      const double cap = c.cap[d][i], requested = c.alloc[d][i] + req_[static_cast<Dim>(d)];
      const bool fits = cap > 0 && requested <= cap;
      s += w_.w[d] * curve(fits ? std::floor(requested * 100.0 * c.inv_cap[d][i] + 1e-9) : 100.0);
    }
    return std::round(s / w_.sum());
  }

 private:
  double curve(double u) const {
    if (u <= shape_.front().utilisation) return shape_.front().score;
    for (std::size_t k = 1; k < shape_.size(); ++k)
      if (u <= shape_[k].utilisation) {
        const Point &a = shape_[k - 1], &b = shape_[k];
        // Go's integer division truncates the slope term toward zero before the addition.
        return a.score + std::trunc((b.score - a.score) * (u - a.utilisation) / (b.utilisation - a.utilisation));
      }
    return shape_.back().score;
  }
  std::vector<Point> shape_;
  ResourceWeights w_;
  Resources req_;
};

}  // namespace

std::unique_ptr<ScorePlugin> make_requested_to_capacity_ratio_score(const std::string& shape, ResourceWeights weights) {
  return std::make_unique<RequestedToCapacityRatioScore>(parse_shape(shape), weights);
}

void register_requested_to_capacity_ratio(PolicyRegistry& registry) {
  registry.add({"requested-to-capacity-ratio",
                "Kubernetes RequestedToCapacityRatio: a piecewise-linear score of utilisation",
                std::string("shape=0:0,100:10, cpu_weight=1, memory_weight=1, gpu_weight=0; ") + kCommonParams,
                [](const PolicyParams& p) {
                  check_params(p, "requested-to-capacity-ratio", {"shape", "cpu_weight", "memory_weight", "gpu_weight"});
                  std::vector<WeightedScore> scores;
                  scores.push_back({std::make_unique<RequestedToCapacityRatioScore>(
                                        parse_shape(p.text("shape", "0:0,100:10")), resource_weights(p)),
                                    1});
                  return make_framework_policy("requested-to-capacity-ratio", p, std::move(scores));
                }});
}

}  // namespace drydock
