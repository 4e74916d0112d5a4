#include "tests/analysis/synthetic_results.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

namespace drydock::testing {

void write_synthetic_run(const std::string& dir, const std::string& policy, std::uint64_t seed,
                         const std::map<std::string, double>& metrics) {
  std::filesystem::create_directories(dir);
  nlohmann::json m = nlohmann::json::object();
  for (const auto& [k, v] : metrics) m[k] = v;
  m["failures"] = nlohmann::json::array();
  const nlohmann::json summary = {
      {"scenario", "synthetic"}, {"runtime", "sim"}, {"policy", policy}, {"seed", seed}, {"duration", 100.0},
      {"code_version", "test"}, {"detector", ""},
      {"inventory", {{"hosts", {{"h-1", {{"cpu", 4}, {"memory_mib", 1024}, {"gpu", 0}}}}},
                     {"services", {{"web", {{"cpu", 1}, {"memory_mib", 128}, {"gpu", 0}}}}}}},
      {"metrics", m}};
  std::ofstream(dir + "/summary.json") << summary.dump(2) << "\n";
  std::ofstream(dir + "/events.csv") << "time,kind,service,replica,host,detail\n"
                                        "0.000000,host_joined,,,h-1,\n"
                                        "0.000000,scaled,web,,,0->1\n"
                                        "0.000000,submitted,web,web.1,,\n"
                                        "0.000000,placed,web,web.1,h-1,\n"
                                        "1.000000,started,web,web.1,h-1,\n";
  std::ofstream(dir + "/timeseries.csv") << "time,scope,name,metric,value\n"
                                            "0.000000,cluster,all,cpu_allocated,0.25\n"
                                            "0.000000,host,h-1,up,1\n"
                                            "0.000000,host,h-1,cpu_allocated,0.25\n"
                                            "0.000000,host,h-1,memory_allocated,0.125\n"
                                            "0.000000,host,h-1,replicas_running,1\n";
}

namespace {

std::filesystem::path test_root() {
  return std::filesystem::temp_directory_path() / ("drydock-test-" + std::to_string(getpid()));
}

// Removes this process's synthetic results when every test passed; a failure leaves them for a look.
class RemoveResults : public ::testing::Environment {
 public:
  void TearDown() override {
    if (!::testing::UnitTest::GetInstance()->Failed()) std::filesystem::remove_all(test_root());
  }
};
const auto* const kRemoveResults = ::testing::AddGlobalTestEnvironment(new RemoveResults);

}  // namespace

std::string fresh_dir(const std::string& name) {
  const auto dir = test_root() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace drydock::testing
