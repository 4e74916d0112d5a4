// Results directories made up by a test: a summary.json with chosen metric values and minimal, valid
// events.csv and timeseries.csv, so that the comparison can be checked against a known truth.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace drydock::testing {

// Writes <dir>/summary.json, events.csv, timeseries.csv for one run of `policy` with `seed`; `metrics`
// are top-level numeric metrics (e.g. {"all_running_at", 12.5}).
void write_synthetic_run(const std::string& dir, const std::string& policy, std::uint64_t seed,
                         const std::map<std::string, double>& metrics);

// A fresh empty directory under the system's temp directory.
std::string fresh_dir(const std::string& name);

}  // namespace drydock::testing
