#include "schedulers/builtin_policies.h"

namespace drydock {

void register_builtin_policies(PolicyRegistry& registry) {
  register_spread(registry);
  register_binpack(registry);
  register_random(registry);
}

}  // namespace drydock
