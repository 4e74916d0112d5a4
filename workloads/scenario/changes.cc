// `changes:`: scale a service or roll out a new image during the run.
#include "workloads/scenario/sections.h"

#include "workloads/units.h"

namespace drydock::scenario_parser {

void parse_changes(const Where& w, const YAML::Node& changes, Scenario& s) {
  if (!changes.IsSequence()) w.fail(changes, "changes", "expected a list");
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const YAML::Node c = changes[i];
    const std::string at = "changes[" + std::to_string(i) + "]";
    w.only(c, at, {"at", "service", "replicas", "image"});
    ChangeSpec change;
    if (!c["at"] || !c["service"] || (!c["replicas"] && !c["image"]))
      w.fail(c, at, "needs at, service and replicas or image");
    change.at = w.unit(c["at"], at + ".at", parse_seconds);
    change.service = w.scalar<std::string>(c["service"], at + ".service", "a service name");
    if (c["replicas"]) {
      change.replicas = w.scalar<int>(c["replicas"], at + ".replicas", "an integer");
      if (change.replicas < 0) w.fail(c["replicas"], at + ".replicas", "must not be negative");
    }
    if (auto img = c["image"]) {  // an update: the same shape as a service's image
      w.only(img, at + ".image", {"name", "size"});
      if (!img["name"]) w.fail(img, at + ".image.name", "missing");
      change.image = w.scalar<std::string>(img["name"], at + ".image.name", "an image name");
      if (img["size"]) change.image_bytes = static_cast<std::uint64_t>(w.unit(img["size"], at + ".image.size", parse_bytes));
    }
    bool known = false;
    for (const auto& svc : s.services) known = known || svc.name == change.service;
    if (!known) w.fail(c["service"], at + ".service", "no service named '" + change.service + "'");
    s.changes.push_back(change);
  }
}

}  // namespace drydock::scenario_parser
