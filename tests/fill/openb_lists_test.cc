// The openb node and pod lists: every field the FGD experiment uses, gpu_spec included (the default
// trace never has one, so these fixtures do), clear errors, and a small fill honouring model lists.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "fill/fill_experiment.h"
#include "traces/openb_lists.h"
#include "traces/parse_error.h"

namespace drydock {
namespace {

constexpr const char* kNodes =
    "\xEF\xBB\xBFsn,cpu_milli,memory_mib,gpu,model\n"
    "node-a,32000,65536,2,T4\n"
    "node-b,64000,131072,4,V100M32\n"
    "node-c,16000,32768,0,\n"
    "node-d,96000,262144,8,G2\n";

constexpr const char* kPods =
    "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n"
    "pod-0,4000,8192,1,500,V100M32,LS,Running,0,100,0\n"
    "pod-1,8000,16384,2,1000,T4|G2,BE,Pending,5,,\n"
    "pod-2,2000,4096,0,0,,LS,Succeeded,7,9,8\n"
    "pod-3,6000,8192,1,1500,,LS,Running,0,100,0\n"
    "pod-4,1000,1024,1,250,A10|V100M32,LS,Failed,1,2,1\n";

TEST(OpenbLists, KeepTheNodeModelAndThePodsModelList) {
  const auto nodes = traces::parse_openb_nodes(kNodes, "nodes.csv");
  ASSERT_EQ(nodes.size(), 4u);
  EXPECT_EQ(nodes[0].name, "node-a");  // the BOM is not part of the first column's name
  EXPECT_EQ(nodes[1].model, "V100M32");
  EXPECT_EQ(nodes[1].gpus, 4);
  EXPECT_EQ(nodes[2].gpus, 0);
  const auto pods = traces::parse_openb_pods(kPods, "pods.csv");
  ASSERT_EQ(pods.size(), 5u);
  EXPECT_EQ(pods[0].gpu_spec, "V100M32");
  EXPECT_EQ(pods[1].gpu_spec, "T4|G2");
  EXPECT_EQ(pods[1].num_gpu, 2);
  EXPECT_EQ(pods[2].gpu_milli, 0);
  EXPECT_EQ(pods[3].gpu_milli, 1000);  // clamped into (0, 1000] as the authors' converter does
  EXPECT_EQ(pods[4].memory_mib, 1024);
}

TEST(OpenbLists, ErrorsNameFileLineAndField) {
  try {
    traces::parse_openb_pods("name,cpu_milli,memory_mib,num_gpu,gpu_milli\n", "pods.csv");
    FAIL() << "a pod list without gpu_spec was accepted";
  } catch (const traces::TraceError& e) {
    EXPECT_NE(std::string(e.what()).find("gpu_spec"), std::string::npos) << e.what();
  }
  try {
    traces::parse_openb_nodes("sn,cpu_milli,memory_mib,gpu,model\nn1,8000,1024,2,T4\nn2,8x00,1024,2,T4\n", "nodes.csv");
    FAIL() << "a bad number was accepted";
  } catch (const traces::TraceError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("nodes.csv:3"), std::string::npos) << what;
    EXPECT_NE(what.find("cpu_milli"), std::string::npos) << what;
  }
  EXPECT_THROW(traces::parse_openb_nodes("sn,cpu_milli,memory_mib,gpu,model\nn1,8000,1024,64,T4\n", "n.csv"), traces::TraceError);
  EXPECT_THROW(traces::parse_openb_nodes("sn,cpu_milli,memory_mib,gpu,model\nn1,8000,1024,2,\n", "n.csv"), traces::TraceError);
}

TEST(OpenbLists, AFillHonoursModelListsAndNeverOvercommitsAGpu) {
  fill::FillSetup setup;
  for (auto& n : traces::parse_openb_nodes(kNodes, "nodes.csv")) setup.nodes.push_back({n.name, n.cpu_milli, n.memory_mib, n.gpus, n.model});
  for (auto& p : traces::parse_openb_pods(kPods, "pods.csv"))
    setup.pods.push_back({p.name, p.cpu_milli, p.memory_mib, p.num_gpu, p.gpu_milli, p.gpu_spec});
  for (const char* policy : {"fgd", "gpu-packing", "gpu-clustering", "dot-product", "gpu-best-fit", "random"}) {
    SCOPED_TRACE(policy);
    setup.policy = policy;
    setup.seed = 7;
    setup.inflate = 0.8;  // 14 GPUs: arrive until 11.2 GPUs are requested
    const auto r = fill::run_fill(setup);
    ASSERT_GT(r.placed, 5);
    std::map<std::pair<int, int>, int> used;  // (node, gpu) -> milli
    for (const auto& e : r.events) {
      if (e.node < 0) continue;
      const auto& pod = r.pods[e.pod];
      const auto models = split_gpu_models(pod.gpu_spec);
      if (!models.empty()) {
        const std::string& model = r.node_models[e.node];
        EXPECT_NE(std::find(models.begin(), models.end(), model), models.end()) << pod.name << " on " << model;
      }
      int taken = 0;
      for (int g = 0; g < kMaxGpusPerHost; ++g)
        if ((e.gpus >> g) & 1u) {
          int& milli = used[std::make_pair(e.node, g)];
          milli += pod.gpu_milli;
          EXPECT_LE(milli, 1000);
          ++taken;
        }
      EXPECT_EQ(taken, pod.num_gpu);
    }
  }
}

}  // namespace
}  // namespace drydock
