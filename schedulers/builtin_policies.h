// The list of policies that ship with drydock. Each policy file exposes one register_* function;
// listing them here (rather than relying on static initialisers) keeps them from being dropped by the
// linker from a static library.
#pragma once

namespace drydock {

class PolicyRegistry;
void register_builtin_policies(PolicyRegistry& registry);

void register_spread(PolicyRegistry& registry);
void register_binpack(PolicyRegistry& registry);
void register_random(PolicyRegistry& registry);

}  // namespace drydock
