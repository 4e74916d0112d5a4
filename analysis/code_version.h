// The code version (`git describe --always --dirty --tags` at configure time) that every summary.json
// records and `drydock --version` prints: a result can always be traced back to the code that made it.
#pragma once

namespace drydock {

const char* code_version();

}  // namespace drydock
