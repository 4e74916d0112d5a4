#include "model/variant.h"

#include <stdexcept>

namespace drydock {

std::string Variant::label() const {
  if (params.empty()) return policy;
  std::string out = policy + "[";
  bool first = true;
  for (const auto& [k, v] : params) {
    out += (first ? "" : ",") + k + "=" + v;
    first = false;
  }
  return out + "]";
}

Variant parse_variant(const std::string& text) {
  Variant v;
  const auto open = text.find('[');
  v.policy = text.substr(0, open);
  if (v.policy.empty()) throw std::invalid_argument("variant '" + text + "': no policy name before the parameters");
  if (open == std::string::npos) return v;
  if (text.back() != ']') throw std::invalid_argument("variant '" + text + "': expected NAME[KEY=VALUE,...] ending in ]");
  const std::string inner = text.substr(open + 1, text.size() - open - 2);
  std::size_t start = 0;
  while (start <= inner.size()) {
    const auto comma = inner.find(',', start);
    const std::string item = inner.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw std::invalid_argument("variant '" + text + "': parameter '" + item + "' is not KEY=VALUE");
    if (!v.params.emplace(item.substr(0, eq), item.substr(eq + 1)).second)
      throw std::invalid_argument("variant '" + text + "': parameter '" + item.substr(0, eq) + "' given twice");
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return v;
}

}  // namespace drydock
