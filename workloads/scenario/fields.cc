#include "workloads/scenario/fields.h"

#include <sstream>
#include <stdexcept>

namespace drydock::scenario_parser {

void Where::fail(const YAML::Node& node, const std::string& field, const std::string& message) const {
  std::ostringstream out;
  out << file_;
  if (node.IsDefined() && node.Mark().line >= 0) out << ":" << node.Mark().line + 1 << ":" << node.Mark().column + 1;
  out << ": " << field << ": " << message;
  throw ScenarioError(out.str());
}

void Where::only(const YAML::Node& map, const std::string& path, std::initializer_list<const char*> allowed) const {
  if (!map.IsMap()) fail(map, path, "expected a mapping");
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    bool ok = false;
    for (const char* a : allowed) ok = ok || key == a;
    if (!ok) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail(kv.first, path.empty() ? key : path + "." + key, "unknown field (expected one of: " + list + ")");
    }
  }
}

double Where::unit(const YAML::Node& node, const std::string& field, double (*parse)(const std::string&)) const {
  if (!node.IsScalar()) fail(node, field, "expected a scalar value");
  try {
    return parse(node.Scalar());
  } catch (const std::invalid_argument& e) {
    fail(node, field, e.what());
  }
}

Labels parse_labels(const Where& w, const YAML::Node& node, const std::string& field) {
  Labels labels;
  if (!node) return labels;
  if (!node.IsMap()) w.fail(node, field, "expected a mapping of label: value");
  for (const auto& kv : node) labels[kv.first.as<std::string>()] = kv.second.as<std::string>();
  return labels;
}

}  // namespace drydock::scenario_parser
