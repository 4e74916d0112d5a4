#include "schedulers/framework.h"

#include <algorithm>
#include <functional>
#include <cmath>
#include <limits>

#include "schedulers/host_index.h"
#include "schedulers/sampling.h"
#include "schedulers/select.h"

namespace drydock {
namespace {

constexpr double kNeg = -std::numeric_limits<double>::infinity();

// The part of a request that the cached scores of an index depend on. A service whose spec changes
// (new request, new constraints) gets its index rebuilt.
bool same_shape(const ServiceSpec& a, const ServiceSpec& b) {
  if (!(a.request == b.request) || a.max_replicas_per_host != b.max_replicas_per_host ||
      a.constraints.size() != b.constraints.size() || a.name != b.name || a.tenant != b.tenant ||
      a.replicas != b.replicas)
    return false;
  for (std::size_t i = 0; i < a.constraints.size(); ++i) {
    const Constraint &x = a.constraints[i], &y = b.constraints[i];
    if (x.key != y.key || x.value != y.value || x.equal != y.equal) return false;
  }
  if (a.ports != b.ports || a.anti_affinity != b.anti_affinity || a.tolerations.size() != b.tolerations.size())
    return false;
  for (std::size_t i = 0; i < a.tolerations.size(); ++i)
    if (a.tolerations[i].key != b.tolerations[i].key || a.tolerations[i].value != b.tolerations[i].value) return false;
  return true;
}

double normalised(Normalize mode, double raw, double max) {
  switch (mode) {
    case Normalize::kNone:
      return raw;
    case Normalize::kScaleToMax:
      return max > 0 ? 100.0 * raw / max : 0.0;
    case Normalize::kScaleToMaxReverse:
      return max > 0 ? 100.0 - 100.0 * raw / max : 100.0;
  }
  return raw;
}

}  // namespace

// The cached scores of one service's replicas on every host, and the host versions they were computed at.
struct FrameworkScheduler::IndexEntry {
  ServiceId service;
  ServiceSpec shape;
  HostScoreIndex tree;
  std::vector<std::uint64_t> versions;
  std::uint64_t batch = 0;       // the batch whose journal it has replayed up to `journal_pos`
  std::size_t journal_pos = 0;
  std::uint64_t state_mark = 0;  // ClusterState::change_mark() when it was last brought up to date
  std::uint64_t last_used = 0;
};

FrameworkScheduler::FrameworkScheduler(std::string name, PipelineOptions options,
                                       std::vector<std::unique_ptr<FilterPlugin>> filters,
                                       std::vector<WeightedScore> scores)
    : name_(std::move(name)), options_(options), filters_(std::move(filters)), scores_(std::move(scores)) {
  for (const auto& f : filters_) all_local_ = all_local_ && f->host_local();
  for (const auto& s : scores_)
    all_local_ = all_local_ && s.plugin->host_local() && s.plugin->normalize() == Normalize::kNone;
}

FrameworkScheduler::~FrameworkScheduler() = default;

void ScorePlugin::init_all(const HostColumns& cols, const Resources& request, double weight, double* total) const {
  for (std::size_t i = 0; i < cols.hosts; ++i) total[i] = fits_at(cols, request, i) ? 0.0 : kNeg;
  add_all(cols, weight, total);
}

void FrameworkScheduler::refresh_columns(const ClusterState& state) {
  const std::size_t n = state.host_count();
  // Capacity never changes once a host is added, so reciprocals are computed once per new host.
  for (std::size_t d = 0; d < kDims; ++d) {
    const auto cap = state.capacity_column(static_cast<Dim>(d));
    auto& inv = inv_cap_[d];
    for (std::size_t i = inv.size(); i < n; ++i) inv.push_back(cap[i] > 0 ? 1.0 / cap[i] : 0.0);
    cols_.cap[d] = cap.data();
    cols_.alloc[d] = state.allocated_column(static_cast<Dim>(d)).data();
    cols_.inv_cap[d] = inv.data();
  }
  cols_.state = &state;
  cols_.hosts = n;
  cols_.schedulable = state.schedulable_column().data();
  cols_.tasks = state.task_column().data();
  if (total_.size() < n) {
    total_.resize(n);
    raw_.resize(n);
  }
}

void FrameworkScheduler::begin(const ClusterState& state, Rng& rng) {
  ++batch_id_;
  journal_.clear();
  refresh_columns(state);
  if (options_.sampling.kind == SamplingOptions::Kind::kNomad) {
    // Nomad shuffles the node list once per evaluation and walks it across the evaluation's placements.
    order_.resize(state.host_count());
    for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<std::uint32_t>(i);
    for (std::size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng.below(i)]);
    cursor_ = 0;
  }
}

void FrameworkScheduler::prepare_plugins(const PlacementRequest& request) {
  active_filters_.clear();
  for (const auto& f : filters_)
    if (f->prepare(cols_, request)) active_filters_.push_back(f.get());
  for (const auto& s : scores_) s.plugin->prepare(cols_, request);
}

bool FrameworkScheduler::passes(std::uint32_t host, const PlacementRequest& request) const {
  if (!fits_at(cols_, request.spec->request, host)) return false;
  for (const FilterPlugin* f : active_filters_)
    if (!f->check(cols_, host, request)) return false;
  return true;
}

double FrameworkScheduler::total_one(std::uint32_t host) const {
  double t = 0.0;  // the same sequence of operations as the full pass: 0, then += w * s per plugin
  for (const auto& s : scores_) t += s.weight * s.plugin->score_one(cols_, host);
  return t;
}

// The k-th of the hosts whose total is the best, k drawn from the Rng only when there is a real tie.
std::uint32_t FrameworkScheduler::pick(const double* totals, std::size_t n, const Best& best, Rng& rng) const {
  if (best.count <= 1 || !options_.random_ties) return static_cast<std::uint32_t>(best.first);
  return static_cast<std::uint32_t>(kth_equal(totals, n, best.score, best.first, rng.below(best.count)));
}

bool FrameworkScheduler::index_eligible(const PlacementRequest& request) const {
  return options_.use_index && all_local_ && options_.sampling.kind == SamplingOptions::Kind::kNone;
}

bool FrameworkScheduler::indexed_for(const PlacementRequest& request) const { return index_eligible(request); }

PlacementDecision FrameworkScheduler::decide(const ClusterState& state, const PlacementRequest& request, Rng& rng) {
  if (cols_.state != &state || cols_.hosts != state.host_count()) refresh_columns(state);
  prepare_plugins(request);
  if (index_eligible(request)) {
    // An index costs a full pass to build and pays off over many placements of one service. A service
    // placing its first replica (the typical trace job has one or two) is scored in full instead: the
    // same decision, since the index is exact, without the build.
    const bool indexed = std::any_of(indexes_.begin(), indexes_.end(),
                                     [&](const auto& e) { return e->service == request.service; });
    if (indexed || ++full_decisions_[request.service] > 1) return decide_indexed(state, request, rng);
    return decide_full(request, rng);
  }
  if (options_.sampling.kind != SamplingOptions::Kind::kNone) return decide_sampled(request, rng);
  return decide_full(request, rng);
}

void FrameworkScheduler::fill_totals(const PlacementRequest& request) {
  const std::size_t n = cols_.hosts;
  double* total = total_.data();
  // Filter pass 1, vectorisable: schedulable and resources on every dimension. A rejected host's total
  // is -inf, which every later `+=` keeps (scores are finite).
  // When the first score needs no normalisation, the pass is fused with it (one pass over the columns).
  const Resources r = request.spec->request;
  std::size_t first_score = 0;
  if (!scores_.empty() && scores_[0].plugin->normalize() == Normalize::kNone) {
    scores_[0].plugin->init_all(cols_, r, scores_[0].weight, total);
    first_score = 1;
  } else {
    const HostColumns c = cols_;  // a local copy: the compiler then knows `total` does not alias it
    if (r.gpu > 0)
      for (std::size_t i = 0; i < n; ++i) total[i] = fits_at_t<true>(c, r, i) ? 0.0 : kNeg;
    else
      for (std::size_t i = 0; i < n; ++i) total[i] = fits_at_t<false>(c, r, i) ? 0.0 : kNeg;
  }
  // Filter pass 2: the plugins, on surviving hosts only.
  apply_filters(request, 0, n);
  // Scores.
  for (std::size_t k = first_score; k < scores_.size(); ++k) {
    const auto& s = scores_[k];
    const Normalize mode = s.plugin->normalize();
    if (mode == Normalize::kNone) {
      s.plugin->add_all(cols_, s.weight, total);
      continue;
    }
    double* raw = raw_.data();
    s.plugin->score_all(cols_, raw);
    double max = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (total[i] != kNeg) max = std::max(max, raw[i]);
    for (std::size_t i = 0; i < n; ++i) total[i] += s.weight * normalised(mode, raw[i], max);
  }
}

void FrameworkScheduler::apply_filters(const PlacementRequest& request, std::size_t begin, std::size_t end) {
  double* total = total_.data();
  for (const FilterPlugin* f : active_filters_)
    for (std::size_t i = begin; i < end; ++i)
      if (total[i] != kNeg && !f->check(cols_, static_cast<std::uint32_t>(i), request)) total[i] = kNeg;
}

PlacementDecision FrameworkScheduler::decide_full(const PlacementRequest& request, Rng& rng) {
  const std::size_t n = cols_.hosts;
  double* total = total_.data();
  constexpr std::size_t kBlock = BlockSelect::kBlock;
  // One score needing no normalisation (the common case): filter, score and select block by block, so
  // each block of totals is selected from while still in cache. Otherwise score every host, then select.
  select_.reset(total);
  bool blocked = scores_.size() == 1 && scores_[0].plugin->normalize() == Normalize::kNone;
  for (std::size_t b = 0; blocked && b < n; b += kBlock) {
    const std::size_t e = std::min(n, b + kBlock);
    if (!scores_[0].plugin->init_block(cols_, request.spec->request, scores_[0].weight, total, b, e)) {
      blocked = false;  // no fused pass in this plugin (learnt on the first block)
      break;
    }
    apply_filters(request, b, e);
    select_.add(b, e);
  }
  if (!blocked) {
    select_.reset(total);
    fill_totals(request);
    for (std::size_t b = 0; b < n; b += kBlock) select_.add(b, std::min(n, b + kBlock));
  }
  // Select: the k-th of the best hosts, k drawn from the Rng only when there is a real tie (as pick()).
  const Best best = select_.best();
  if (best.score == kNeg) return {request.replica, HostId{}, explain_failure(request)};
  const std::size_t host = best.count <= 1 || !options_.random_ties ? best.first : select_.kth(rng.below(best.count));
  return {request.replica, HostId(static_cast<std::uint32_t>(host)), {}};
}

PlacementDecision FrameworkScheduler::decide_sampled(const PlacementRequest& request, Rng& rng) {
  const std::size_t n = cols_.hosts;
  candidates_.clear();
  if (options_.sampling.kind == SamplingOptions::Kind::kKubernetes) {
    // kube-scheduler: scan from where the last decision stopped, stop once enough feasible hosts are found.
    const std::size_t want = kubernetes_hosts_to_find(n, options_.sampling.percentage);
    std::size_t processed = 0;
    for (; processed < n && candidates_.size() < want; ++processed) {
      const auto h = static_cast<std::uint32_t>((next_start_ + processed) % n);
      if (passes(h, request)) candidates_.push_back(h);
    }
    if (n > 0) next_start_ = (next_start_ + processed) % n;
  } else {
    // Nomad: walk the shuffled order from the cursor, keep the first `limit` feasible hosts.
    if (order_.size() != n) {
      order_.resize(n);
      for (std::size_t i = 0; i < n; ++i) order_[i] = static_cast<std::uint32_t>(i);
      cursor_ = 0;
    }
    const std::size_t want = nomad_limit(n, options_.sampling.limit, request.spec->run_time != kNever);
    for (std::size_t seen = 0; seen < n && candidates_.size() < want; ++seen) {
      const std::uint32_t h = order_[cursor_];
      cursor_ = (cursor_ + 1) % n;
      if (passes(h, request)) candidates_.push_back(h);
    }
  }
  if (candidates_.empty()) return {request.replica, HostId{}, explain_failure(request)};
  const std::size_t m = candidates_.size();
  double* total = total_.data();
  std::fill(total, total + m, 0.0);
  for (const auto& s : scores_) {
    const Normalize mode = s.plugin->normalize();
    double max = 0;
    for (std::size_t j = 0; j < m; ++j) {
      raw_[j] = s.plugin->score_one(cols_, candidates_[j]);
      max = std::max(max, raw_[j]);
    }
    for (std::size_t j = 0; j < m; ++j) total[j] += s.weight * normalised(mode, raw_[j], max);
  }
  return {request.replica, HostId(candidates_[pick(total, m, find_best(total, m), rng)]), {}};
}

FrameworkScheduler::IndexEntry& FrameworkScheduler::index_for(const ClusterState& state,
                                                              const PlacementRequest& request) {
  constexpr std::size_t kMaxIndexes = 32;  // services interleaved in one batch; beyond that, rebuilds
  IndexEntry* e = nullptr;
  for (auto& p : indexes_)
    if (p->service == request.service) e = p.get();
  const std::size_t n = state.host_count();
  bool rebuild = e == nullptr || !same_shape(e->shape, *request.spec) || e->versions.size() != n;
  if (e == nullptr) {
    if (indexes_.size() >= kMaxIndexes) {
      auto oldest = std::min_element(indexes_.begin(), indexes_.end(),
                                     [](const auto& a, const auto& b) { return a->last_used < b->last_used; });
      indexes_.erase(oldest);
    }
    indexes_.push_back(std::make_unique<IndexEntry>());
    e = indexes_.back().get();
    e->service = request.service;
  }
  e->last_used = ++use_clock_;
  if (rebuild) {
    e->shape = *request.spec;
    // The same vectorised pass as full scoring computes every host's total (identical values to
    // total_one(), which the index uses for single hosts afterwards).
    fill_totals(request);
    e->tree.reset(n);
    e->versions.resize(n);
    for (std::uint32_t h = 0; h < n; ++h) {
      e->tree.set(h, total_[h]);
      e->versions[h] = state.host_version(HostId(h));
    }
    e->tree.rebuild();
  } else if (e->batch == batch_id_) {
    // Only this batch's own allocations happened since the entry was last used: replay them.
    for (std::size_t j = e->journal_pos; j < journal_.size(); ++j) {
      const std::uint32_t h = journal_[j];
      const std::uint64_t v = state.host_version(HostId(h));
      if (e->versions[h] == v) continue;
      e->versions[h] = v;
      e->tree.update(h, passes(h, request) ? total_one(h) : HostScoreIndex::kInfeasible);
    }
  } else {
    // Anything may have changed between batches (exits, hosts down): the hosts the cluster's journal
    // names, or, when it no longer reaches back that far, every host's version.
    auto refresh = [&](std::uint32_t h) {
      const std::uint64_t v = state.host_version(HostId(h));
      if (e->versions[h] == v) return;
      e->versions[h] = v;
      e->tree.update(h, passes(h, request) ? total_one(h) : HostScoreIndex::kInfeasible);
    };
    if (const auto changed = state.changed_since(e->state_mark))
      for (std::uint32_t h : *changed) refresh(h);
    else
      for (std::uint32_t h = 0; h < n; ++h) refresh(h);
  }
  e->state_mark = state.change_mark();
  e->batch = batch_id_;
  e->journal_pos = journal_.size();
  return *e;
}

PlacementDecision FrameworkScheduler::decide_indexed(const ClusterState& state, const PlacementRequest& request,
                                                     Rng& rng) {
  IndexEntry& e = index_for(state, request);
  if (e.tree.top() == HostScoreIndex::kInfeasible) return {request.replica, HostId{}, explain_failure(request)};
  const std::uint32_t ties = e.tree.top_count();
  const std::uint32_t k = (ties > 1 && options_.random_ties) ? static_cast<std::uint32_t>(rng.below(ties)) : 0;
  return {request.replica, HostId(e.tree.kth_top(k)), {}};
}

std::span<const double> FrameworkScheduler::score_hosts(const ClusterState& state, const PlacementRequest& request) {
  refresh_columns(state);
  prepare_plugins(request);
  fill_totals(request);
  return {total_.data(), state.host_count()};
}

bool FrameworkScheduler::feasible_now(const ClusterState& state, const PlacementRequest& request, HostId host) {
  refresh_columns(state);
  prepare_plugins(request);
  return passes(host.value, request);
}

void FrameworkScheduler::commit(ClusterState& state, const PlacementRequest& request, HostId host) {
  state.allocate(host, request.service, request.spec->request);
  journal_.push_back(host.value);
}

std::vector<PlacementDecision> FrameworkScheduler::place(ClusterState& state, std::span<const PlacementRequest> batch,
                                                         Rng& rng) {
  begin(state, rng);
  std::vector<PlacementDecision> out;
  out.reserve(batch.size());
  // A replica that found no host fails the same way for its service's later replicas in this batch
  // (allocations only grow within a batch), so the explanation is reused rather than recomputed.
  ServiceId failed;
  const ServiceSpec* failed_spec = nullptr;
  std::string failed_reason;
  bool failed_explained = false;
  for (const PlacementRequest& request : batch) {
    if (failed.valid() && request.service == failed && request.spec == failed_spec &&
        (failed_explained || !request.explain)) {
      out.push_back({request.replica, HostId{}, failed_reason});
      continue;
    }
    PlacementDecision d = decide(state, request, rng);
    d.replica = request.replica;
    if (d.placed()) {
      commit(state, request, d.host);
    } else {
      failed = request.service;
      failed_spec = request.spec;
      failed_reason = d.reason;
      failed_explained = request.explain;
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string FrameworkScheduler::explain_failure(const PlacementRequest& request) const {
  if (!request.explain) return "no host (explained when first reported)";
  // Tally the first filter that rejects each host, in the order they run.
  const std::size_t n = cols_.hosts;
  std::size_t down = 0, dims[kDims] = {};
  std::vector<std::size_t> by_filter(active_filters_.size(), 0);
  const Resources& r = request.spec->request;
  for (std::size_t i = 0; i < n; ++i) {
    if (!cols_.schedulable[i]) {
      ++down;
      continue;
    }
    bool rejected = false;
    for (std::size_t d = 0; d < kDims && !rejected; ++d)
      if (r[static_cast<Dim>(d)] > cols_.cap[d][i] - cols_.alloc[d][i] + kFitEps) {
        ++dims[d];
        rejected = true;
      }
    for (std::size_t f = 0; f < active_filters_.size() && !rejected; ++f)
      if (!active_filters_[f]->check(cols_, static_cast<std::uint32_t>(i), request)) {
        ++by_filter[f];
        rejected = true;
      }
  }
  std::string out;
  auto line = [&](const std::string& what, std::size_t count) {
    if (count == 0) return;
    if (!out.empty()) out += "; ";
    out += what + " on " + std::to_string(count) + (count == 1 ? " host" : " hosts");
  };
  for (std::size_t d = 0; d < kDims; ++d) line(std::string("insufficient ") + kDimNames[d], dims[d]);
  for (std::size_t f = 0; f < active_filters_.size(); ++f) line(active_filters_[f]->reason(request), by_filter[f]);
  line("host down or draining", down);
  return out.empty() ? "no hosts" : out;
}

bool FrameworkScheduler::explain(const ClusterState& state, const PlacementRequest& request, Explanation& out) {
  refresh_columns(state);
  prepare_plugins(request);
  out = Explanation{};
  out.policy = name_;
  for (const auto& s : scores_) {
    out.score_names.emplace_back(s.plugin->name());
    out.weights.push_back(s.weight);
  }
  if (options_.sampling.kind != SamplingOptions::Kind::kNone)
    out.note = "this policy samples hosts when it places; the breakdown below scores every host";
  const std::size_t n = state.host_count();
  const Resources& r = request.spec->request;
  std::vector<std::vector<double>> raw(scores_.size(), std::vector<double>(n));
  for (std::size_t p = 0; p < scores_.size(); ++p)
    for (std::uint32_t h = 0; h < n; ++h) raw[p][h] = scores_[p].plugin->score_one(cols_, h);
  out.hosts.resize(n);
  std::vector<double> max(scores_.size(), 0.0);
  for (std::uint32_t h = 0; h < n; ++h) {
    HostExplanation& e = out.hosts[h];
    e.host = HostId(h);
    if (!cols_.schedulable[h]) e.rejected_by = "host down or draining";
    for (std::size_t d = 0; d < kDims && e.rejected_by.empty(); ++d)
      if (r[static_cast<Dim>(d)] > cols_.cap[d][h] - cols_.alloc[d][h] + kFitEps)
        e.rejected_by = std::string("insufficient ") + kDimNames[d];
    for (const FilterPlugin* f : active_filters_)
      if (e.rejected_by.empty() && !f->check(cols_, h, request)) e.rejected_by = f->reason(request);
    if (e.rejected_by.empty())
      for (std::size_t p = 0; p < scores_.size(); ++p) max[p] = std::max(max[p], raw[p][h]);
  }
  double best = kNeg;
  for (std::uint32_t h = 0; h < n; ++h) {
    HostExplanation& e = out.hosts[h];
    e.total = 0.0;
    for (std::size_t p = 0; p < scores_.size(); ++p) {
      e.scores.push_back(normalised(scores_[p].plugin->normalize(), raw[p][h], max[p]));
      e.total += scores_[p].weight * e.scores.back();
      e.described.push_back(scores_[p].plugin->describe(cols_, h));
    }
    if (e.rejected_by.empty()) best = std::max(best, e.total);
  }
  // Competition ranking over the feasible hosts: a packed key's total orders hosts but reads as noise.
  std::vector<double> totals;
  for (const HostExplanation& e : out.hosts)
    if (e.rejected_by.empty()) totals.push_back(e.total);
  std::sort(totals.begin(), totals.end(), std::greater<>());
  for (HostExplanation& e : out.hosts)
    if (e.rejected_by.empty())
      e.rank = 1 + static_cast<int>(std::lower_bound(totals.begin(), totals.end(), e.total, std::greater<>()) - totals.begin());
  for (std::uint32_t h = 0; h < n; ++h)
    if (out.hosts[h].rejected_by.empty() && out.hosts[h].total == best) out.best.push_back(HostId(h));
  if (out.best.empty()) out.reason = explain_failure(request);
  return true;
}

std::size_t FrameworkScheduler::memory_bytes() const {
  std::size_t bytes = sizeof(*this) + (total_.capacity() + raw_.capacity()) * sizeof(double) +
                      (order_.capacity() + candidates_.capacity() + journal_.capacity()) * 4;
  for (const auto& v : inv_cap_) bytes += v.capacity() * sizeof(double);
  for (const auto& e : indexes_) bytes += sizeof(IndexEntry) + e->tree.memory_bytes() + e->versions.capacity() * 8;
  return bytes;
}

}  // namespace drydock
