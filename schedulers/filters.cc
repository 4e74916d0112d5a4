#include "schedulers/filters.h"

#include <stdexcept>

namespace drydock {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = std::min(s.find(sep, start), s.size());
    const std::string item = trim(s.substr(start, end - start));
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

class ConstraintFilter final : public FilterPlugin {
 public:
  std::string_view name() const override { return "constraints"; }
  bool prepare(const HostColumns&, const PlacementRequest& r) override { return !r.spec->constraints.empty(); }
  bool check(const HostColumns& c, std::uint32_t h, const PlacementRequest& r) const override {
    const Labels& labels = c.state->host(HostId(h)).labels;
    for (const Constraint& k : r.spec->constraints) {
      auto it = labels.find(k.key);
      const bool matches = it != labels.end() && it->second == k.value;
      if (matches != k.equal) return false;
    }
    return true;
  }
  std::string reason(const PlacementRequest& r) const override {
    std::string s;
    for (const auto& k : r.spec->constraints)
      s += (s.empty() ? "" : ",") + ("node.labels." + k.key + (k.equal ? "==" : "!=") + k.value);
    return "constraint " + s;
  }
};

class MaxPerHostFilter final : public FilterPlugin {
 public:
  std::string_view name() const override { return "max-per-host"; }
  bool prepare(const HostColumns& c, const PlacementRequest& r) override {
    counts_ = c.state->service_counts(r.service);
    return r.spec->max_replicas_per_host > 0;
  }
  bool check(const HostColumns&, std::uint32_t h, const PlacementRequest& r) const override {
    return counts_.empty() || counts_[h] < static_cast<std::uint32_t>(r.spec->max_replicas_per_host);
  }
  std::string reason(const PlacementRequest& r) const override {
    return "max replicas per host (" + std::to_string(r.spec->max_replicas_per_host) + ")";
  }

 private:
  std::span<const std::uint32_t> counts_;
};

class TaintFilter final : public FilterPlugin {
 public:
  explicit TaintFilter(std::shared_ptr<const PlacementRules> rules) : rules_(std::move(rules)) {}
  std::string_view name() const override { return "taints"; }
  bool prepare(const HostColumns& c, const PlacementRequest& r) override {
    auto it = rules_->tolerations.find(r.spec->name);
    tolerations_ = it == rules_->tolerations.end() ? nullptr : &it->second;
    // Taints are host labels, which never change: parse them once per host.
    for (std::size_t h = tainted_.size(); h < c.hosts; ++h) {
      std::vector<Taint> hard;
      for (auto& t : host_taints(c.state->host(HostId(static_cast<HostId::repr>(h)))))
        if (t.effect == "NoSchedule" || t.effect == "NoExecute") hard.push_back(std::move(t));
      any_ = any_ || !hard.empty();
      tainted_.push_back(std::move(hard));
    }
    return any_;
  }
  bool check(const HostColumns&, std::uint32_t h, const PlacementRequest&) const override {
    for (const Taint& t : tainted_[h])
      if (tolerations_ == nullptr || !tolerates(*tolerations_, t)) return false;
    return true;
  }
  std::string reason(const PlacementRequest&) const override { return "untolerated taint"; }

 private:
  std::shared_ptr<const PlacementRules> rules_;
  const std::vector<Toleration>* tolerations_ = nullptr;
  std::vector<std::vector<Taint>> tainted_;  // NoSchedule taints per host
  bool any_ = false;
};

class AntiAffinityFilter final : public FilterPlugin {
 public:
  explicit AntiAffinityFilter(std::shared_ptr<const PlacementRules> rules) : rules_(std::move(rules)) {}
  std::string_view name() const override { return "anti-affinity"; }
  bool prepare(const HostColumns& c, const PlacementRequest& r) override {
    if (rules_->anti_affinity.count(r.spec->name) == 0) return false;
    // Services are known by name in the rules and by id in ClusterState; every service in a rule
    // passes through here (rules are symmetric), so the map is complete for placed replicas.
    ids_[r.spec->name] = r.service;
    avoid_.clear();
    text_.clear();
    for (const std::string& other : rules_->anti_affinity.at(r.spec->name)) {
      text_ += (text_.empty() ? "" : ",") + other;
      auto it = ids_.find(other);
      if (it == ids_.end()) continue;
      auto counts = c.state->service_counts(it->second);
      if (!counts.empty()) avoid_.push_back(counts);
    }
    return true;
  }
  bool check(const HostColumns&, std::uint32_t h, const PlacementRequest&) const override {
    for (const auto& counts : avoid_)
      if (counts[h] > 0) return false;
    return true;
  }
  std::string reason(const PlacementRequest&) const override { return "anti-affinity with " + text_; }

 private:
  std::shared_ptr<const PlacementRules> rules_;
  std::map<std::string, ServiceId> ids_;
  std::vector<std::span<const std::uint32_t>> avoid_;
  std::string text_;
};

}  // namespace

PlacementRules parse_rules(const std::string& tolerations, const std::string& anti_affinity) {
  PlacementRules rules;
  for (const std::string& item : split(tolerations, ',')) {
    const auto colon = item.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == item.size())
      throw std::invalid_argument("tolerations: expected SERVICE:KEY[=VALUE], got '" + item + "'");
    const std::string rest = item.substr(colon + 1);
    const auto eq = rest.find('=');
    Toleration t{trim(rest.substr(0, eq)), eq == std::string::npos ? "" : trim(rest.substr(eq + 1))};
    rules.tolerations[trim(item.substr(0, colon))].push_back(t);
  }
  for (const std::string& item : split(anti_affinity, ',')) {
    const auto colon = item.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == item.size())
      throw std::invalid_argument("anti_affinity: expected SERVICE:SERVICE, got '" + item + "'");
    const std::string a = trim(item.substr(0, colon)), b = trim(item.substr(colon + 1));
    rules.anti_affinity[a].insert(b);
    rules.anti_affinity[b].insert(a);
  }
  return rules;
}

std::vector<Taint> host_taints(const HostSpec& host) {
  static const std::string prefix = "taint.";
  std::vector<Taint> out;
  for (auto it = host.labels.lower_bound(prefix); it != host.labels.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    Taint t{it->first.substr(prefix.size()), it->second, "NoSchedule"};
    const auto colon = t.value.rfind(':');
    if (colon != std::string::npos) {
      t.effect = t.value.substr(colon + 1);
      t.value = t.value.substr(0, colon);
    }
    out.push_back(std::move(t));
  }
  return out;
}

bool tolerates(const std::vector<Toleration>& tolerations, const Taint& taint) {
  for (const Toleration& t : tolerations)
    if (t.key == taint.key && (t.value.empty() || t.value == taint.value)) return true;
  return false;
}

std::unique_ptr<FilterPlugin> make_constraint_filter() { return std::make_unique<ConstraintFilter>(); }
std::unique_ptr<FilterPlugin> make_max_per_host_filter() { return std::make_unique<MaxPerHostFilter>(); }
std::unique_ptr<FilterPlugin> make_taint_filter(std::shared_ptr<const PlacementRules> rules) {
  return std::make_unique<TaintFilter>(std::move(rules));
}
std::unique_ptr<FilterPlugin> make_anti_affinity_filter(std::shared_ptr<const PlacementRules> rules) {
  return std::make_unique<AntiAffinityFilter>(std::move(rules));
}

std::vector<std::unique_ptr<FilterPlugin>> standard_filters(std::shared_ptr<const PlacementRules> rules) {
  std::vector<std::unique_ptr<FilterPlugin>> out;
  out.push_back(make_constraint_filter());
  out.push_back(make_max_per_host_filter());
  out.push_back(make_taint_filter(rules));
  out.push_back(make_anti_affinity_filter(rules));
  return out;
}

}  // namespace drydock
