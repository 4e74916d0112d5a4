// Typed identifiers. A HostId can never be passed where a ServiceId is expected.
//
// Hosts and services get dense ids (0, 1, 2, ...) in the order the runtime first sees them, so that
// schedulers can index per-host arrays directly. Replica ids only ever grow.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace drydock {

template <typename Tag, typename Repr = std::uint32_t>
struct Id {
  using repr = Repr;
  static constexpr Repr kInvalid = std::numeric_limits<Repr>::max();

  Repr value = kInvalid;

  constexpr Id() = default;
  constexpr explicit Id(Repr v) : value(v) {}
  constexpr bool valid() const { return value != kInvalid; }
  constexpr auto operator<=>(const Id&) const = default;
};

struct HostTag {};
struct ServiceTag {};
struct ReplicaTag {};

using HostId = Id<HostTag>;
using ServiceId = Id<ServiceTag>;
using ReplicaId = Id<ReplicaTag, std::uint64_t>;

}  // namespace drydock

template <typename Tag, typename Repr>
struct std::hash<drydock::Id<Tag, Repr>> {
  size_t operator()(const drydock::Id<Tag, Repr>& id) const noexcept { return std::hash<Repr>{}(id.value); }
};
