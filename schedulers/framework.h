// The filter / score / select framework every greedy policy is built from, in the shape of
// kube-scheduler's framework and swarmkit's pipeline:
//
//   candidates --filter--> feasible hosts --score (weighted plugins, 0..100)--> best --seeded tie-break--> host
//
// - Filters. The resource fit on every dimension and "host is schedulable" are built in and run as one
//   pass over the contiguous columns of ClusterState. Further filters (label constraints, max replicas
//   per host, taints, anti-affinity, topology spread) are FilterPlugins that run only on hosts still
//   feasible and only when they can reject anything for this request.
// - Scores. Each ScorePlugin gives a raw score per host; plugins declare how it is normalised (already
//   0..100, or scaled against the best host as Kubernetes' DefaultNormalizeScore does). The total is
//   sum(weight * normalised score).
// - Select. The highest total wins; among exact ties the seeded Rng picks uniformly (in host-id order),
//   so runs are reproducible and no host id is favoured. With one unnormalised score (most policies),
//   full scoring filters, scores and selects block by block (BlockSelect) while the totals are in cache.
// - Sampling (optional). Kubernetes' adaptive percentageOfNodesToScore (stop after finding enough
//   feasible hosts, round-robin start) or Nomad's limit (shuffled hosts, first max(2, ceil(log2 N))
//   feasible ones).
// - Incremental index. When every filter and score depends only on the host's own state (and there is
//   no sampling), a per-service segment tree keeps the scores and re-scores only hosts whose
//   ClusterState::host_version() changed. It makes exactly the decisions of full scoring: same scores
//   (same code), same tie set, same draw from the Rng (a test compares them).
//
// Everything here is deterministic given the Rng: no clock, no I/O, ordered containers only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/cluster_state.h"
#include "schedulers/scheduler.h"
#include "schedulers/select.h"

namespace drydock {

class HostScoreIndex;

// What plugins read for one decision: raw pointers into ClusterState's columns (valid for this decision
// only) plus per-host reciprocals of capacity (0 where a host has none of a resource).
struct HostColumns {
  const ClusterState* state = nullptr;
  std::size_t hosts = 0;
  const double* cap[kDims] = {};
  const double* alloc[kDims] = {};
  const double* inv_cap[kDims] = {};
  const std::uint8_t* schedulable = nullptr;
  const std::uint32_t* tasks = nullptr;
};

// The built-in resource filter, shared by the vectorised pass, the scalar path and the index so that
// all three agree exactly. The epsilon absorbs rounding of repeated fractional additions.
inline constexpr double kFitEps = 1e-9;
// Written with `&` rather than `&&` so that the loop over hosts has no branches and vectorises.
// kGpu = false skips the gpu columns, for requests of no gpu (most): a request of 0 fits any host whose
// allocation is within its capacity, which allocations through the filters always are.
template <bool kGpu>
inline bool fits_at_t(const HostColumns& c, const Resources& r, std::size_t i) {
  bool ok = (c.schedulable[i] != 0) & (r.cpu <= c.cap[0][i] - c.alloc[0][i] + kFitEps) &
            (r.memory_mib <= c.cap[1][i] - c.alloc[1][i] + kFitEps);
  if constexpr (kGpu) ok = ok & (r.gpu <= c.cap[2][i] - c.alloc[2][i] + kFitEps);
  return ok;
}
inline bool fits_at(const HostColumns& c, const Resources& r, std::size_t i) {
  return r.gpu > 0 ? fits_at_t<true>(c, r, i) : fits_at_t<false>(c, r, i);
}

class FilterPlugin {
 public:
  virtual ~FilterPlugin() = default;
  virtual std::string_view name() const = 0;
  // Once per decision, before check(): per-request precomputation (domain counts, ...). Returns false
  // when the filter cannot reject any host for this request (no constraints, no taints...): it is then
  // skipped and costs nothing.
  virtual bool prepare(const HostColumns& cols, const PlacementRequest& request) { return true; }
  virtual bool check(const HostColumns& cols, std::uint32_t host, const PlacementRequest& request) const = 0;
  // What a rejection means, for the explanation: "constraint node.labels.zone==b".
  virtual std::string reason(const PlacementRequest& request) const = 0;
  // True when check() depends only on the host's own state (its version covers it).
  virtual bool host_local() const { return true; }
};

enum class Normalize {
  kNone,               // the plugin's raw score is already on its final scale
  kScaleToMax,         // 100 * raw / max over feasible hosts (Kubernetes DefaultNormalizeScore)
  kScaleToMaxReverse,  // 100 - 100 * raw / max: fewer is better (spreading plugins)
};

class ScorePlugin {
 public:
  virtual ~ScorePlugin() = default;
  virtual std::string_view name() const = 0;
  virtual void prepare(const HostColumns& cols, const PlacementRequest& request) {}
  // Raw score of every host (finite even for hosts that fail the filters).
  virtual void score_all(const HostColumns& cols, double* out) const = 0;
  // total[i] += weight * raw[i] for every host (plugins with Normalize::kNone only).
  virtual void add_all(const HostColumns& cols, double weight, double* total) const = 0;
  virtual double score_one(const HostColumns& cols, std::uint32_t host) const = 0;
  // total[i] = weight * raw[i] where the host passes the built-in filter (fits_at), -infinity elsewhere:
  // the first pass of full scoring, fused (plugins with Normalize::kNone only).
  virtual void init_all(const HostColumns& cols, const Resources& request, double weight, double* total) const;
  // The same for hosts [begin, end) only, so that full scoring can select block by block while the
  // totals are in cache. Returns false when the plugin has no such pass (full scoring then runs
  // init_all over every host and selects afterwards).
  virtual bool init_block(const HostColumns& cols, const Resources& request, double weight, double* total,
                          std::size_t begin, std::size_t end) const {
    return false;
  }
  virtual Normalize normalize() const { return Normalize::kNone; }
  virtual bool host_local() const { return true; }
  // For `drydock explain`: the score on `host` in the user's terms, when the number alone says little
  // (a lexicographic key packed into one double). Empty: the number speaks for itself.
  virtual std::string describe(const HostColumns& cols, std::uint32_t host) const { return {}; }
};

// Most plugins are one formula per host: derive as `class X : public HostScore<X>` and define
// `double at(const HostColumns&, std::size_t i) const`. The loops below are then inlined and
// vectorisable, and the single-host path runs the very same formula (what makes the index exact).
template <class Derived>
class HostScore : public ScorePlugin {
 public:
  // Local copies of the plugin and the columns: stores to `out` then cannot alias the plugin's
  // parameters, so the compiler keeps them in registers and vectorises the loop.
  void score_all(const HostColumns& columns, double* out) const final {
    const Derived self = static_cast<const Derived&>(*this);
    const HostColumns c = columns;
    for (std::size_t i = 0; i < c.hosts; ++i) out[i] = self.at(c, i);
  }
  void add_all(const HostColumns& columns, double weight, double* total) const final {
    const Derived self = static_cast<const Derived&>(*this);
    const HostColumns c = columns;
    for (std::size_t i = 0; i < c.hosts; ++i) total[i] += weight * self.at(c, i);
  }
  double score_one(const HostColumns& c, std::uint32_t host) const final {
    return static_cast<const Derived&>(*this).at(c, host);
  }
  void init_all(const HostColumns& columns, const Resources& request, double weight, double* total) const final {
    init_block(columns, request, weight, total, 0, columns.hosts);
  }
  bool init_block(const HostColumns& columns, const Resources& request, double weight, double* total,
                  std::size_t begin, std::size_t end) const final {
    const Derived self = static_cast<const Derived&>(*this);
    const HostColumns c = columns;
    const Resources r = request;
    // weight 1 (the usual) multiplies exactly, so it is left out of the loop rather than computed.
    if (r.gpu > 0)
      weight == 1.0 ? fused<true, false>(self, c, r, weight, total, begin, end)
                    : fused<true, true>(self, c, r, weight, total, begin, end);
    else
      weight == 1.0 ? fused<false, false>(self, c, r, weight, total, begin, end)
                    : fused<false, true>(self, c, r, weight, total, begin, end);
    return true;
  }

 private:
  // The resource test is fits_at_t's comparisons (each one compare into a mask register with AVX-512),
  // and the host's total is selected by it (a blend). The schedulable flags are applied in a second,
  // byte-wide pass over the block: mixing byte loads into this loop made the compiler pack comparison
  // masks to bytes and back.
  template <bool kGpu, bool kWeighted>
  static void fused(const Derived& self, const HostColumns& c, const Resources& r, double weight, double* total,
                    std::size_t begin, std::size_t end) {
    constexpr double kNeg = -std::numeric_limits<double>::infinity();
    const double* cap0 = c.cap[0];
    const double* cap1 = c.cap[1];
    const double* cap2 = c.cap[2];
    const double* al0 = c.alloc[0];
    const double* al1 = c.alloc[1];
    const double* al2 = c.alloc[2];
    for (std::size_t i = begin; i < end; ++i) {
      bool fit = (r.cpu <= cap0[i] - al0[i] + kFitEps) & (r.memory_mib <= cap1[i] - al1[i] + kFitEps);
      if constexpr (kGpu) fit = fit & (r.gpu <= cap2[i] - al2[i] + kFitEps);
      double score = self.at(c, i);
      if constexpr (kWeighted) score = weight * score;
      total[i] = fit ? score : kNeg;
    }
    for (std::size_t i = begin; i < end; ++i)
      if (c.schedulable[i] == 0) total[i] = kNeg;
  }
};

struct WeightedScore {
  std::unique_ptr<ScorePlugin> plugin;
  double weight = 1;
};

struct SamplingOptions {
  enum class Kind { kNone, kKubernetes, kNomad };
  Kind kind = Kind::kNone;
  double percentage = 0;  // Kubernetes percentageOfNodesToScore; 0 = adaptive (50 - N/125, at least 5)
  int limit = 0;          // Nomad: hosts scored per decision; 0 = 2 for batch tasks, max(2, ceil(log2 N)) else
};

struct PipelineOptions {
  SamplingOptions sampling;
  bool random_ties = true;  // false: the lowest host id among equals (first-fit style)
  bool use_index = true;    // taken only when every stage is host-local and there is no sampling
};

class FrameworkScheduler : public Scheduler {
 public:
  FrameworkScheduler(std::string name, PipelineOptions options, std::vector<std::unique_ptr<FilterPlugin>> filters,
                     std::vector<WeightedScore> scores);
  ~FrameworkScheduler() override;

  std::string_view name() const override { return name_; }
  std::vector<PlacementDecision> place(ClusterState& state, std::span<const PlacementRequest> batch,
                                       Rng& rng) override;
  bool explain(const ClusterState& state, const PlacementRequest& request, Explanation& out) override;

  // The pieces of place(), for batch policies (drf) that order the requests themselves:
  // begin() once per batch, then decide() and, when placed, commit() for each replica.
  void begin(const ClusterState& state, Rng& rng);
  PlacementDecision decide(const ClusterState& state, const PlacementRequest& request, Rng& rng);
  void commit(ClusterState& state, const PlacementRequest& request, HostId host);

  // Every host's total for this request as full scoring computes it (-infinity where a filter rejects
  // the host); valid until the next call. For batch policies that build on the scores (min-cost-flow).
  std::span<const double> score_hosts(const ClusterState& state, const PlacementRequest& request);
  // Whether `host` passes every filter for this request in the current state.
  bool feasible_now(const ClusterState& state, const PlacementRequest& request, HostId host);

  // True when decisions for this request would come from the incremental index.
  bool indexed_for(const PlacementRequest& request) const;
  // Bytes held by the scheduler's own state (buffers and indexes), for the memory benchmark.
  std::size_t memory_bytes() const;

 private:
  struct IndexEntry;

  void refresh_columns(const ClusterState& state);
  void prepare_plugins(const PlacementRequest& request);
  bool index_eligible(const PlacementRequest& request) const;
  void fill_totals(const PlacementRequest& request);  // every host's total into total_ (-inf: rejected)
  void apply_filters(const PlacementRequest& request, std::size_t begin, std::size_t end);  // plugin filters
  PlacementDecision decide_full(const PlacementRequest& request, Rng& rng);
  PlacementDecision decide_sampled(const PlacementRequest& request, Rng& rng);
  PlacementDecision decide_indexed(const ClusterState& state, const PlacementRequest& request, Rng& rng);
  bool passes(std::uint32_t host, const PlacementRequest& request) const;  // built-in + plugin filters
  double total_one(std::uint32_t host) const;                             // host-local scores only
  std::string explain_failure(const PlacementRequest& request) const;
  std::uint32_t pick(const double* totals, std::size_t n, const Best& best, Rng& rng) const;
  IndexEntry& index_for(const ClusterState& state, const PlacementRequest& request);

  std::string name_;
  PipelineOptions options_;
  std::vector<std::unique_ptr<FilterPlugin>> filters_;
  std::vector<WeightedScore> scores_;
  bool all_local_ = true;

  HostColumns cols_;
  std::vector<double> inv_cap_[kDims];
  std::vector<double> total_, raw_;
  BlockSelect select_;
  std::vector<const FilterPlugin*> active_filters_;  // those that apply to the current request
  // Sampling state: Kubernetes' round-robin start, Nomad's shuffled order and cursor.
  std::size_t next_start_ = 0;
  std::vector<std::uint32_t> order_;
  std::size_t cursor_ = 0;
  std::vector<std::uint32_t> candidates_;
  // Incremental indexes, one per recently placed service (least recently used evicted).
  std::vector<std::unique_ptr<IndexEntry>> indexes_;
  std::uint64_t batch_id_ = 0, use_clock_ = 0;
  std::vector<std::uint32_t> journal_;  // hosts this batch allocated on, in order
  std::unordered_map<ServiceId, std::uint32_t> full_decisions_;  // per service, before it gets an index
};

}  // namespace drydock
