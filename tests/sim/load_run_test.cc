// Request load and the HPA end to end: replicas follow a diurnal curve within the SLO, and a flash
// crowd breaks the SLO until the HPA catches up (`drydock run` on the shipped scenarios).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include "tests/sim/drydock_cli.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;

struct Series {
  std::map<std::string, std::vector<std::pair<double, double>>> of;  // metric -> (time, value) of service api
  double at(const std::string& metric, double t) const {
    double v = 0;
    for (const auto& [time, value] : of.at(metric))
      if (time <= t) v = value;
    return v;
  }
};

struct LoadRun {
  int status = -1;
  std::string output;
  nlohmann::json metrics;
  Series api;
};

LoadRun run(const std::string& scenario, const std::string& name) {
  LoadRun r;
  const fs::path dir = fs::temp_directory_path() / ("drydock-load-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  r.status = drydock::testing::run_drydock("run " + scenario + " --quiet --out " + dir.string(), &r.output);
  if (r.status != 0) return r;
  std::ifstream s(dir / "summary.json");
  std::stringstream text;
  text << s.rdbuf();
  r.metrics = nlohmann::json::parse(text.str())["metrics"];
  std::ifstream ts(dir / "timeseries.csv");
  std::string line;
  std::getline(ts, line);
  while (std::getline(ts, line)) {
    std::stringstream fields(line);
    std::string time, scope, sname, metric, value;
    std::getline(fields, time, ',');
    std::getline(fields, scope, ',');
    std::getline(fields, sname, ',');
    std::getline(fields, metric, ',');
    std::getline(fields, value, ',');
    if (scope == "service" && sname == "api") r.api.of[metric].push_back({std::stod(time), std::stod(value)});
  }
  return r;
}

TEST(Load, DiurnalReplicasFollowDemandWithinTheSlo) {
  const LoadRun r = run("workloads/scenarios/hpa-diurnal.yaml", "diurnal");
  ASSERT_EQ(r.status, 0) << r.output;
  // 5,000 req/s at 14:00 at 60 % of 100 req/s per replica: about 84 replicas; 500 req/s at 02:00: about 9.
  EXPECT_GE(r.api.at("desired", 14 * 3600), 75);
  EXPECT_LE(r.api.at("desired", 14 * 3600), 100);
  EXPECT_LE(r.api.at("desired", 2 * 3600 + 600), 15);
  EXPECT_GE(r.api.at("running", 14 * 3600), 75);
  const auto& load = r.metrics["load"]["api"];
  EXPECT_LT(load["slo_violation_fraction"].get<double>(), 0.02);
  EXPECT_LT(load["latency_p99"]["p95"].get<double>(), 0.25);
  EXPECT_LT(load["dropped_fraction"].get<double>(), 1e-3);
  EXPECT_GT(load["requests"].get<double>(), 86400 * 500.0);
}

TEST(Load, SpikeBreaksTheSloUntilTheHpaCatchesUp) {
  const LoadRun r = run("workloads/scenarios/hpa-spike.yaml", "spike");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(r.api.at("slo_violated", 3590), 0);  // before the spike
  EXPECT_EQ(r.api.at("slo_violated", 3615), 1);  // overloaded at once
  EXPECT_GT(r.api.at("dropped_rate", 3615), 100);
  EXPECT_GE(r.api.at("desired", 3600 + 120), 70);     // doubling every 15 s
  EXPECT_EQ(r.api.at("slo_violated", 3600 + 400), 0);  // caught up well before the spike ends
  // Scale down waits for the 300 s stabilisation window after the spike (ends at 4,200 s).
  EXPECT_GE(r.api.at("desired", 4200 + 200), 70);
  EXPECT_LE(r.api.at("desired", 4200 + 600), 15);
  const auto& load = r.metrics["load"]["api"];
  EXPECT_GT(load["slo_violation_fraction"].get<double>(), 0.0);
  EXPECT_GT(load["dropped"].get<double>(), 0.0);
}

// The stated linear power model, hosts in use only: binpack packs the standard scenario's 100 replicas
// onto fewer hosts than spread, so it uses less energy; with every host on, the two are about equal.
TEST(Energy, BinpackUsesLessThanSpread) {
  auto energy = [](const std::string& policy) {
    const fs::path dir = fs::temp_directory_path() / ("drydock-energy-" + policy + "-" + std::to_string(getpid()));
    const std::string cmd = std::string(DRYDOCK_BIN) + " run workloads/scenarios/seed-100-replicas.yaml --quiet --policy " +
                            policy + " --out " + dir.string() + " > /dev/null 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::ifstream s(dir / "summary.json");
    std::stringstream text;
    text << s.rdbuf();
    return nlohmann::json::parse(text.str())["metrics"];
  };
  const auto spread = energy("spread"), binpack = energy("binpack");
  EXPECT_LT(binpack["energy_kwh"].get<double>(), 0.95 * spread["energy_kwh"].get<double>());
  // All on, the two differ only by when allocations came and went around the crash.
  EXPECT_NEAR(binpack["energy_kwh_all_up"].get<double>(), spread["energy_kwh_all_up"].get<double>(), 0.005);
  // 10 hosts for 1,200 s at 100-200 W: between 0.33 and 0.67 kWh.
  EXPECT_GT(spread["energy_kwh_all_up"].get<double>(), 0.33);
  EXPECT_LT(spread["energy_kwh_all_up"].get<double>(), 0.67);
}

}  // namespace
}  // namespace drydock
