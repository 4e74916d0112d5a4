// Azure vmtable rows (AzurePublicDataset V1/V2 layout), written here.
#include <gtest/gtest.h>

#include "tests/traces/test_support.h"
#include "traces/azure_vm.h"
#include "traces/merged_reader.h"
#include "traces/trace_open.h"

namespace drydock::traces {
namespace {

using testing::read_all;
using K = TraceEventKind;

const char* kVms =
    "vmA,subX,depA,0,2591700,99.4,3.2,68.1,Delay-insensitive,2,4\n"
    "vmB,subX,depA,300,86400,50,10,40,Interactive,>24,>64\n"
    "vmC,subY,depB,600,1200,,,,Unknown,8,32\n";

TEST(AzureVm, VmsAreTasksOfTheirDeployment) {
  AzureVmReader r(kVms, "vmtable.csv");
  auto evs = read_all(r);
  ASSERT_EQ(evs.size(), 6u);
  EXPECT_EQ(evs[0].kind, K::kTaskSubmit);
  EXPECT_DOUBLE_EQ(evs[0].resources.cpu, 2);
  EXPECT_DOUBLE_EQ(evs[0].resources.memory_mib, 4 * 1024);
  EXPECT_EQ(evs[0].scheduling_class, 0);
  EXPECT_EQ(evs[1].job_id, evs[0].job_id);   // same deployment
  EXPECT_EQ(evs[1].task_index, 1);
  EXPECT_DOUBLE_EQ(evs[1].resources.cpu, 32);             // ">24" read as the stated 32
  EXPECT_DOUBLE_EQ(evs[1].resources.memory_mib, 128 * 1024);  // ">64" read as the stated 128 GiB
  EXPECT_EQ(evs[1].user, evs[0].user);
  EXPECT_EQ(evs[2].job_id, 1);
  EXPECT_EQ(evs[2].task_index, 0);
  EXPECT_EQ(evs[3].kind, K::kTaskFinish);
  EXPECT_EQ(evs[3].time, 1200);
  EXPECT_EQ(evs.back().time, 2591700);
  EXPECT_EQ(r.stats().out_of_order, 0u);
}

TEST(AzureVm, UnsortedInputIsCountedAndSortingReaderRepairsIt) {
  std::string text = "vmA,s,d,500,600,1,1,1,Unknown,2,4\nvmB,s,d,100,200,1,1,1,Unknown,2,4\n";
  {
    AzureVmReader r(text, "vmtable.csv");
    read_all(r);
    EXPECT_GT(r.stats().out_of_order, 0u);
  }
  SortingReader sorted(std::make_unique<AzureVmReader>(text, "vmtable.csv"));
  auto evs = read_all(sorted);
  ASSERT_EQ(evs.size(), 4u);
  for (std::size_t i = 1; i < evs.size(); ++i) EXPECT_LE(evs[i - 1].time, evs[i].time);
  EXPECT_EQ(sorted.stats().out_of_order, 0u);
}

TEST(AzureVm, CorruptRows) {
  std::string text = std::string(kVms) +
                     "vmD,s,d,900,100,1,1,1,Unknown,2,4\n"   // deleted before created
                     "vmE,s,d,900,1000,1,1,1,Unknown,huge,4\n"
                     "vmF,s,d,900,1000,x,1,1,Unknown,2,4\n";
  AzureVmReader r(text, "vmtable.csv");
  read_all(r);
  auto s = r.stats();
  ASSERT_EQ(s.corrupt, 3u);
  EXPECT_EQ(s.first_errors[0].rfind("vmtable.csv:4: field 5 (timestamp vm deleted)", 0), 0u) << s.first_errors[0];
  EXPECT_EQ(s.first_errors[1].rfind("vmtable.csv:5: field 10 (vm virtual core count bucket)", 0), 0u) << s.first_errors[1];
  EXPECT_EQ(s.first_errors[2].rfind("vmtable.csv:6: field 6 (max cpu)", 0), 0u) << s.first_errors[2];
}

TEST(AzureVm, DetectedFromThePath) {
  EXPECT_EQ(detect_trace_format("/data/azure/vmtable.csv.gz"), TraceFormat::kAzure);
}

}  // namespace
}  // namespace drydock::traces
