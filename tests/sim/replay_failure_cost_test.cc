// Failure costs at trace scale (issue 18): replaying the real Google 2011 shard's window 600-900 s,
// where about 13,000 tasks never find a host, a crash that lost 7 replicas was charged 1,541,845
// replica-seconds (the whole cluster's shortfall). Now each failure is charged only for the replicas
// it lost, and the never-placed work is reported apart. Skipped when ../shared is absent.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/sim/drydock_cli.h"

namespace {

namespace fs = std::filesystem;

const fs::path kShard = fs::path(DRYDOCK_REPO_DIR) / ".." / "shared" / "traces" / "google2011";

TEST(ReplayFailureCost, PerFailureLossIsBoundedByReplicasLostTimesWindow) {
  if (!fs::exists(kShard / "task_events" / "part-00000-of-00500.csv.gz"))
    GTEST_SKIP() << "no Google 2011 shard at " << kShard;
  const fs::path out = fs::temp_directory_path() / ("drydock-failure-cost-" + std::to_string(getpid()));
  fs::remove_all(out);
  std::string log;
  ASSERT_EQ(drydock::testing::run_drydock("replay --quiet --trace google2011:" + kShard.string() +
                                              " --from 600 --to 900 --out " + out.string(),
                                          &log),
            0)
      << log;
  const auto summary = nlohmann::json::parse(drydock::testing::slurp(out / "summary.json"));
  const double window = 300;
  const auto& failures = summary["metrics"]["failures"];
  ASSERT_FALSE(failures.empty()) << "the window holds a machine failure";
  for (const auto& f : failures) {
    const double lost = f["replicas_lost"].get<double>();
    EXPECT_LE(f["replica_seconds_lost"].get<double>(), lost * window) << f.dump();
  }
  // The never-placed work is there, on its own, and labelled times are in window time.
  const auto& trace = summary["trace"];
  EXPECT_GT(trace["never_placed"]["replicas"].get<int>(), 1000) << trace.dump();
  EXPECT_GT(trace["never_placed"]["replica_seconds"].get<double>(), 100000.0);
  EXPECT_EQ(trace["time_origin"].get<double>(), 600.0);
  EXPECT_NE(log.find("never placed:"), std::string::npos) << log;
  EXPECT_NE(log.find("since the window start"), std::string::npos) << log;
  fs::remove_all(out);
}

}  // namespace
