// `min-cost-flow`: a batch scheduler in the style of Quincy and Firmament. All pending replicas of a
// batch are placed at once by solving a min-cost max-flow problem (Boost.Graph,
// successive_shortest_path_nonnegative_weights), so it finds placements a one-at-a-time greedy policy
// misses: a replica that could go anywhere is kept off the only host another replica can use.
//
// The flow network. Replicas of one service are interchangeable, so they form one class node (Firmament's
// equivalence classes) instead of one node per replica:
//
//   source --(pending_c, 0)--> class c --(slots(c,h), cost(c,h))--> host h --(slots(h), 0)--> sink
//                                class c --(pending_c, kUnscheduledCost)--> unscheduled --> sink
//
// - slots(c,h): how many replicas of c fit on h now (every resource dimension, and max replicas per
//   host), for hosts that pass every filter; slots(h) = the largest slots(c,h) over classes.
// - cost(c,h) = 100 - score(c,h), where score is the Kubernetes 0..100 score of the host for one replica
//   in the state before the batch: least-allocated (objective=balance, the default: prefer empty
//   hosts) or most-allocated (objective=pack). The flow minimises the sum of costs, i.e. maximises the
//   sum of scores, with costs fixed at the batch's start (linear, not re-scored as hosts fill).
// - kUnscheduledCost (10^7) exceeds the cost of any augmenting path, so the flow first maximises the
//   number of replicas placed, then minimises cost among maximum placements.
// - Within one batch a host's cost does not rise as the flow fills it (linear costs), so with the
//   default `tiers=1` a batch goes to the cheapest hosts, each filled to its slots; later batches see
//   the new state. With `tiers=T` (objective=balance), each class->host arc is split into up to T
//   parallel arcs over the host's slots, the j-th costing 100 - LeastAllocated(host with the replicas
//   of the tiers before it and one more added): convex costs, so a batch spreads over hosts too, at
//   the price of more arcs and augmentations.
// - Pruning, to keep the graph small: each class keeps only its cheapest hosts, in cost order, until
//   their slots (their first tier's, with tiers) add up to `arcs_factor` (default 2) times the class's
//   pending count.
// Capacity is multi-dimensional and several classes may share a host, which one scalar host->sink
// capacity cannot express exactly; so each placement the flow proposes is checked against the real
// state when it is committed, and replicas that do not fit (and those the flow left unscheduled, e.g.
// because of pruning) go through the greedy pipeline with the same score. Every replica that is not
// placed in the end has the greedy pipeline's explanation.
#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>

#include "schedulers/builtin_policies.h"
#include "schedulers/scores.h"

namespace drydock {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Graph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, long,
                    boost::property<boost::edge_residual_capacity_t, long,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                    boost::property<boost::edge_weight_t, long>>>>>;
using Edge = Traits::edge_descriptor;

constexpr long kUnscheduledCost = 10'000'000;

class FlowNetwork {
 public:
  explicit FlowNetwork(std::size_t vertices) : g_(vertices) {}
  Edge arc(std::size_t u, std::size_t v, long capacity, long cost) {
    const Edge e = boost::add_edge(u, v, g_).first;
    const Edge r = boost::add_edge(v, u, g_).first;
    auto cap = boost::get(boost::edge_capacity, g_);
    auto rev = boost::get(boost::edge_reverse, g_);
    auto w = boost::get(boost::edge_weight, g_);
    cap[e] = capacity;
    cap[r] = 0;
    w[e] = cost;
    w[r] = -cost;
    rev[e] = r;
    rev[r] = e;
    return e;
  }
  void solve(std::size_t source, std::size_t sink) {
    boost::successive_shortest_path_nonnegative_weights(g_, source, sink);
  }
  long flow(const Edge& e) const {
    return boost::get(boost::edge_capacity, g_)[e] - boost::get(boost::edge_residual_capacity, g_)[e];
  }

 private:
  Graph g_;
};

// How many replicas of `request` fit on host h now, ignoring filters other than resources and max per host.
long slots_on(const ClusterState& state, std::uint32_t h, const PlacementRequest& request) {
  const Resources free = state.free(HostId(h));
  const Resources& r = request.spec->request;
  long slots = 1'000'000;
  for (std::size_t d = 0; d < kDims; ++d) {
    const double need = r[static_cast<Dim>(d)];
    if (need > 0) slots = std::min(slots, static_cast<long>(std::floor((free[static_cast<Dim>(d)] + kFitEps) / need)));
  }
  if (request.spec->max_replicas_per_host > 0) {
    const long have = static_cast<long>(state.service_count(request.service, HostId(h)));
    slots = std::min(slots, static_cast<long>(request.spec->max_replicas_per_host) - have);
  }
  return std::max(slots, 0L);
}

// Kubernetes LeastAllocated (cpu and memory, weight 1) of host h with `extra` added to its allocation.
double least_allocated_with(const ClusterState& state, std::uint32_t h, const Resources& extra) {
  const Resources cap = state.capacity(HostId(h)), used = state.allocated(HostId(h)) + extra;
  double sum = 0;
  for (Dim d : {Dim::kCpu, Dim::kMemory})
    if (cap[d] > 0 && used[d] <= cap[d]) sum += std::trunc((cap[d] - used[d]) * 100.0 / cap[d]);
  return std::trunc(sum / 2);
}

class MinCostFlowScheduler final : public Scheduler {
 public:
  MinCostFlowScheduler(std::unique_ptr<FrameworkScheduler> inner, double arcs_factor, int tiers)
      : inner_(std::move(inner)), arcs_factor_(arcs_factor), tiers_(tiers) {}
  std::string_view name() const override { return "min-cost-flow"; }
  bool explain(const ClusterState& state, const PlacementRequest& request, Explanation& out) override {
    if (!inner_->explain(state, request, out)) return false;
    out.policy = "min-cost-flow";
    out.note = "min-cost-flow places a whole batch at once; cost(host) = 100 - the score shown, fixed at the "
               "batch's start";
    return true;
  }

  std::vector<PlacementDecision> place(ClusterState& state, std::span<const PlacementRequest> batch,
                                       Rng& rng) override {
    inner_->begin(state, rng);
    // Classes: replicas of one service (same spec) in order of first appearance.
    std::vector<std::vector<std::size_t>> members;
    std::map<std::pair<ServiceId, const ServiceSpec*>, std::size_t> class_of;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      auto [it, inserted] = class_of.emplace(std::make_pair(batch[i].service, batch[i].spec), members.size());
      if (inserted) members.emplace_back();
      members[it->second].push_back(i);
    }
    const std::size_t classes = members.size();

    // Candidate arcs per class, cheapest first, pruned.
    struct Arc {
      std::uint32_t host;
      long slots, cost;
    };
    std::vector<std::vector<Arc>> arcs(classes);
    std::vector<std::int64_t> host_node(state.host_count(), -1);
    std::vector<std::uint32_t> hosts_used;
    std::vector<long> host_slots;
    for (std::size_t c = 0; c < classes; ++c) {
      const PlacementRequest& request = batch[members[c].front()];
      const auto totals = inner_->score_hosts(state, request);
      std::vector<Arc> all;
      for (std::uint32_t h = 0; h < totals.size(); ++h) {
        if (totals[h] == -std::numeric_limits<double>::infinity()) continue;
        const long slots = std::min<long>(slots_on(state, h, request), static_cast<long>(members[c].size()));
        if (slots > 0) all.push_back({h, slots, std::max(0L, std::lround(100.0 - totals[h]))});
      }
      std::stable_sort(all.begin(), all.end(), [](const Arc& a, const Arc& b) { return a.cost < b.cost; });
      const double want = arcs_factor_ * static_cast<double>(members[c].size());
      double have = 0;
      for (const Arc& a : all) {
        if (have >= want) break;
        // With tiers, only a host's cheapest tier counts towards enough capacity: the later ones are
        // dearer than another host's first, so more hosts are kept.
        const long t = tiers_ > 1 ? std::min<long>(tiers_, a.slots) : 1;
        have += static_cast<double>((a.slots + t - 1) / t);
        if (tiers_ <= 1 || a.slots == 1) {
          arcs[c].push_back(a);
        } else {
          // Convex tiers: slots split as evenly as possible, each tier priced at its first replica.
          long before = 0, previous = 0;
          for (long j = 0; j < t; ++j) {
            const long n = a.slots / t + (j < a.slots % t ? 1 : 0);
            const Resources extra = request.spec->request * static_cast<double>(before + 1);
            long cost = j == 0 ? a.cost : std::lround(100.0 - least_allocated_with(state, a.host, extra));
            cost = std::max(cost, previous);  // keep tiers convex despite integer rounding
            arcs[c].push_back({a.host, n, cost});
            previous = cost;
            before += n;
          }
        }
        if (host_node[a.host] < 0) {
          host_node[a.host] = static_cast<std::int64_t>(hosts_used.size());
          hosts_used.push_back(a.host);
          host_slots.push_back(0);
        }
        auto& s = host_slots[static_cast<std::size_t>(host_node[a.host])];
        s = std::max(s, a.slots);
      }
    }

    // The network: 0 source, 1 sink, 2 unscheduled, then classes, then hosts.
    const std::size_t kSource = 0, kSink = 1, kUnscheduled = 2, first_class = 3, first_host = 3 + classes;
    FlowNetwork net(first_host + hosts_used.size());
    std::vector<std::vector<Edge>> class_edges(classes);
    for (std::size_t c = 0; c < classes; ++c) {
      const long pending = static_cast<long>(members[c].size());
      net.arc(kSource, first_class + c, pending, 0);
      net.arc(first_class + c, kUnscheduled, pending, kUnscheduledCost);
      for (const Arc& a : arcs[c])
        class_edges[c].push_back(
            net.arc(first_class + c, first_host + static_cast<std::size_t>(host_node[a.host]), a.slots, a.cost));
    }
    net.arc(kUnscheduled, kSink, static_cast<long>(batch.size()), 0);
    for (std::size_t k = 0; k < hosts_used.size(); ++k) net.arc(first_host + k, kSink, host_slots[k], 0);
    net.solve(kSource, kSink);

    // Commit what the flow proposes, checking each replica against the real state.
    std::vector<PlacementDecision> out(batch.size());
    std::vector<std::size_t> leftover;
    for (std::size_t c = 0; c < classes; ++c) {
      std::size_t next = 0;
      for (std::size_t k = 0; k < arcs[c].size(); ++k) {
        long f = net.flow(class_edges[c][k]);
        const HostId host(arcs[c][k].host);
        for (; f > 0 && next < members[c].size(); --f) {
          const std::size_t i = members[c][next];
          if (!inner_->feasible_now(state, batch[i], host)) break;
          inner_->commit(state, batch[i], host);
          out[i] = {batch[i].replica, host, {}};
          ++next;
        }
      }
      for (; next < members[c].size(); ++next) leftover.push_back(members[c][next]);
    }
    std::sort(leftover.begin(), leftover.end());
    std::map<std::pair<ServiceId, const ServiceSpec*>, std::string> failed;  // fails again the same way
    for (std::size_t i : leftover) {
      const auto key = std::make_pair(batch[i].service, batch[i].spec);
      if (auto f = failed.find(key); f != failed.end()) {
        out[i] = {batch[i].replica, HostId{}, f->second};
        continue;
      }
      PlacementDecision d = inner_->decide(state, batch[i], rng);
      d.replica = batch[i].replica;
      if (d.placed())
        inner_->commit(state, batch[i], d.host);
      else
        failed[key] = d.reason;
      out[i] = std::move(d);
    }
    return out;
  }

 private:
  std::unique_ptr<FrameworkScheduler> inner_;
  double arcs_factor_;
  int tiers_;
};

}  // namespace

void register_min_cost_flow(PolicyRegistry& registry) {
  registry.add({"min-cost-flow",
                "batch min-cost max-flow (Quincy/Firmament style, Boost.Graph): most replicas placed, then "
                "best total score",
                std::string("objective=balance|pack, arcs_factor=2, tiers=1; ") + kCommonParams, [](const PolicyParams& p) {
                  check_params(p, "min-cost-flow", {"objective", "arcs_factor", "tiers"});
                  const std::string objective = p.text("objective", "balance");
                  std::vector<WeightedScore> scores;
                  if (objective == "balance")
                    scores.push_back({make_least_allocated_score({}), 1});
                  else if (objective == "pack")
                    scores.push_back({make_most_allocated_score({}), 1});
                  else
                    throw std::invalid_argument("min-cost-flow: objective must be balance or pack");
                  const double factor = p.number("arcs_factor", 2);
                  if (factor < 1) throw std::invalid_argument("min-cost-flow: arcs_factor must be at least 1");
                  const int tiers = static_cast<int>(p.number("tiers", 1));
                  if (tiers < 1 || tiers > 64) throw std::invalid_argument("min-cost-flow: tiers must be within 1..64");
                  if (tiers > 1 && objective != "balance")
                    throw std::invalid_argument("min-cost-flow: tiers apply to objective=balance only");
                  PipelineOptions options = pipeline_options(p);
                  options.use_index = false;  // score_hosts() is a full pass anyway
                  return std::make_unique<MinCostFlowScheduler>(
                      std::make_unique<FrameworkScheduler>("min-cost-flow", options, filters_from(p), std::move(scores)),
                      factor, tiers);
                }});
}

}  // namespace drydock
