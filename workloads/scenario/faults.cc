// `faults:`: single faults on the hosts they select, and fault generators.
#include "workloads/scenario/sections.h"

#include "workloads/units.h"

namespace drydock::scenario_parser {

namespace {

const HostSpec* find_host(const Scenario& s, const std::string& name) {
  for (const auto& h : s.hosts)
    if (h.name == name) return &h;
  return nullptr;
}

struct FaultKindName {
  FaultSpec::Kind kind;
  const char* name;
};
constexpr FaultKindName kFaultKinds[] = {
    {FaultSpec::Kind::kHostCrash, "host_crash"},         {FaultSpec::Kind::kHostRecover, "host_recover"},
    {FaultSpec::Kind::kHostHang, "host_hang"},           {FaultSpec::Kind::kHeartbeatDelay, "heartbeat_delay"},
    {FaultSpec::Kind::kPartition, "partition"},          {FaultSpec::Kind::kRandomFailures, "random_failures"},
    {FaultSpec::Kind::kContainerCrashes, "container_crashes"},
};

// The hosts a fault selects: one `host`, a `hosts` list, or every host carrying all of `labels`.
void parse_fault_targets(const Where& w, const YAML::Node& f, const std::string& at, const Scenario& s,
                         FaultSpec& fault, bool required) {
  const int selectors = (f["host"] ? 1 : 0) + (f["hosts"] ? 1 : 0) + (f["labels"] ? 1 : 0);
  if (selectors > 1) w.fail(f, at, "give one of host, hosts or labels, not several");
  if (selectors == 0) {
    if (required) w.fail(f, at + ".host", "missing (or give hosts: [...] or labels: {key: value})");
    return;
  }
  if (f["host"]) {
    fault.host = w.scalar<std::string>(f["host"], at + ".host", "a host name");
    if (!find_host(s, fault.host)) w.fail(f["host"], at + ".host", "no host named '" + fault.host + "' in the cluster");
    fault.hosts = {fault.host};
  } else if (f["hosts"]) {
    const YAML::Node list = f["hosts"];
    if (!list.IsSequence() || list.size() == 0) w.fail(list, at + ".hosts", "expected a non-empty list of host names");
    for (std::size_t k = 0; k < list.size(); ++k) {
      const std::string field = at + ".hosts[" + std::to_string(k) + "]";
      const std::string name = w.scalar<std::string>(list[k], field, "a host name");
      if (!find_host(s, name)) w.fail(list[k], field, "no host named '" + name + "' in the cluster");
      fault.hosts.push_back(name);
    }
  } else {
    fault.labels = parse_labels(w, f["labels"], at + ".labels");
    if (fault.labels.empty()) w.fail(f["labels"], at + ".labels", "expected at least one label: value");
    for (const auto& h : s.hosts) {
      bool all = true;
      for (const auto& [k, v] : fault.labels) {
        auto it = h.labels.find(k);
        all = all && it != h.labels.end() && it->second == v;
      }
      if (all) fault.hosts.push_back(h.name);
    }
    if (fault.hosts.empty()) w.fail(f["labels"], at + ".labels", "no host of the cluster carries these labels");
  }
  fault.host = fault.hosts.front();
}

}  // namespace

void parse_faults(const Where& w, const YAML::Node& faults, Scenario& s) {
  if (!faults.IsSequence()) w.fail(faults, "faults", "expected a list");
  std::string known;
  for (const auto& k : kFaultKinds) known += (known.empty() ? "" : ", ") + std::string(k.name);
  for (std::size_t i = 0; i < faults.size(); ++i) {
    const YAML::Node f = faults[i];
    const std::string at = "faults[" + std::to_string(i) + "]";
    w.only(f, at, {"at", "kind", "host", "hosts", "labels", "duration", "until", "mtbf", "mttr", "shape", "service"});
    FaultSpec fault;
    if (!f["at"]) w.fail(f, at + ".at", "missing");
    fault.at = w.unit(f["at"], at + ".at", parse_seconds);
    if (fault.at < 0) w.fail(f["at"], at + ".at", "must not be negative");
    if (!f["kind"]) w.fail(f, at + ".kind", "missing");
    const std::string kind = w.scalar<std::string>(f["kind"], at + ".kind", "a fault kind");
    bool found = false;
    for (const auto& k : kFaultKinds)
      if (kind == k.name) fault.kind = k.kind, found = true;
    if (!found) w.fail(f["kind"], at + ".kind", "expected one of " + known + ", got '" + kind + "'");

    using K = FaultSpec::Kind;
    const K k = fault.kind;
    const bool generator = k == K::kRandomFailures || k == K::kContainerCrashes;
    // A field the kind does not use is an error: it would otherwise be silently ignored.
    auto not_for = [&](const char* field) {
      if (f[field]) w.fail(f[field], at + "." + field, "not used by kind " + kind);
    };
    if (k == K::kContainerCrashes) {
      for (const char* field : {"host", "hosts", "labels", "duration", "mttr", "shape"}) not_for(field);
    } else {
      parse_fault_targets(w, f, at, s, fault, !generator);
    }
    if (!generator)
      for (const char* field : {"until", "mtbf", "mttr", "shape", "service"}) not_for(field);
    if (k == K::kHostRecover || k == K::kRandomFailures) not_for("duration");

    if (f["duration"]) {
      fault.duration = w.unit(f["duration"], at + ".duration", parse_seconds);
      if (fault.duration <= 0) w.fail(f["duration"], at + ".duration", "must be positive");
    } else if (k == K::kHostHang || k == K::kHeartbeatDelay) {
      w.fail(f, at + ".duration", "missing (how long the " + kind + " lasts)");
    }
    if (generator) {
      if (f["until"]) fault.until = w.unit(f["until"], at + ".until", parse_seconds);
      if (fault.until < fault.at) w.fail(f["until"], at + ".until", "must not be before at");
      if (!f["mtbf"]) w.fail(f, at + ".mtbf", "missing (mean time between failures)");
      fault.mtbf = w.unit(f["mtbf"], at + ".mtbf", parse_seconds);
      if (fault.mtbf <= 0) w.fail(f["mtbf"], at + ".mtbf", "must be positive");
    }
    if (k == K::kRandomFailures) {
      if (!f["mttr"]) w.fail(f, at + ".mttr", "missing (mean time to repair)");
      fault.mttr = w.unit(f["mttr"], at + ".mttr", parse_seconds);
      if (fault.mttr <= 0) w.fail(f["mttr"], at + ".mttr", "must be positive");
      if (f["shape"]) fault.shape = w.scalar<double>(f["shape"], at + ".shape", "a Weibull shape such as 1.5");
      if (!(fault.shape > 0)) w.fail(f["shape"], at + ".shape", "must be positive");
      if (fault.hosts.empty())
        for (const auto& h : s.hosts) fault.hosts.push_back(h.name);
    }
    if (k == K::kContainerCrashes) {
      if (!f["service"]) w.fail(f, at + ".service", "missing");
      fault.service = w.scalar<std::string>(f["service"], at + ".service", "a service name");
      bool known_service = false;
      for (const auto& svc : s.services) known_service = known_service || svc.name == fault.service;
      if (!known_service) w.fail(f["service"], at + ".service", "no service named '" + fault.service + "'");
    }
    s.faults.push_back(fault);
  }
}

}  // namespace drydock::scenario_parser

namespace drydock {

std::string_view to_string(FaultSpec::Kind kind) {
  for (const auto& k : scenario_parser::kFaultKinds)
    if (k.kind == kind) return k.name;
  return "?";
}

}  // namespace drydock
