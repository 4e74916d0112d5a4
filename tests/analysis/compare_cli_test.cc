// `drydock compare` and `drydock report` end to end, with real simulations of the standard scenario:
// an interrupted sweep resumes with only what was missing, shards merge into exactly the unsharded
// result, grids run their own scenario, and broken results directories are named in the error.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

const std::string kScenario = std::string(DRYDOCK_SOURCE_DIR) + "/workloads/scenarios/seed-100-replicas.yaml";

struct Output {
  int status = -1;
  std::string text;  // stdout and stderr
};

Output drydock(const std::string& args) {
  const std::string cmd = std::string(DRYDOCK_BIN) + " " + args + " 2>&1";
  Output out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.text.append(buf, n);
  const int st = pclose(p);
  out.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

fs::path test_root() { return fs::temp_directory_path() / ("drydock-compare-test-" + std::to_string(getpid())); }

// Removes this process's sweeps when every test passed; a failure leaves them for a look.
class RemoveSweeps : public ::testing::Environment {
 public:
  void TearDown() override {
    if (!::testing::UnitTest::GetInstance()->Failed()) fs::remove_all(test_root());
  }
};
const auto* const kRemoveSweeps = ::testing::AddGlobalTestEnvironment(new RemoveSweeps);

std::string fresh(const std::string& name) {
  const auto dir = test_root() / name;
  fs::remove_all(dir);
  fs::create_directories(dir.parent_path());
  return dir.string();
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// "ran N runs" from compare's stderr.
int ran(const Output& o) {
  std::smatch m;
  if (!std::regex_search(o.text, m, std::regex("ran (\\d+) runs"))) return -1;
  return std::stoi(m[1]);
}

// Complete run directories under a sweep (summary.json present, no .partial/.failed suffix).
std::vector<std::string> complete_runs(const std::string& dir) {
  std::vector<std::string> out;
  if (!fs::exists(dir + "/runs")) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir + "/runs"))
    if (e.path().filename() == "summary.json" && e.path().parent_path().extension() == "") out.push_back(e.path().parent_path());
  std::sort(out.begin(), out.end());
  return out;
}

// runs.csv without its run_dir column (shards live in other directories, so paths differ).
std::string without_run_dir(const std::string& csv) {
  std::stringstream in(csv), out;
  int col = -1;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string x; std::getline(ls, x, ',');) f.push_back(x);
    if (col < 0) col = static_cast<int>(std::find(f.begin(), f.end(), "run_dir") - f.begin());
    f.erase(f.begin() + col);
    for (const auto& x : f) out << x << ',';
    out << '\n';
  }
  return out.str();
}

TEST(Run, PlacementRulesFromTheScenarioHold) {
  // workloads/scenarios/placement-rules.yaml end to end: web publishes host port 8080 (one per host) and
  // does not tolerate the gpu hosts' taint; db is one per host; cache never shares a host with db.
  const std::string scenario = std::string(DRYDOCK_SOURCE_DIR) + "/workloads/scenarios/placement-rules.yaml";
  const std::string out = fresh("run-rules");
  for (const char* policy : {"spread", "most-allocated", "least-allocated"}) {
    const Output o = drydock("run " + scenario + " --policy " + policy + " --out " + out + " --quiet");
    ASSERT_EQ(o.status, 0) << o.text;
    std::map<std::string, std::vector<std::string>> hosts;  // service -> hosts of its placements
    std::istringstream events(read(out + "/events.csv"));
    for (std::string line; std::getline(events, line);) {
      std::vector<std::string> f;
      std::stringstream row(line);
      for (std::string x; std::getline(row, x, ',');) f.push_back(x);
      if (f.size() >= 5 && f[1] == "placed") hosts[f[2]].push_back(f[4]);
    }
    ASSERT_EQ(hosts["web"].size(), 6u) << policy;
    ASSERT_EQ(hosts["db"].size(), 2u) << policy;
    ASSERT_EQ(hosts["cache"].size(), 3u) << policy;
    ASSERT_EQ(hosts["trainer"].size(), 2u) << policy;
    const std::set<std::string> web(hosts["web"].begin(), hosts["web"].end());
    EXPECT_EQ(web.size(), 6u) << policy;  // one per host
    for (const auto& h : web) EXPECT_EQ(h.rfind("worker-", 0), 0u) << policy << " put web on " << h;
    EXPECT_NE(hosts["db"][0], hosts["db"][1]) << policy;
    for (const auto& c : hosts["cache"])
      for (const auto& d : hosts["db"]) EXPECT_NE(c, d) << policy;
    for (const auto& t : hosts["trainer"]) EXPECT_EQ(t.rfind("gpu-", 0), 0u) << policy;
  }
}

TEST(Run, PolicyParamsFromTheCommandLine) {
  const std::string scenario = std::string(DRYDOCK_SOURCE_DIR) + "/workloads/scenarios/placement-rules.yaml";
  const std::string out = fresh("run-params");
  // The parameters reach the policy: a valid one runs, a bad value and an unknown key are refused by it.
  const Output ok = drydock("run " + scenario + " --policy least-allocated --param cpu_weight=2 --param index=false" +
                            " --out " + out + " --quiet");
  ASSERT_EQ(ok.status, 0) << ok.text;
  EXPECT_TRUE(fs::exists(out + "/summary.json"));
  const Output negative = drydock("run " + scenario + " --policy least-allocated --param cpu_weight=-1 --quiet --out " +
                                  fresh("run-params-bad"));
  EXPECT_NE(negative.status, 0);
  EXPECT_NE(negative.text.find("cpu_weight' must not be negative"), std::string::npos) << negative.text;
  // Without --policy they apply over the scenario's policy (spread), which knows no cpu_weight.
  const Output unknown = drydock("run " + scenario + " --param cpu_weight=2 --quiet --out " + fresh("run-params-unknown"));
  EXPECT_NE(unknown.status, 0);
  EXPECT_NE(unknown.text.find("cpu_weight"), std::string::npos) << unknown.text;
  const Output malformed = drydock("run " + scenario + " --param cpu_weight --quiet --out " + fresh("run-params-x"));
  EXPECT_NE(malformed.status, 0);
  EXPECT_NE(malformed.text.find("expected key=value"), std::string::npos) << malformed.text;
}

TEST(Compare, SweepWritesTableCsvAndReport) {
  const std::string out = fresh("full");
  const Output o = drydock("compare " + kScenario + " --policies spread,binpack --seeds 3 --jobs 2 --quiet --out " + out);
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_EQ(ran(o), 6) << o.text;
  EXPECT_EQ(complete_runs(out).size(), 6u);
  // The headline table with intervals and verdicts against the baseline.
  EXPECT_NE(o.text.find("baseline spread"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("95%"), std::string::npos);
  EXPECT_NE(o.text.find("hosts_in_use_end"), std::string::npos);
  for (const char* f : {"runs.csv", "comparison.csv", "report.md", "report.html", "sweep.json", "scenario.yaml"})
    EXPECT_TRUE(fs::exists(out + "/" + f)) << f;
  // Plots embedded in the single-file HTML page, and linked from the Markdown.
  const std::string html = read(out + "/report.html");
  EXPECT_NE(html.find("data:image/png;base64,iVBORw0KGgo"), std::string::npos) << "no embedded PNG";
  EXPECT_NE(read(out + "/report.md").find("](plots/failures.png)"), std::string::npos);
  for (const char* png : {"latency_cdf.png", "failures.png", "utilisation.png", "host_load.png"})
    EXPECT_GT(fs::file_size(out + "/plots/" + png), 10000u) << png;
  // runs.csv: one row per run and metric.
  const std::string csv = read(out + "/runs.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "scenario,grid,policy,seed,run_dir,metric,value,unit,better");
  EXPECT_NE(csv.find("seed-100-replicas,,binpack,3,runs/binpack/seed-3,hosts_in_use_end,"), std::string::npos);
}

TEST(Compare, ResumeRunsOnlyWhatIsMissing) {
  const std::string out = fresh("resume");
  const std::string args = "compare " + kScenario + " --policies spread,binpack,random --seeds 3 --jobs 2 --quiet --no-report --out " + out;
  ASSERT_EQ(drydock(args).status, 0);
  const auto runs = complete_runs(out);
  ASSERT_EQ(runs.size(), 9u);
  // Damage the sweep as an interruption would: one run gone, one cut short mid-write, one half-done
  // directory left behind.
  fs::remove_all(runs[0]);
  std::ofstream(runs[1] + "/summary.json", std::ios::trunc) << "{\"scenario\": \"seed-100";
  fs::rename(runs[2], runs[2] + ".partial");
  const auto untouched = fs::last_write_time(runs[5] + "/summary.json");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));

  const Output again = drydock(args);
  ASSERT_EQ(again.status, 0) << again.text;
  EXPECT_EQ(ran(again), 3) << again.text;
  EXPECT_NE(again.text.find("6 already done, 3 to run"), std::string::npos) << again.text;
  EXPECT_EQ(complete_runs(out).size(), 9u);
  EXPECT_FALSE(fs::exists(runs[2] + ".partial"));
  EXPECT_EQ(fs::last_write_time(runs[5] + "/summary.json"), untouched);
  EXPECT_EQ(ran(drydock(args)), 0);  // nothing left to do
}

TEST(Compare, InterruptedSweepKeepsFinishedRunsAndResumes) {
  const std::string out = fresh("interrupt");
  const std::string args = "compare " + kScenario + " --policies spread,binpack,random --seeds 8 --jobs 1 --no-report --quiet --out " + out;
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string cmd = std::string(DRYDOCK_BIN) + " " + args + " >/dev/null 2>&1";
    execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Interrupt once a few runs are done and while others are still to come.
  for (int i = 0; i < 600 && complete_runs(out).size() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  const std::size_t done = complete_runs(out).size();
  ASSERT_GE(done, 3u);
  if (done == 24u) GTEST_SKIP() << "the sweep finished before the interrupt";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 130) << status;
  for (const auto& e : fs::recursive_directory_iterator(out + "/runs"))
    EXPECT_NE(e.path().extension(), ".partial") << e.path();  // nothing half-written left

  const Output again = drydock(args);
  ASSERT_EQ(again.status, 0) << again.text;
  EXPECT_EQ(ran(again), static_cast<int>(24 - done)) << again.text;
  EXPECT_EQ(complete_runs(out).size(), 24u);
}

TEST(Compare, ShardsMergeIntoTheUnshardedResult) {
  const std::string whole = fresh("whole"), one = fresh("shard-1"), two = fresh("shard-2"), shared = fresh("shared");
  const std::string base = "compare " + kScenario + " --policies spread,binpack,random --seeds 3 --jobs 2 --quiet --no-plots ";
  ASSERT_EQ(drydock(base + "--out " + whole).status, 0);
  const Output s1 = drydock(base + "--shard 1/2 --out " + one);
  ASSERT_EQ(s1.status, 0) << s1.text;
  EXPECT_EQ(ran(s1), 5);  // 9 runs: indices 0,2,4,6,8
  EXPECT_FALSE(fs::exists(one + "/runs.csv"));  // a shard alone is not reported
  ASSERT_EQ(ran(drydock(base + "--shard 2/2 --out " + two)), 4);

  // Two shard directories, reported together.
  const std::string merged = fresh("merged");
  const Output r = drydock("report " + one + " " + two + " --no-plots --out " + merged);
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_EQ(read(merged + "/comparison.csv"), read(whole + "/comparison.csv"));
  EXPECT_EQ(without_run_dir(read(merged + "/runs.csv")), without_run_dir(read(whole + "/runs.csv")));
  // One shard alone is refused: its runs are half the sweep.
  const Output half = drydock("report " + one + " --no-plots");
  EXPECT_NE(half.status, 0);
  EXPECT_NE(half.text.find("4 of 9 planned runs are missing"), std::string::npos) << half.text;

  // Shards writing into one shared directory (a network file system): byte-identical runs.csv.
  ASSERT_EQ(drydock(base + "--shard 2/2 --out " + shared).status, 0);
  ASSERT_EQ(drydock(base + "--shard 1/2 --out " + shared).status, 0);
  ASSERT_EQ(drydock("report " + shared + " --no-plots").status, 0);
  EXPECT_EQ(read(shared + "/runs.csv"), read(whole + "/runs.csv"));
  // Each run itself is deterministic: the same summary.json whichever process ran it.
  EXPECT_EQ(read(shared + "/runs/random/seed-2/summary.json"), read(whole + "/runs/random/seed-2/summary.json"));
}

TEST(Compare, GridRunsEachPointsOwnScenario) {
  const std::string out = fresh("grid");
  const Output o = drydock("compare " + kScenario + " --policies spread,binpack --seeds 2 --set cluster.hosts[0].count=6,12 "
                           "--jobs 2 --quiet --no-plots --out " + out);
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_EQ(ran(o), 8);
  const auto summary = nlohmann::json::parse(read(out + "/runs/cluster.hosts[0].count=12/binpack/seed-2/summary.json"));
  EXPECT_EQ(summary["inventory"]["hosts"].size(), 12u);
  const auto small = nlohmann::json::parse(read(out + "/runs/cluster.hosts[0].count=6/spread/seed-1/summary.json"));
  EXPECT_EQ(small["inventory"]["hosts"].size(), 6u);
  // One table per grid point; the grid key is its own runs.csv column.
  EXPECT_NE(o.text.find("[cluster.hosts[0].count=6]"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("[cluster.hosts[0].count=12]"), std::string::npos);
  const std::string csv = read(out + "/runs.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "scenario,grid,cluster.hosts[0].count,policy,seed,run_dir,metric,value,unit,better");
}

TEST(Compare, BadOptionsAreExplained) {
  const std::string out = fresh("bad");
  Output o = drydock("compare " + kScenario + " --policies spread,nope --seeds 1 --out " + out);
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.text.find("nope"), std::string::npos) << o.text;
  o = drydock("compare " + kScenario + " --policies spread --seeds 1 --set cluster.hosts[5].count=3 --out " + out);
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.text.find("cluster.hosts[5].count"), std::string::npos) << o.text;
  o = drydock("compare " + kScenario + " --policies spread --seeds 1 --shard 3/2 --out " + out);
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.text.find("3/2"), std::string::npos) << o.text;
}

TEST(Report, BrokenResultsAreNamed) {
  const std::string out = fresh("broken");
  ASSERT_EQ(drydock("compare " + kScenario + " --policies spread,binpack --seeds 2 --quiet --no-report --out " + out).status, 0);
  const std::string run = out + "/runs/binpack/seed-2";

  fs::rename(run + "/events.csv", run + "/events.csv.bak");
  Output o = drydock("report " + out + " --no-plots");
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.text.find(run + "/events.csv: missing"), std::string::npos) << o.text;
  fs::rename(run + "/events.csv.bak", run + "/events.csv");

  const std::string summary = read(run + "/summary.json");
  std::ofstream(run + "/summary.json", std::ios::trunc) << summary.substr(0, summary.size() / 2);
  o = drydock("report " + out + " --no-plots");
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.text.find(run + "/summary.json: corrupt"), std::string::npos) << o.text;
  std::ofstream(run + "/summary.json", std::ios::trunc) << summary;

  std::ofstream(run + "/timeseries.csv", std::ios::trunc) << "time,scope\n";
  o = drydock("report " + out + " --no-plots");
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.text.find(run + "/timeseries.csv:1: corrupt"), std::string::npos) << o.text;
}

}  // namespace

namespace {

// `drydock report --sim --live` through the binary: a simulation of the standard scenario against the
// same run relabelled as live has no error anywhere; the table is printed and written to --out; the
// runs swapped are refused naming the runtime.
TEST(Report, SimAgainstLiveSideBySide) {
  const std::string sim = fresh("svl-sim"), live = fresh("svl-live");
  ASSERT_EQ(drydock("run " + kScenario + " --quiet --out " + sim).status, 0);
  fs::create_directories(live);
  fs::copy_file(sim + "/events.csv", live + "/events.csv");
  auto summary = nlohmann::json::parse(read(sim + "/summary.json"));
  summary["runtime"] = "live";
  std::ofstream(live + "/summary.json") << summary.dump(2);

  const std::string md = fresh("svl") + ".md";
  const Output o = drydock("report --sim " + sim + " --live " + live + " --out " + md);
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find("simulation vs live, seed-100-replicas"), std::string::npos) << o.text;
  EXPECT_TRUE(std::regex_search(o.text, std::regex(R"(\| \*\*all_running_at\*\* \| s \| [0-9.]+ \| [0-9.]+ \| 0 \| \+0\.0% \|)")))
      << o.text;
  EXPECT_TRUE(std::regex_search(o.text, std::regex(R"(\| started \| (\d+) \| \1 \| \1 \| 0 \| 0 \| 0 \| 0 \|)"))) << o.text;
  EXPECT_NE(read(md).find("## Event timing"), std::string::npos);

  const Output swapped = drydock("report --sim " + live + " --live " + sim);
  EXPECT_NE(swapped.status, 0);
  EXPECT_NE(swapped.text.find("runtime is 'live', expected a simulation"), std::string::npos) << swapped.text;
  const Output half = drydock("report --sim " + sim);
  EXPECT_NE(half.status, 0);
  EXPECT_NE(half.text.find("--live"), std::string::npos) << half.text;
}

}  // namespace
