// The command line drydock was started with, as one string, for reports that say how they were made.
#pragma once

#include <string>

namespace drydock::cli {

inline std::string& command_line() {
  static std::string line;
  return line;
}

}  // namespace drydock::cli
