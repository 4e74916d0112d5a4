// Alibaba 2018 tables on fixtures written here, following schema.txt's column order.
#include <gtest/gtest.h>

#include "tests/traces/test_support.h"
#include "traces/alibaba2018.h"
#include "traces/trace_open.h"

namespace drydock::traces {
namespace {

using testing::read_all;
using K = TraceEventKind;

TEST(Alibaba2018, MachineMetaFirstRowAddsLaterRowsUpdateOrRemove) {
  const char* text =
      "m_1932,0,20,1,96,100,USING\n"
      "m_2,0,21,2,64,50,USING\n"
      "m_1932,3000,20,1,96,100,IDLE\n"
      "m_2,4000,21,2,64,50,offline\n";
  Alibaba2018Reader r(AlibabaTable::kMachineMeta, text, "machine_meta.csv");
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 4u);
  EXPECT_EQ(evs[0].kind, K::kMachineAdd);
  EXPECT_EQ(evs[0].machine_id, 1932);
  EXPECT_DOUBLE_EQ(evs[0].resources.cpu, 96);
  EXPECT_DOUBLE_EQ(evs[0].resources.memory_mib, 512 * 1024);  // 100 = the stated 512 GiB
  EXPECT_DOUBLE_EQ(evs[1].resources.memory_mib, 256 * 1024);
  EXPECT_EQ(evs[2].kind, K::kMachineUpdate);
  EXPECT_EQ(evs[3].kind, K::kMachineRemove);
  EXPECT_EQ(evs[3].time, 4000);
}

TEST(Alibaba2018, InvalidNormalisedValuesAreUnknownNotCorrupt) {
  Alibaba2018Reader r(AlibabaTable::kMachineMeta, "m_1,0,1,a,96,101,USING\nm_2,0,1,a,96,-1,USING\n", "mm.csv");
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 2u);
  EXPECT_FALSE(evs[0].resources_known);
  EXPECT_FALSE(evs[1].resources_known);
  EXPECT_EQ(r.stats().corrupt, 0u);
}

TEST(Alibaba2018, ContainerMetaIsAPlacedReplicaOfItsApp) {
  const char* text =
      "c_1,m_2556,0,app_5052,started,400,400,1.56\n"
      "c_1,m_2556,600,app_5052,started,800,800,1.56\n"
      "c_1,m_2556,900,app_5052,stopped,800,800,1.56\n";
  Alibaba2018Reader r(AlibabaTable::kContainerMeta, text, "container_meta.csv");
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 4u);
  EXPECT_EQ(evs[0].kind, K::kTaskSubmit);
  EXPECT_EQ(evs[0].machine_id, -1);
  EXPECT_EQ(evs[1].kind, K::kTaskSchedule);
  EXPECT_EQ(evs[1].machine_id, 2556);
  EXPECT_EQ(evs[1].job_id, 5052);
  EXPECT_EQ(evs[1].task_index, 1);
  EXPECT_DOUBLE_EQ(evs[1].resources.cpu, 4);  // 100 = one core
  EXPECT_EQ(evs[2].kind, K::kTaskUpdateRunning);
  EXPECT_DOUBLE_EQ(evs[2].resources.cpu, 8);
  EXPECT_EQ(evs[3].kind, K::kTaskFinish);
}

TEST(Alibaba2018, BatchTaskEndsLaterAndKeepsTimeOrder) {
  // Rows sorted by start time; the first task ends after the second starts.
  const char* text =
      "M1,10,j_1,1,Terminated,100,500,50,0.5\n"
      "R2_1,3,j_1,1,Failed,200,300,100,0.2\n"
      "task_Nzg3ODAwNDgzMTAwNTc2NTQ2Mw==,1,j_2,12,Running,300,0,100,0.39\n";
  Alibaba2018Reader r(AlibabaTable::kBatchTask, text, "batch_task.csv");
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 5u);
  std::vector<double> times;
  for (const auto& e : evs) times.push_back(e.time);
  EXPECT_EQ(times, (std::vector<double>{100, 200, 300, 300, 500}));
  EXPECT_EQ(evs[0].count, 10);
  EXPECT_EQ(evs[0].task_index, 1);
  EXPECT_DOUBLE_EQ(evs[0].resources.cpu, 0.5);
  EXPECT_EQ(evs[1].task_index, 2);
  EXPECT_EQ(evs[2].kind, K::kTaskFail);  // R2_1 at 300, emitted before the later row's submit
  EXPECT_EQ(evs[3].kind, K::kTaskSubmit);
  EXPECT_GT(evs[3].task_index, 1 << 29);  // independent task: hashed above DAG numbers
  EXPECT_EQ(evs[4].kind, K::kTaskFinish);
  EXPECT_EQ(r.stats().out_of_order, 0u);
}

TEST(Alibaba2018, BatchInstanceIsScheduledOnItsMachine) {
  Alibaba2018Reader r(AlibabaTable::kBatchInstance, "ins_1,M1,j_3,1,Terminated,100,160,m_7,1,1,50,60,0.3,0.4\n", "bi.csv");
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 3u);
  EXPECT_EQ(evs[1].kind, K::kTaskSchedule);
  EXPECT_EQ(evs[1].machine_id, 7);
  EXPECT_DOUBLE_EQ(evs[1].resources.cpu, 0.6);  // cpu_max, 100 = one core
  EXPECT_EQ(evs[2].time, 160);
}

TEST(Alibaba2018, CorruptRowsNameFileLineAndField) {
  const char* text =
      "M1,10,j_1,1,Terminated,100,500,50,0.5\n"
      "M2,ten,j_1,1,Terminated,100,500,50,0.5\n"
      "M3,1,job,1,Terminated,100,500,50,0.5\n"
      "M4,1,j_1,1,Terminated,600,500,50,0.5\n";
  Alibaba2018Reader r(AlibabaTable::kBatchTask, text, "batch_task.csv");
  auto evs = read_all(r);
  EXPECT_EQ(evs.size(), 2u);
  auto s = r.stats();
  ASSERT_EQ(s.corrupt, 3u);
  EXPECT_EQ(s.first_errors[0].rfind("batch_task.csv:2: field 2 (instance_num)", 0), 0u) << s.first_errors[0];
  EXPECT_EQ(s.first_errors[1].rfind("batch_task.csv:3: field 3 (job_name)", 0), 0u) << s.first_errors[1];
  EXPECT_EQ(s.first_errors[2].rfind("batch_task.csv:4: field 7 (end_time)", 0), 0u) << s.first_errors[2];
}

TEST(Alibaba2018, DirectoryMergesTablesMachinesFirst) {
  testing::ScratchDir dir;
  dir.write("machine_meta.csv", "m_1,0,1,a,96,100,USING\n");
  dir.write("batch_task.csv.gz", "M1,1,j_1,1,Terminated,0,10,100,1\n");
  auto r = open_trace({dir.path()});
  auto evs = read_all(*r);
  ASSERT_EQ(evs.size(), 3u);
  EXPECT_EQ(evs[0].kind, K::kMachineAdd);
  EXPECT_EQ(evs[1].kind, K::kTaskSubmit);
  EXPECT_EQ(alibaba_table_from_path("/x/batch_instance.csv.gz"), AlibabaTable::kBatchInstance);
  EXPECT_EQ(alibaba_table_from_path("/x/other.csv"), std::nullopt);
}

}  // namespace
}  // namespace drydock::traces
