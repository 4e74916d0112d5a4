// openb (Alibaba GPU trace v2023) node and pod lists, written here in the published column layout.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/traces/test_support.h"
#include "traces/openb.h"
#include "traces/trace_open.h"

namespace drydock::traces {
namespace {

using testing::read_all;
using K = TraceEventKind;

const char* kNodes =
    "sn,cpu_milli,memory_mib,gpu,model\n"
    "openb-node-0001,64000,262144,8,V100M32\n"
    "openb-node-0002,96000,786432,0,\n";

const char* kPods =
    "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n"
    "openb-pod-0001,8000,30000,1,500,,LS,Running,100,,105\n"
    "openb-pod-0002,4000,16000,2,1000,V100M16|V100M32,BE,Failed,120,900,130\n"
    "openb-pod-0003,1000,2000,0,0,,Burstable,Pending,150,,\n";

TEST(Openb, NodesAreMachinesWithGpus) {
  OpenbReader r(kNodes, "openb_node_list_gpu_node.csv");
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_EQ(r.table(), OpenbReader::Table::kNodes);
  EXPECT_EQ(evs[0].kind, K::kMachineAdd);
  EXPECT_EQ(evs[0].machine_id, 1);
  EXPECT_DOUBLE_EQ(evs[0].resources.cpu, 64);
  EXPECT_DOUBLE_EQ(evs[0].resources.memory_mib, 262144);
  EXPECT_DOUBLE_EQ(evs[0].resources.gpu, 8);
  EXPECT_NE(evs[0].platform, 0u);
  EXPECT_EQ(evs[1].platform, 0u);
  EXPECT_EQ(r.stats().rows, 2u);  // the header is a line, not a row
  EXPECT_EQ(r.stats().lines, 3u);
}

TEST(Openb, PodsAskForFractionalGpusAndEndAsTheirPhaseSays) {
  OpenbReader r(kPods, "openb_pod_list_default.csv");
  auto evs = read_all(r);
  // pod 1: submit 100, schedule 105 (running); pod 2: submit 120, schedule 130, fail 900; pod 3: submit.
  ASSERT_EQ(evs.size(), 6u);
  std::vector<std::pair<double, K>> got;
  for (const auto& e : evs) got.emplace_back(e.time, e.kind);
  EXPECT_EQ(got, (std::vector<std::pair<double, K>>{{100, K::kTaskSubmit}, {105, K::kTaskSchedule},
                                                    {120, K::kTaskSubmit}, {130, K::kTaskSchedule},
                                                    {150, K::kTaskSubmit}, {900, K::kTaskFail}}));
  EXPECT_DOUBLE_EQ(evs[0].resources.gpu, 0.5);  // gpu_milli 500 of one GPU
  EXPECT_DOUBLE_EQ(evs[0].resources.cpu, 8);
  EXPECT_EQ(evs[0].scheduling_class, 2);        // LS
  EXPECT_DOUBLE_EQ(evs[2].resources.gpu, 2);
  EXPECT_EQ(evs[2].job_id, 2);
  EXPECT_EQ(evs[4].resources.gpu, 0);
}

TEST(Openb, NodeModelsAndThePodsAcceptedModelsAreKeptAsDeviceFields) {
  OpenbReader nodes(kNodes, "nodes.csv");
  auto n = read_all(nodes);
  EXPECT_EQ(nodes.gpu_models(), (std::vector<std::string>{"V100M32"}));
  EXPECT_EQ(n[0].gpu_devices, 8);
  EXPECT_EQ(n[0].gpu_models, 1u);
  EXPECT_EQ(n[1].gpu_devices, 0);
  EXPECT_EQ(n[1].gpu_models, 0u);
  OpenbReader pods(kPods, "pods.csv");
  auto p = read_all(pods);
  EXPECT_EQ(pods.gpu_models(), (std::vector<std::string>{"V100M16", "V100M32"}));
  EXPECT_EQ(p[0].gpu_devices, 1);
  EXPECT_EQ(p[0].gpu_milli, 500);
  EXPECT_EQ(p[0].gpu_models, 0u);  // no gpu_spec: any model
  EXPECT_EQ(p[2].gpu_devices, 2);
  EXPECT_EQ(p[2].gpu_milli, 1000);
  EXPECT_EQ(p[2].gpu_models, 3u);  // V100M16 | V100M32
  EXPECT_EQ(p[3].gpu_models, 3u);  // the schedule event carries them too
  EXPECT_EQ(p[4].gpu_devices, 0);
  EXPECT_EQ(p[4].gpu_milli, 0);
  // One reader over both files (as openb:NODES.csv,PODS.csv opens them) has one model table, so a
  // node's bit and a pod's accepted bits can be matched.
  const std::string dir = ::testing::TempDir();
  std::ofstream(dir + "/openb-nodes.csv") << kNodes;
  std::ofstream(dir + "/openb-pods.csv") << kPods;
  OpenbReader both(std::vector<std::string>{dir + "/openb-nodes.csv", dir + "/openb-pods.csv"});
  const auto all = read_all(both);
  EXPECT_EQ(both.gpu_models(), (std::vector<std::string>{"V100M32", "V100M16"}));
  EXPECT_EQ(all[0].gpu_models, 1u);                 // node: V100M32
  EXPECT_EQ(all[2 + 2].gpu_models, 3u);             // pod 2 accepts V100M16 and V100M32
  EXPECT_NE(all[0].gpu_models & all[4].gpu_models, 0u);
}

TEST(Openb, ColumnsAreFoundByNameInAnyOrder) {
  OpenbReader r("model,gpu,memory_mib,cpu_milli,sn\nT4,2,1024,32000,n-9\n", "nodes.csv");
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(evs[0].machine_id, 9);
  EXPECT_DOUBLE_EQ(evs[0].resources.cpu, 32);
  EXPECT_DOUBLE_EQ(evs[0].resources.gpu, 2);
}

TEST(Openb, CorruptRowsAreReportedByLine) {
  std::string text = std::string(kPods) + "openb-pod-0004,1000,2000,1,1500,,LS,Running,200,,\n"
                     "openb-pod-0005,1000,2000,0,0,,LS,Succeeded,300,250,\n"
                     "openb-pod-0006,1000\n";
  OpenbReader r(text, "pods.csv");
  auto evs = read_all(r);
  EXPECT_EQ(evs.size(), 6u);
  auto s = r.stats();
  ASSERT_EQ(s.corrupt, 3u);
  EXPECT_EQ(s.first_errors[0].rfind("pods.csv:5: field 5 (gpu_milli)", 0), 0u) << s.first_errors[0];
  EXPECT_EQ(s.first_errors[1].rfind("pods.csv:6: field 10 (deletion_time)", 0), 0u) << s.first_errors[1];
  EXPECT_EQ(s.first_errors[2].rfind("pods.csv:7: expected 11 fields", 0), 0u) << s.first_errors[2];
}

TEST(Openb, AFileWithoutAKnownHeaderIsRejectedEvenWhenLenient) {
  OpenbReader r("a,b,c\n1,2,3\n", "x.csv");
  TraceEvent ev;
  try {
    r.next(ev);
    FAIL();
  } catch (const TraceError& e) {
    EXPECT_EQ(e.line(), 1u);
    EXPECT_NE(std::string(e.what()).find("not an openb header"), std::string::npos);
  }
}

TEST(Openb, NodeAndPodFilesMergeNodesFirst) {
  testing::ScratchDir dir;
  auto nodes = dir.write("openb_node_list_gpu_node.csv", kNodes);
  auto pods = dir.write("openb_pod_list_default.csv", kPods);
  auto r = open_trace({nodes, pods});
  auto evs = read_all(*r);
  ASSERT_EQ(evs.size(), 8u);
  EXPECT_EQ(evs[0].kind, K::kMachineAdd);
  EXPECT_EQ(evs[1].kind, K::kMachineAdd);
  EXPECT_EQ(evs[2].kind, K::kTaskSubmit);
}

}  // namespace
}  // namespace drydock::traces

namespace drydock::traces {
namespace {

TEST(Openb, HeaderMayStartWithAByteOrderMark) {
  OpenbReader r("\xEF\xBB\xBFsn,cpu_milli,memory_mib,gpu,model\nn-1,1000,1024,1,T4\n", "nodes.csv");
  EXPECT_EQ(testing::read_all(r).size(), 1u);
}

}  // namespace
}  // namespace drydock::traces
