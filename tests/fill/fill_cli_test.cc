// `drydock fill` and `drydock compare --fill --trace openb:...` through the binary, on a small GPU cluster and
// pod list written here (with gpu_spec model lists, which the default trace never has).
#include <gtest/gtest.h>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

struct Output {
  int status = -1;
  std::string text;
};

Output drydock(const std::string& args) {
  const std::string cmd = std::string(DRYDOCK_BIN) + " " + args + " 2>&1";
  Output o;
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), p)) o.text += buf.data();
  const int st = pclose(p);
  o.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return o;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class FillCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("drydock-fill-cli-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "nodes.csv") << "sn,cpu_milli,memory_mib,gpu,model\n"
                                         "n0,32000,65536,2,T4\nn1,64000,131072,4,V100M32\nn2,96000,262144,8,G2\n"
                                         "n3,16000,32768,1,A10\nn4,32000,65536,0,\n";
    std::ofstream pods(dir_ / "pods.csv");
    pods << "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n";
    for (int i = 0; i < 40; ++i) {
      const int kind = i % 5;
      pods << "p" << (i < 10 ? "0" : "") << i << "," << 1000 * (1 + i % 4) << ",2048,"
           << (kind == 0 ? "0,0," : kind == 1 ? "1,460," : kind == 2 ? "1,1000,V100M32|G2" : kind == 3 ? "2,1000,T4|G2" : "1,250,A10")
           << ",LS,Running,0,,\n";
    }
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string trace() const { return "openb:" + (dir_ / "nodes.csv").string() + "," + (dir_ / "pods.csv").string(); }
  fs::path dir_;
};

TEST_F(FillCli, WritesTheResultsDirectoryDeterministically) {
  const std::string a = (dir_ / "a").string(), b = (dir_ / "b").string();
  Output o = drydock("fill --trace " + trace() + " --policy fgd --seed 3 --inflate 1.2 --quiet --out " + a);
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find("results in"), std::string::npos) << o.text;
  ASSERT_EQ(drydock("fill --trace " + trace() + " --policy fgd --seed 3 --inflate 1.2 --quiet --out " + b).status, 0);
  for (const char* f : {"fill.csv", "placements.csv"}) EXPECT_EQ(read(a + "/" + f), read(b + "/" + f)) << f;
  auto sa = nlohmann::json::parse(read(a + "/summary.json")), sb = nlohmann::json::parse(read(b + "/summary.json"));
  EXPECT_EQ(sa, sb);
  EXPECT_EQ(sa["policy"], "fgd");
  EXPECT_EQ(sa["gpu_choice"], "fgd");
  EXPECT_EQ(sa["seed"], 3);
  const std::string csv = read(a + "/fill.csv");
  EXPECT_EQ(csv.rfind("arrived_pct,gpu_alloc_pct,frag_pct,frag_ratio_pct\n", 0), 0u);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 121);  // columns 0..120
  // A different GPU choice is a parameter of the same policy.
  o = drydock("fill --trace " + trace() + " --policy fgd --gpu-choice best --quiet --out " + (dir_ / "c").string());
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_EQ(nlohmann::json::parse(read((dir_ / "c/summary.json").string()))["gpu_choice"], "best");
}

TEST_F(FillCli, BadInputIsRefusedNamingTheOptionOrFileAndLine) {
  Output o = drydock("fill --trace openb:" + (dir_ / "nodes.csv").string() + " --quiet --out " + (dir_ / "x").string());
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.text.find("--trace"), std::string::npos) << o.text;
  o = drydock("fill --trace " + trace() + " --policy spread --quiet --out " + (dir_ / "x").string());
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.text.find("not a device-level GPU policy"), std::string::npos) << o.text;
  std::ofstream(dir_ / "pods.csv", std::ios::app) << "p99,1000,x,1,500,,LS,Running,0,,\n";
  o = drydock("fill --trace " + trace() + " --quiet --out " + (dir_ / "x").string());
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.text.find("pods.csv:42"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("memory_mib"), std::string::npos) << o.text;
}

TEST_F(FillCli, CompareRunsPoliciesBySeedsAndReusesFinishedRuns) {
  const std::string out = (dir_ / "cmp").string();
  const std::string args = "compare --fill --trace " + trace() + " --policies fgd,gpu-packing,random --seeds 5..6 --quiet --out " + out;
  Output o = drydock(args);
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find("6 fill experiments (0 reused)"), std::string::npos) << o.text;
  const std::string cols = read(out + "/fill-columns.csv");
  EXPECT_EQ(std::count(cols.begin(), cols.end(), '\n'), 1 + 6 * 131);
  EXPECT_TRUE(fs::exists(out + "/runs/gpu-packing/seed-6/fill.csv"));
  const std::string report = read(out + "/report.md");
  EXPECT_NE(report.find("| fgd |"), std::string::npos) << report;
  // Debian's python3-matplotlib draws the figures (scripts/deps.sh installs it).
  EXPECT_TRUE(fs::exists(out + "/plots/gpu_alloc.png")) << read(out + "/plots/plots.log");
  EXPECT_TRUE(fs::exists(out + "/plots/unallocated.png"));
  o = drydock(args + " --no-plots");
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find("6 fill experiments (6 reused)"), std::string::npos) << o.text;
  EXPECT_EQ(read(out + "/fill-columns.csv"), cols);
  o = drydock("compare --fill --trace " + trace() + " --policies spread --seeds 1 --quiet --out " + out);
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.text.find("not a device-level GPU policy"), std::string::npos) << o.text;
}

}  // namespace
