// A variant: a policy with its parameters, named by one stable label that tables, directories and
// summary.json share. "least-allocated" (no parameters) or "least-allocated[cpu_weight=2,memory_weight=1]"
// (keys in sorted order, so the same settings always give the same label).
#pragma once

#include <map>
#include <string>

namespace drydock {

struct Variant {
  std::string policy;
  std::map<std::string, std::string> params;
  std::string label() const;
};

// Parses a label as written on a command line: "spread", "least-allocated[cpu_weight=2]",
// "least-allocated[cpu_weight=2,memory_weight=1]". Throws std::invalid_argument quoting the text when a
// bracket is unclosed, a parameter has no '=' or an empty key, or a key is given twice.
Variant parse_variant(const std::string& text);

}  // namespace drydock
