// The cluster autoscaler end to end (`drydock run workloads/scenarios/cluster-autoscaler-burst.yaml`):
// pool hosts are powered on under the burst and off after it, reproducibly, with the invariants
// checked at every instant; and the energy of the two placement policies compared on it.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "analysis/results.h"
#include "tests/sim/drydock_cli.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;

using drydock::testing::slurp;

int drydock_run(const std::string& args, std::string& output) {
  return drydock::testing::run_drydock("run workloads/scenarios/cluster-autoscaler-burst.yaml --quiet " + args, &output);
}

// One metric of one scope/name per sample time, from timeseries.csv.
std::map<double, double> series(const fs::path& timeseries, const std::string& metric,
                                const std::string& who = "cluster,all") {
  std::map<double, double> out;
  std::ifstream in(timeseries);
  std::string line;
  const std::string key = "," + who + "," + metric + ",";
  while (std::getline(in, line)) {
    const auto at = line.find(key);
    if (at == std::string::npos) continue;
    out[std::stod(line.substr(0, at))] = std::stod(line.substr(line.rfind(',') + 1));
  }
  return out;
}
std::map<double, double> hosts_up(const fs::path& timeseries) { return series(timeseries, "hosts_up"); }

TEST(ClusterAutoscalerRun, HostsAreAddedUnderTheBurstAndRemovedAfterItReproducibly) {
  const fs::path dir = fs::temp_directory_path() / ("drydock-ca-" + std::to_string(getpid()));
  fs::remove_all(dir);
  std::string out_a, out_b;
  ASSERT_EQ(drydock_run("--out " + (dir / "a").string(), out_a), 0) << out_a;
  ASSERT_EQ(drydock_run("--out " + (dir / "b").string(), out_b), 0) << out_b;
  EXPECT_EQ(slurp(dir / "a" / "events.csv"), slurp(dir / "b" / "events.csv"));
  EXPECT_EQ(slurp(dir / "a" / "summary.json"), slurp(dir / "b" / "summary.json"));

  int added = 0, removed = 0, joined = 0;
  for (const Event& e : read_events_csv((dir / "a" / "events.csv").string())) {
    if (e.kind == EventKind::kHostAdded) {
      ++added;
      EXPECT_GE(e.time, 600) << "added before the burst";
      EXPECT_LT(e.time, 700) << "the burst is seen within a few scans";
    }
    if (e.kind == EventKind::kHostJoined && e.detail == "cluster autoscaler") {
      ++joined;
      EXPECT_GE(e.time, 660) << "joined before its 60 s boot";
    }
    if (e.kind == EventKind::kHostRemoved) {
      ++removed;
      EXPECT_GE(e.time, 1800 + 600) << "removed before 10 minutes unneeded after the burst";
    }
    EXPECT_NE(e.kind, EventKind::kHostSuspected) << "a removed host is not a suspect";
  }
  EXPECT_EQ(added, 6) << "48 cpu of unschedulable replicas on 8-cpu hosts";
  EXPECT_EQ(joined, added);
  EXPECT_GE(removed, 5);

  const auto up = hosts_up(dir / "a" / "timeseries.csv");
  ASSERT_FALSE(up.empty());
  EXPECT_EQ(up.at(590), 2);
  double burst_max = 0;
  for (const auto& [t, n] : up)
    if (t >= 700 && t <= 1800) burst_max = std::max(burst_max, n);
  EXPECT_EQ(burst_max, 8);
  EXPECT_LE(up.rbegin()->second, 3) << "hosts still on at the end";
  const auto metrics = nlohmann::json::parse(slurp(dir / "a" / "summary.json"))["metrics"];
  EXPECT_EQ(metrics["replicas_running_end"], 12);
  EXPECT_EQ(metrics["hosts_added"], added);
  EXPECT_EQ(metrics["hosts_up_max"], 8);

  // Power and energy over time: 100-200 W per host up, the cumulative energy never falls, and the
  // last sample (at the run's end) carries summary.json's totals, cluster-wide and summed over hosts.
  const fs::path ts = dir / "a" / "timeseries.csv";
  const auto power = series(ts, "power_w_all_up"), energy = series(ts, "energy_kwh_all_up");
  const auto energy_in_use = series(ts, "energy_kwh");
  ASSERT_EQ(power.size(), up.size());
  EXPECT_GE(power.at(590), 2 * 100.0);
  EXPECT_LE(power.at(590), 2 * 200.0);
  double burst_power = 0;
  for (const auto& [t, w] : power)
    if (t >= 700 && t <= 1800) burst_power = std::max(burst_power, w);
  EXPECT_GE(burst_power, 8 * 100.0);
  EXPECT_LE(power.rbegin()->second, 3 * 200.0);
  double previous = 0;
  for (const auto& [t, kwh] : energy) {
    EXPECT_GE(kwh, previous) << "energy fell at " << t;
    previous = kwh;
  }
  ASSERT_EQ(energy.rbegin()->first, 3600);
  const double total = metrics["energy_kwh_all_up"].get<double>();
  EXPECT_NEAR(energy.rbegin()->second, total, 1e-5 * total);
  EXPECT_NEAR(energy_in_use.rbegin()->second, metrics["energy_kwh"].get<double>(), 1e-5 * total);
  std::map<std::string, double> host_energy;  // host -> its last energy_kwh row
  std::ifstream in(ts);
  for (std::string line; std::getline(in, line);) {
    const auto at = line.find(",energy_kwh,");
    if (line.find(",host,") == std::string::npos || at == std::string::npos) continue;
    const auto name_at = line.find(",host,") + 6;
    host_energy[line.substr(name_at, at - name_at)] = std::stod(line.substr(at + 12));
  }
  EXPECT_EQ(host_energy.size(), 10u);
  double hosts_sum = 0;
  for (const auto& [h, kwh] : host_energy) hosts_sum += kwh;
  EXPECT_NEAR(hosts_sum, total, 1e-4 * total);
}

TEST(ClusterAutoscalerRun, BinpackingEndsWithFewerHostsAndLessEnergyThanSpread) {
  // Measured, not assumed: after the burst, most-allocated packs the remaining replicas so that the
  // autoscaler can drain more hosts than under spread, which keeps every host at the same utilisation.
  const fs::path dir = fs::temp_directory_path() / ("drydock-ca-policy-" + std::to_string(getpid()));
  fs::remove_all(dir);
  std::map<std::string, nlohmann::json> m;
  for (const std::string policy : {"spread", "most-allocated"}) {
    std::string out;
    ASSERT_EQ(drydock_run("--policy " + policy + " --out " + (dir / policy).string(), out), 0) << out;
    m[policy] = nlohmann::json::parse(slurp(dir / policy / "summary.json"))["metrics"];
  }
  EXPECT_LT(m["most-allocated"]["hosts_added"].get<int>() - m["most-allocated"]["hosts_removed"].get<int>(),
            m["spread"]["hosts_added"].get<int>() - m["spread"]["hosts_removed"].get<int>());
  EXPECT_LT(m["most-allocated"]["energy_kwh_all_up"].get<double>(), m["spread"]["energy_kwh_all_up"].get<double>());
}

}  // namespace
}  // namespace drydock
