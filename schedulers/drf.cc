// `drf`: Dominant Resource Fairness across tenants (Ghodsi et al., NSDI 2011). Within a batch, the next
// replica placed is always one of the tenant whose dominant share is lowest, where a tenant's dominant
// share is max over resources of (its allocation / the capacity of the schedulable hosts) and its
// allocation counts every replica of its services in the cluster (ServiceSpec::tenant; the service's
// own name when empty). Each replica's host is chosen by an inner framework pipeline: least-allocated
// by default (`host_policy=most-allocated` packs instead). A tenant whose next replica fits nowhere is
// skipped for the rest of the batch (its later replicas of that service get the same explanation), so
// one blocked tenant does not stall the others. Ties between equal shares go to the tenant name order.
// Decisions are returned in the order they were made.
#include <map>
#include <stdexcept>

#include "schedulers/builtin_policies.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

class DrfScheduler final : public Scheduler {
 public:
  DrfScheduler(std::unique_ptr<FrameworkScheduler> inner) : inner_(std::move(inner)) {}
  std::string_view name() const override { return "drf"; }
  bool explain(const ClusterState& state, const PlacementRequest& request, Explanation& out) override {
    return inner_->explain(state, request, out);
  }

  std::vector<PlacementDecision> place(ClusterState& state, std::span<const PlacementRequest> batch,
                                       Rng& rng) override {
    // Services are learnt from the requests they send (every placed replica came through here).
    for (const auto& r : batch) known_[r.service] = {tenant_of(*r.spec), r.spec->request};
    Resources capacity;
    for (std::size_t h = 0; h < state.host_count(); ++h)
      if (state.schedulable(HostId(static_cast<HostId::repr>(h)))) capacity += state.capacity(HostId(static_cast<HostId::repr>(h)));
    std::map<std::string, Resources> usage;  // ordered: ties between tenants resolve by name
    for (const auto& [service, info] : known_) {
      std::uint64_t count = 0;
      for (std::uint32_t c : state.service_counts(service)) count += c;
      usage[info.tenant] += info.request * static_cast<double>(count);
    }
    std::map<std::string, std::vector<std::size_t>> queues;  // per tenant, batch order
    for (std::size_t i = 0; i < batch.size(); ++i) queues[tenant_of(*batch[i].spec)].push_back(i);
    std::map<std::string, std::size_t> next;
    std::map<ServiceId, std::string> failed;  // service -> explanation, for this batch

    inner_->begin(state, rng);
    std::vector<PlacementDecision> out;
    out.reserve(batch.size());
    while (true) {
      const std::string* pick = nullptr;
      double pick_share = 0;
      for (const auto& [tenant, queue] : queues) {
        if (next[tenant] >= queue.size()) continue;
        const double share = dominant_share(usage[tenant], capacity);
        if (pick == nullptr || share < pick_share) {
          pick = &tenant;
          pick_share = share;
        }
      }
      if (pick == nullptr) break;
      const PlacementRequest& request = batch[queues[*pick][next[*pick]++]];
      auto f = failed.find(request.service);
      if (f != failed.end()) {
        out.push_back({request.replica, HostId{}, f->second});
        continue;
      }
      PlacementDecision d = inner_->decide(state, request, rng);
      d.replica = request.replica;
      if (d.placed()) {
        inner_->commit(state, request, d.host);
        usage[*pick] += request.spec->request;
      } else {
        failed[request.service] = d.reason;
      }
      out.push_back(std::move(d));
    }
    return out;
  }

  static double dominant_share(const Resources& used, const Resources& capacity) {
    double share = 0;
    for (std::size_t d = 0; d < kDims; ++d) {
      const double cap = capacity[static_cast<Dim>(d)];
      if (cap > 0) share = std::max(share, used[static_cast<Dim>(d)] / cap);
    }
    return share;
  }

 private:
  static std::string tenant_of(const ServiceSpec& s) { return s.tenant.empty() ? s.name : s.tenant; }
  struct Info {
    std::string tenant;
    Resources request;
  };
  std::unique_ptr<FrameworkScheduler> inner_;
  std::map<ServiceId, Info> known_;
};

}  // namespace

void register_drf(PolicyRegistry& registry) {
  registry.add({"drf", "Dominant Resource Fairness: the tenant with the lowest dominant share places next",
                std::string("host_policy=least-allocated|most-allocated; ") + kCommonParams, [](const PolicyParams& p) {
                  check_params(p, "drf", {"host_policy"});
                  const std::string host_policy = p.text("host_policy", "least-allocated");
                  std::vector<WeightedScore> scores;
                  if (host_policy == "least-allocated")
                    scores.push_back({make_least_allocated_score({}), 1});
                  else if (host_policy == "most-allocated")
                    scores.push_back({make_most_allocated_score({}), 1});
                  else
                    throw std::invalid_argument("drf: host_policy must be least-allocated or most-allocated");
                  auto filters = filters_from(p);
                  return std::make_unique<DrfScheduler>(std::make_unique<FrameworkScheduler>(
                      "drf", pipeline_options(p), std::move(filters), std::move(scores)));
                }});
}

}  // namespace drydock
