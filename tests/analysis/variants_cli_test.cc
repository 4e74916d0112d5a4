// Variants end to end (issue 18): a grid over a policy parameter really runs each value (it used to
// run the defaults at every point), two variants of one policy compare in one report, aliases run
// once, and `compare --trace` sweeps a trace replay as it sweeps a scenario.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

struct Result {
  int status = -1;
  std::string text;
};

Result drydock(const std::string& args) {
  const std::string cmd = std::string(DRYDOCK_BIN) + " " + args + " 2>&1";
  Result out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.text.append(buf, n);
  const int st = pclose(p);
  out.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class Variants : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("drydock-variants-" + std::to_string(getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    // Hosts of two shapes (cpu-rich, memory-rich): the cpu weight of least-allocated decides which
    // shape a replica goes to, so its value must show in the results.
    scenario_ = (root_ / "mixed.yaml").string();
    std::ofstream(scenario_) << R"(name: mixed-hosts
seed: 1
duration: 300s
policy: spread
cluster:
  hosts:
    - {name: cpu, count: 4, cpu: 32, memory: 16GiB}
    - {name: mem, count: 4, cpu: 4, memory: 128GiB}
services:
  - name: web
    image: {name: "web", size: 10MB}
    replicas: 40
    cpu: 0.5
    memory: 2GiB
    start_latency: 1s
)";
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(root_);
  }
  // metric -> grid -> policy -> mean, from comparison.csv
  std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> means(const fs::path& dir) {
    std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> out;
    std::istringstream csv(read(dir / "comparison.csv"));
    std::string line;
    std::getline(csv, line);
    while (std::getline(csv, line)) {
      // grid may be quoted (it holds commas only with two axes; here it has none)
      std::vector<std::string> f;
      std::stringstream s(line);
      for (std::string x; std::getline(s, x, ',');) f.push_back(x);
      if (f.size() > 7) out[f[1]][f[0]][f[5]] = f[7];
    }
    return out;
  }
  fs::path root_;
  std::string scenario_;
};

TEST_F(Variants, SweepOverCpuWeightGivesDifferentResultsPerPoint) {
  const fs::path out = root_ / "sweep";
  const Result r = drydock("compare " + scenario_ + " --policies least-allocated,most-allocated --set policy.params.cpu_weight=1,4 "
                           "--seeds 2 --jobs 2 --quiet --no-plots --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.text;
  // Each run records its parameters and its variant label.
  const auto summary = nlohmann::json::parse(read(out / "runs/policy.params.cpu_weight=4/least-allocated/seed-1/summary.json"));
  EXPECT_EQ(summary["variant"], "least-allocated[cpu_weight=4]");
  EXPECT_EQ(summary["policy_params"]["cpu_weight"], "4");
  const auto m = means(out);
  const std::string w1 = "policy.params.cpu_weight=1", w4 = "policy.params.cpu_weight=4";
  ASSERT_TRUE(m.count("imbalance_cv_end")) << read(out / "comparison.csv").substr(0, 500);
  EXPECT_NE(m.at("imbalance_cv_end").at(w1).at("least-allocated"), m.at("imbalance_cv_end").at(w4).at("least-allocated"));
  EXPECT_NE(m.at("energy_kwh").at(w1).at("least-allocated"), m.at("energy_kwh").at(w4).at("least-allocated"));
}

TEST_F(Variants, TwoVariantsOfOnePolicyCompareInOneReport) {
  const fs::path out = root_ / "two";
  const Result r = drydock("compare " + scenario_ + " --variant least-allocated[cpu_weight=1] --variant 'least-allocated[cpu_weight=4]' "
                           "--seeds 2 --jobs 2 --quiet --no-plots --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("least-allocated[cpu_weight=4] against least-allocated[cpu_weight=1]"), std::string::npos) << r.text;
  const auto m = means(out);
  EXPECT_NE(m.at("imbalance_cv_end").at("").at("least-allocated[cpu_weight=1]"),
            m.at("imbalance_cv_end").at("").at("least-allocated[cpu_weight=4]"));
  // `report` on a tree of plain runs of two variants of one policy (no sweep.json) compares them too.
  const fs::path tree = root_ / "tree";
  for (const char* w : {"1", "4"})
    ASSERT_EQ(drydock("run " + scenario_ + " --quiet --policy least-allocated --param cpu_weight=" + std::string(w) +
                      " --out " + (tree / ("w" + std::string(w))).string()).status, 0);
  const Result rep = drydock("report --no-plots " + tree.string());
  ASSERT_EQ(rep.status, 0) << rep.text;
  EXPECT_NE(rep.text.find("2 policies"), std::string::npos) << rep.text;
}

TEST_F(Variants, AliasesRunOnce) {
  const fs::path out = root_ / "alias";
  const Result r = drydock("compare " + scenario_ + " --policies most-allocated,binpack,spread --seeds 1 --quiet --no-report --out " +
                           out.string());
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("binpack is most-allocated under another name; it runs once"), std::string::npos) << r.text;
  EXPECT_FALSE(fs::exists(out / "runs/binpack"));
  EXPECT_TRUE(fs::exists(out / "runs/most-allocated/seed-1/summary.json"));
}

TEST_F(Variants, TraceSweepRunsFromCompareTrace) {
  const fs::path trace = root_ / "trace";
  ASSERT_EQ(drydock("trace generate --out " + trace.string() + " --hosts 20 --hours 1 --tasks-per-hour 200 --seed 3").status, 0);
  const fs::path out = root_ / "tsweep";
  const Result r = drydock("compare --trace google2011:" + trace.string() + " --from 0 --to 30m --policies spread,most-allocated "
                           "--seeds 2 --jobs 2 --quiet --no-plots --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.text;
  EXPECT_NE(r.text.find("replay-google2011"), std::string::npos) << r.text;
  const auto summary = nlohmann::json::parse(read(out / "runs/most-allocated/seed-2/summary.json"));
  EXPECT_EQ(summary["trace"]["to"].get<double>(), 1800.0);
  EXPECT_EQ(summary["policy"], "most-allocated");
  const auto spec = nlohmann::json::parse(read(out / "sweep.json"));
  EXPECT_EQ(spec["trace"]["source"], "google2011:" + trace.string());
  // A grid on a scenario field has no meaning for a trace: refused before anything runs.
  const Result bad = drydock("compare --trace google2011:" + trace.string() + " --set duration=10s --out " + (root_ / "bad").string());
  EXPECT_EQ(bad.status, 1) << bad.text;
  EXPECT_NE(bad.text.find("only policy.params.KEY"), std::string::npos) << bad.text;
}

TEST_F(Variants, ReportLeadsWithTheAnswer) {
  const fs::path out = root_ / "lead";
  const Result r = drydock("compare " + scenario_ + " --policies least-allocated,most-allocated --seeds 2 --jobs 2 --quiet "
                           "--no-plots --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.text;
  const std::string html = read(out / "report.html");
  const auto summary = html.find("class=\"summary\"");
  const auto first_table = html.find("<h2>Comparison");
  ASSERT_NE(summary, std::string::npos);
  ASSERT_NE(first_table, std::string::npos);
  EXPECT_LT(summary, first_table);
  for (const char* fact : {"code version", "command", "drydock compare", "date", "seeds", "most-allocated against least-allocated"})
    EXPECT_LT(html.find(fact), first_table) << fact;
  // Terminal output fits 100 columns.
  std::istringstream lines(r.text);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("report: ", 0) != 0 && line.rfind("drydock compare:", 0) != 0) EXPECT_LE(line.size(), 100u) << line;
}

}  // namespace
