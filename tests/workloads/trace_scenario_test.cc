// Trace -> scenario mapping (workloads/trace_scenario.h) on hand-made event streams: multi-instance
// events become that many replicas, and the default window ends with the tasks, not the machine table.
#include <gtest/gtest.h>

#include <vector>

#include "workloads/trace_scenario.h"

namespace drydock {
namespace {

using traces::TraceEvent;
using traces::TraceEventKind;

// A reader over events held in memory, in the order given.
class EventList : public traces::TraceReader {
 public:
  explicit EventList(std::vector<TraceEvent> events) : events_(std::move(events)) {}

 protected:
  bool read(TraceEvent& out) override {
    if (next_ == events_.size()) return false;
    out = events_[next_++];
    return true;
  }

 private:
  std::vector<TraceEvent> events_;
  std::size_t next_ = 0;
};

TraceEvent machine(Time at, std::int64_t id, TraceEventKind kind = TraceEventKind::kMachineAdd) {
  TraceEvent e;
  e.time = at;
  e.kind = kind;
  e.machine_id = id;
  e.resources = {16, 65536, 0};
  e.resources_known = true;
  return e;
}

TraceEvent task(Time at, TraceEventKind kind, std::int64_t job, int index, int count = 1) {
  TraceEvent e;
  e.time = at;
  e.kind = kind;
  e.job_id = job;
  e.task_index = index;
  e.count = count;
  e.resources = {1, 1024, 0};
  e.resources_known = true;
  return e;
}

TEST(TraceScenario, MultiInstanceTaskBecomesThatManyReplicas) {
  EventList trace({machine(0, 1), task(10, TraceEventKind::kTaskSubmit, 7, 0, 4),
                   task(12, TraceEventKind::kTaskSchedule, 7, 0, 4), task(40, TraceEventKind::kTaskFinish, 7, 0, 4),
                   task(20, TraceEventKind::kTaskSubmit, 8, 0), task(21, TraceEventKind::kTaskSchedule, 8, 0),
                   task(50, TraceEventKind::kTaskFinish, 8, 0)});
  TraceReplayFacts facts;
  const Scenario s = scenario_from_trace(trace, {}, facts);
  ASSERT_EQ(s.services.size(), 2u);
  EXPECT_EQ(facts.tasks_submitted, 5u);
  EXPECT_EQ(facts.tasks_scheduled, 5u);
  EXPECT_EQ(facts.trace_queueing_delay.size(), 5u);
  ASSERT_EQ(s.run_times.at("job7").size(), 4u);
  for (Time t : s.run_times.at("job7")) EXPECT_DOUBLE_EQ(t, 28);
  ASSERT_FALSE(s.changes.empty());
  EXPECT_EQ(s.changes.front().service, "job7");
  EXPECT_EQ(s.changes.front().replicas, 4);
}

TEST(TraceScenario, WindowEndsWithTheLastTaskEventNotTheMachineTable) {
  EventList trace({machine(0, 1), task(10, TraceEventKind::kTaskSubmit, 7, 0), task(12, TraceEventKind::kTaskSchedule, 7, 0),
                   task(300, TraceEventKind::kTaskFinish, 7, 0), machine(2'000'000, 1, TraceEventKind::kMachineRemove)});
  TraceReplayFacts facts;
  const Scenario s = scenario_from_trace(trace, {}, facts);
  EXPECT_DOUBLE_EQ(s.duration, 300);
  EXPECT_TRUE(s.faults.empty()) << "the removal after the window is not replayed";
}

TEST(TraceScenario, MachinesOnlyTraceKeepsItsWholeSpan) {
  EventList trace({machine(0, 1), machine(500, 2)});
  TraceReplayFacts facts;
  const Scenario s = scenario_from_trace(trace, {}, facts);
  EXPECT_DOUBLE_EQ(s.duration, 500);
  EXPECT_EQ(s.hosts.size(), 2u);
}

}  // namespace
}  // namespace drydock
