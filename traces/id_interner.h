// Dense int64 ids for string ids (Azure's encrypted VM ids, Alibaba's non-numeric task names), assigned
// in order of first appearance so that they are the same on every run of the same file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace drydock::traces {

class IdInterner {
 public:
  // The id of `key`, assigning the next one (0, 1, 2, ...) the first time it is seen.
  std::int64_t id(std::string_view key) {
    auto it = ids_.find(std::string(key));
    if (it != ids_.end()) return it->second;
    std::int64_t v = static_cast<std::int64_t>(ids_.size());
    ids_.emplace(std::string(key), v);
    return v;
  }
  bool contains(std::string_view key) const { return ids_.count(std::string(key)) > 0; }
  std::size_t size() const { return ids_.size(); }

 private:
  std::unordered_map<std::string, std::int64_t> ids_;  // only looked up, never iterated: order-free
};

}  // namespace drydock::traces
