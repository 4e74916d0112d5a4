// Shrinking a random scenario (workloads/random_scenario.h): each step removes one part or halves one
// count, and drops what named a removed host or service, so that every step is a valid scenario.
#include <algorithm>
#include <string>

#include "workloads/random_scenario.h"

namespace drydock {
namespace {

// Keeps the parts that name no host outside `alive`.
template <typename Alive>
std::vector<RandomPart> keep_hosts(const std::vector<RandomPart>& parts, Alive alive) {
  std::vector<RandomPart> out;
  for (const RandomPart& p : parts)
    if (std::all_of(p.hosts.begin(), p.hosts.end(), alive)) out.push_back(p);
  return out;
}

std::string replace_number(std::string text, const std::string& key, int from, int to) {
  const std::string old = key + ": " + std::to_string(from);
  const auto at = text.find(old);
  if (at != std::string::npos) text.replace(at, old.size(), key + ": " + std::to_string(to));
  return text;
}

bool host_in(const RandomScenario& s, const std::string& host) {
  for (const RandomHostGroup& g : s.groups)
    if (host.rfind(g.name + "-", 0) == 0 && std::stoi(host.substr(g.name.size() + 1)) <= g.count) return true;
  return false;
}

RandomScenario without_service(const RandomScenario& s, std::size_t index) {
  RandomScenario t = s;
  const std::string name = s.services[index].name;
  t.services.erase(t.services.begin() + static_cast<long>(index));
  for (RandomService& svc : t.services) {
    const std::string clause = ", anti_affinity: [" + name + "]";
    if (const auto at = svc.yaml.find(clause); at != std::string::npos) svc.yaml.erase(at, clause.size());
  }
  auto names_it = [&](const RandomPart& p) { return p.service == name; };
  t.faults.erase(std::remove_if(t.faults.begin(), t.faults.end(), names_it), t.faults.end());
  t.changes.erase(std::remove_if(t.changes.begin(), t.changes.end(), names_it), t.changes.end());
  return t;
}

// The cluster with group `g` holding `count` hosts (or none: removed), and the parts still valid.
RandomScenario resized_group(const RandomScenario& s, std::size_t g, int count) {
  RandomScenario t = s;
  if (count == 0) t.groups.erase(t.groups.begin() + static_cast<long>(g));
  else t.groups[g].count = count;
  if (g == 0 && t.autoscaler && t.autoscaler_initial > count) {
    t.autoscaler = replace_number(*t.autoscaler, "initial_hosts", t.autoscaler_initial, count);
    t.autoscaler_initial = count;
  }
  auto alive = [&](const std::string& h) { return host_in(t, h); };
  t.faults = keep_hosts(t.faults, alive);
  return t;
}

}  // namespace

std::vector<RandomScenario> shrink_steps(const RandomScenario& s) {
  std::vector<RandomScenario> out;
  for (std::size_t i = 0; i < s.faults.size(); ++i) {
    RandomScenario t = s;
    t.faults.erase(t.faults.begin() + static_cast<long>(i));
    out.push_back(std::move(t));
  }
  for (std::size_t i = 0; i < s.changes.size(); ++i) {
    RandomScenario t = s;
    t.changes.erase(t.changes.begin() + static_cast<long>(i));
    out.push_back(std::move(t));
  }
  if (s.services.size() > 1)
    for (std::size_t i = 0; i < s.services.size(); ++i) out.push_back(without_service(s, i));
  if (s.autoscaler) {
    RandomScenario t = s;
    t.autoscaler.reset();
    t.autoscaler_initial = 0;
    out.push_back(std::move(t));
  }
  if (!s.detector.empty()) {
    RandomScenario t = s;
    t.detector.clear();
    out.push_back(std::move(t));
  }
  for (std::size_t g = 1; g < s.groups.size(); ++g) {
    // Not a group a service needs (its zone constraint, its GPUs): the scenario would not load.
    const bool needed = std::any_of(s.services.begin(), s.services.end(), [&](const RandomService& svc) {
      return svc.yaml.find("zone==" + s.groups[g].zone) != std::string::npos || (svc.needs_gpu && s.groups[g].gpu > 0);
    });
    if (!needed) out.push_back(resized_group(s, g, 0));
  }
  for (std::size_t g = 0; g < s.groups.size(); ++g)
    if (s.groups[g].count > 1) {
      out.push_back(resized_group(s, g, s.groups[g].count / 2));
      out.push_back(resized_group(s, g, s.groups[g].count - 1));
    }
  for (std::size_t i = 0; i < s.services.size(); ++i)
    if (s.services[i].replicas > 1)
      for (int to : {1, s.services[i].replicas / 2, s.services[i].replicas - 1}) {
        RandomScenario t = s;
        t.services[i].yaml = replace_number(t.services[i].yaml, "replicas", t.services[i].replicas, to);
        t.services[i].replicas = to;
        out.push_back(std::move(t));
      }
  if (s.duration > 100) {
    // A shorter run, when nothing happens after its end.
    const int shorter = s.duration / 2;
    bool late = false;
    for (const auto* parts : {&s.faults, &s.changes})
      for (const RandomPart& p : *parts) late = late || p.at >= shorter;
    if (!late) {
      RandomScenario t = s;
      t.duration = shorter;
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace drydock
