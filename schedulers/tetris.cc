// `tetris`: the packing heuristic of Tetris (Grandl et al., SIGCOMM 2014): the host whose free
// resources are best aligned with the replica's demand, alignment = sum over resources of
// (demand / capacity) * (free before placement / capacity), times 100. Large demands go where much of
// exactly that resource is free, which keeps hosts from being stranded on one dimension.
#include "schedulers/builtin_policies.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

class TetrisScore final : public HostScore<TetrisScore> {
 public:
  std::string_view name() const override { return "tetris-alignment"; }
  void prepare(const HostColumns&, const PlacementRequest& r) override { req_ = r.spec->request; }
  double at(const HostColumns& c, std::size_t i) const {
    double a = 0;
    for (std::size_t d = 0; d < kDims; ++d) {
      const double inv = c.inv_cap[d][i];
      a += (req_[static_cast<Dim>(d)] * inv) * ((c.cap[d][i] - c.alloc[d][i]) * inv);
    }
    return 100.0 * a;
  }

 private:
  Resources req_;
};

}  // namespace

void register_tetris(PolicyRegistry& registry) {
  registry.add({"tetris", "Tetris alignment: the host whose free resources best match the demand (dot product)",
                kCommonParams, [](const PolicyParams& p) {
                  check_params(p, "tetris", {});
                  std::vector<WeightedScore> scores;
                  scores.push_back({std::make_unique<TetrisScore>(), 1});
                  return make_framework_policy("tetris", p, std::move(scores));
                }});
}

}  // namespace drydock
