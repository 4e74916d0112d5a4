#include "schedulers/filters.h"

#include <set>
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
    tolerations_ = tolerations_of(*rules_, *r.spec);
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
      if (!tolerates(tolerations_, t)) return false;
    return true;
  }
  std::string reason(const PlacementRequest&) const override { return "untolerated taint"; }

 private:
  std::shared_ptr<const PlacementRules> rules_;
  std::vector<Toleration> tolerations_;
  std::vector<std::vector<Taint>> tainted_;  // NoSchedule taints per host
  bool any_ = false;
};

class AntiAffinityFilter final : public FilterPlugin {
 public:
  explicit AntiAffinityFilter(std::shared_ptr<const PlacementRules> rules) : rules_(std::move(rules)) {}
  std::string_view name() const override { return "anti-affinity"; }
  bool prepare(const HostColumns& c, const PlacementRequest& r) override {
    const std::string& me = r.spec->name;
    // Learn the service's id and declarations; replicas come in runs of one service, so this is
    // skipped unless the service (or its declaration) differs from the previous request's.
    if (r.service != last_service_ || me != last_name_ || r.spec->anti_affinity != last_declared_) {
      last_service_ = r.service;
      last_name_ = me;
      last_declared_ = r.spec->anti_affinity;
      ids_[me] = r.service;
      std::set<std::string> mine(r.spec->anti_affinity.begin(), r.spec->anti_affinity.end());
      if (mine.empty())
        declared_.erase(me);
      else
        declared_[me] = std::move(mine);
    }
    if (declared_.empty() && rules_->anti_affinity.empty()) return false;  // nothing declared anywhere
    // The services to keep away from: declared by either side, in the spec or in the policy parameter.
    std::set<std::string> others;
    if (auto it = declared_.find(me); it != declared_.end()) others = it->second;
    if (auto it = rules_->anti_affinity.find(me); it != rules_->anti_affinity.end())
      others.insert(it->second.begin(), it->second.end());
    for (const auto& [other, theirs] : declared_)
      if (theirs.count(me) != 0) others.insert(other);
    avoid_.clear();
    text_.clear();
    for (const std::string& other : others) {
      text_ += (text_.empty() ? "" : ",") + other;
      auto it = ids_.find(other);
      if (it == ids_.end()) continue;  // not placed through here yet: no replicas to avoid
      auto counts = c.state->service_counts(it->second);
      if (!counts.empty()) avoid_.push_back(counts);
    }
    return !others.empty();
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
  std::map<std::string, std::set<std::string>> declared_;  // services whose spec declares anti_affinity
  ServiceId last_service_;
  std::string last_name_;
  std::vector<std::string> last_declared_;
  std::vector<std::span<const std::uint32_t>> avoid_;
  std::string text_;
};

// Host ports: a host on which any replica (of this or another service) publishes one of the requested
// ports is rejected.
class PortsFilter final : public FilterPlugin {
 public:
  std::string_view name() const override { return "ports"; }
  bool prepare(const HostColumns& c, const PlacementRequest& r) override {
    for (int p : r.spec->ports) users_[p].insert(r.service);
    if (r.spec->ports.empty()) return false;
    holders_.clear();
    std::set<ServiceId> seen;
    for (int p : r.spec->ports)
      for (ServiceId s : users_[p])
        if (seen.insert(s).second) {
          auto counts = c.state->service_counts(s);
          if (!counts.empty()) holders_.push_back(counts);
        }
    text_ = r.spec->ports.size() == 1 ? "port " : "ports ";
    for (std::size_t i = 0; i < r.spec->ports.size(); ++i)
      text_ += (i == 0 ? "" : (i + 1 == r.spec->ports.size() ? " or " : ", ")) + std::to_string(r.spec->ports[i]);
    text_ += " in use";
    return true;
  }
  bool check(const HostColumns&, std::uint32_t h, const PlacementRequest&) const override {
    for (const auto& counts : holders_)
      if (counts[h] > 0) return false;
    return true;
  }
  std::string reason(const PlacementRequest&) const override { return text_; }

 private:
  std::map<int, std::set<ServiceId>> users_;  // port -> services publishing it
  std::vector<std::span<const std::uint32_t>> holders_;
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

std::vector<Toleration> tolerations_of(const PlacementRules& rules, const ServiceSpec& spec) {
  std::vector<Toleration> out = spec.tolerations;
  if (auto it = rules.tolerations.find(spec.name); it != rules.tolerations.end())
    out.insert(out.end(), it->second.begin(), it->second.end());
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

std::unique_ptr<FilterPlugin> make_ports_filter() { return std::make_unique<PortsFilter>(); }

std::vector<std::unique_ptr<FilterPlugin>> standard_filters(std::shared_ptr<const PlacementRules> rules) {
  std::vector<std::unique_ptr<FilterPlugin>> out;
  out.push_back(make_constraint_filter());
  out.push_back(make_max_per_host_filter());
  out.push_back(make_taint_filter(rules));
  out.push_back(make_anti_affinity_filter(rules));
  out.push_back(make_ports_filter());
  return out;
}

}  // namespace drydock
