// The small YAML helpers every section parser of a scenario shares: errors that name
// "file:line:column: field: message", unknown-field checks, scalars and quantities with units.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>

#include "model/spec.h"
#include "workloads/scenario.h"

namespace drydock::scenario_parser {

// Builds "file:line:column: field: message". yaml-cpp counts lines from 0.
class Where {
 public:
  explicit Where(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& field, const std::string& message) const;

  // Rejects keys that are not in `allowed`: a misspelt field must not be silently ignored.
  void only(const YAML::Node& map, const std::string& path, std::initializer_list<const char*> allowed) const;

  template <typename T>
  T scalar(const YAML::Node& node, const std::string& field, const char* what) const {
    if (!node.IsScalar()) fail(node, field, std::string("expected ") + what);
    try {
      return node.as<T>();
    } catch (const YAML::Exception&) {
      fail(node, field, std::string("expected ") + what + ", got '" + node.Scalar() + "'");
    }
  }

  // A quantity with a unit, through one of the parsers in workloads/units.h.
  double unit(const YAML::Node& node, const std::string& field, double (*parse)(const std::string&)) const;

 private:
  std::string file_;
};

// `labels: {zone: a}`: a mapping of label: value (empty when absent).
Labels parse_labels(const Where& w, const YAML::Node& node, const std::string& field);

}  // namespace drydock::scenario_parser
