#include "cli/sweep_variants.h"

#include <cstdio>
#include <map>
#include <sstream>
#include <stdexcept>

#include "cli/scenario_overrides.h"
#include "model/variant.h"
#include "schedulers/scheduler.h"

namespace drydock::cli {
namespace {

std::vector<std::string> split_labels(const std::string& text) {
  // Commas separate labels, except inside [...]: "a,b[x=1,y=2]" is two labels.
  std::vector<std::string> out;
  std::string item;
  int depth = 0;
  for (char c : text) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == ',' && depth == 0) {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

void build(const Variant& v, const std::string& where) {
  try {
    PolicyRegistry::instance().make(v.policy, PolicyParams(v.params));
  } catch (const std::exception& e) {
    throw std::invalid_argument(where + " " + v.label() + ": " + e.what());
  }
}

}  // namespace

std::vector<std::string> sweep_variants(const VariantOptions& options) {
  std::vector<std::pair<std::string, std::string>> given;  // (option, label)
  for (const auto& l : split_labels(options.policies)) given.emplace_back("--policies", l);
  for (const auto& l : options.variants) given.emplace_back("--variant", l);
  const bool all = given.empty();
  if (all)
    for (const PolicyInfo* p : PolicyRegistry::instance().all())
      if (p->alias_of.empty() && p->make) given.emplace_back("--policies", p->name);  // scenario policies, once

  std::vector<std::string> labels;
  std::map<std::string, std::string> seen;  // label with aliases resolved -> the label given first
  for (const auto& [option, text] : given) {
    Variant v;
    try {
      v = parse_variant(text);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(option + ": " + e.what());
    }
    apply_policy_params(v.params, options.params);
    build(v, option);
    Variant canonical = v;
    if (const PolicyInfo* info = PolicyRegistry::instance().find(v.policy); info && !info->alias_of.empty())
      canonical.policy = info->alias_of;
    const auto [it, fresh] = seen.emplace(canonical.label(), v.label());
    if (!fresh) {
      if (it->second == v.label()) throw std::invalid_argument(option + ": " + v.label() + " is named twice");
      std::fprintf(stderr, "drydock compare: %s is %s under another name; it runs once\n", v.label().c_str(),
                   it->second.c_str());
      continue;
    }
    labels.push_back(v.label());
  }
  return labels;
}

void check_variants_on_grid(const std::vector<std::string>& variants, const std::vector<GridPoint>& points) {
  for (const auto& point : points) {
    bool has_params = false;
    for (const auto& [key, value] : point.settings) has_params = has_params || is_policy_param(key);
    if (!has_params) continue;
    for (const auto& label : variants) build(run_variant(label, point), "--set " + point.label() + ":");
  }
}

std::vector<std::pair<std::string, std::string>> scenario_settings(const GridPoint& point) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : point.settings)
    if (!is_policy_param(s.first)) out.push_back(s);
  return out;
}

std::vector<std::string> policy_args(const std::string& variant, const GridPoint& point) {
  const Variant v = run_variant(variant, point);
  std::vector<std::string> args{"--policy", v.policy};
  for (const auto& [k, value] : v.params) {
    args.push_back("--param");
    args.push_back(k + "=" + value);
  }
  return args;
}

}  // namespace drydock::cli
