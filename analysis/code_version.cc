#include "analysis/code_version.h"

namespace drydock {

const char* code_version() { return DRYDOCK_VERSION; }

}  // namespace drydock
