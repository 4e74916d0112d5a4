#include "schedulers/fit_scores.h"

namespace drydock {
namespace {

class FitScore final : public HostScore<FitScore> {
 public:
  explicit FitScore(FitKind kind) : kind_(kind) {}
  std::string_view name() const override {
    return kind_ == FitKind::kFirst ? "first-fit" : kind_ == FitKind::kBest ? "best-fit" : "worst-fit";
  }
  void prepare(const HostColumns&, const PlacementRequest& r) override { req_ = r.spec->request; }
  double at(const HostColumns& c, std::size_t i) const {
    if (kind_ == FitKind::kFirst) return -static_cast<double>(i);
    double left = 0;
    for (std::size_t d = 0; d < kDims; ++d)
      left += (c.cap[d][i] - c.alloc[d][i] - req_[static_cast<Dim>(d)]) * c.inv_cap[d][i];
    return kind_ == FitKind::kBest ? -left : left;
  }

 private:
  FitKind kind_;
  Resources req_;
};

}  // namespace

std::unique_ptr<ScorePlugin> make_fit_score(FitKind kind) { return std::make_unique<FitScore>(kind); }

}  // namespace drydock
