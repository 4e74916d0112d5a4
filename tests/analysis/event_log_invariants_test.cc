// The event-log invariants (analysis/event_log_invariants.h) on synthetic events.csv files: a
// consistent log of a scale down and a rolling update passes; a log with a replica started twice, one
// started elsewhere than placed, or more counted replicas than desired + surge fails, naming the rule.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analysis/event_log_invariants.h"
#include "analysis/results.h"

namespace drydock {
namespace {

namespace fs = std::filesystem;

// Writes `csv` (rows after the header) as events.csv and reads it back as a run's log.
std::vector<Event> log_of(const std::string& rows) {
  const fs::path file = fs::temp_directory_path() / ("drydock-event-log-" + std::to_string(::getpid()) + ".csv");
  std::ofstream(file) << "time,kind,service,replica,host,detail\n" << rows;
  std::vector<Event> events = read_events_csv(file.string());
  fs::remove(file);
  return events;
}

const char* kStartTwo =
    "0,scaled,web,,,0->2\n"
    "0,submitted,web,web.0,,\n0,submitted,web,web.1,,\n"
    "0,placed,web,web.0,h-1,\n0,placed,web,web.1,h-2,\n"
    "1,started,web,web.0,h-1,\n1,started,web,web.1,h-2,\n";

TEST(EventLogInvariants, AConsistentScaleDownAndRolloutPass) {
  const std::string rows = std::string(kStartTwo) +
                           "10,scaled,web,,,2->1\n10,removed,web,web.1,h-2,scale down\n11,stopped,web,web.1,h-2,\n"
                           "20,update,web,,,start v0->v1 image a->b max_surge 1 max_unavailable 0\n"
                           "20,submitted,web,web.2,,\n20,placed,web,web.2,h-2,\n21,started,web,web.2,h-2,\n"
                           "21,removed,web,web.0,h-1,update\n22,stopped,web,web.0,h-1,\n22,update,web,,,complete v1 1 replicas in 2.0 s\n";
  EXPECT_TRUE(check_event_log(log_of(rows)).empty());
}

TEST(EventLogInvariants, MoreCountedThanDesiredPlusSurgeFails) {
  // The scale down to 1 removes nothing: two replicas still counted.
  const auto broken = check_event_log(log_of(std::string(kStartTwo) + "10,scaled,web,,,2->1\n"));
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_NE(broken[0].find("running: service web: 2 counted, desired 1 + surge 0"), std::string::npos) << broken[0];
  EXPECT_NE(broken[0].find("t=10.000000"), std::string::npos) << broken[0];
  // During an update the surge is allowed, and no more.
  const std::string rollout = std::string(kStartTwo) + "5,update,web,,,start v0->v1 image a->b max_surge 1 max_unavailable 0\n"
                              "5,submitted,web,web.2,,\n5,placed,web,web.2,h-3,\n6,started,web,web.2,h-3,\n";
  EXPECT_TRUE(check_event_log(log_of(rollout)).empty());
  EXPECT_EQ(check_event_log(log_of(rollout + "6,submitted,web,web.3,,\n6,placed,web,web.3,h-3,\n7,started,web,web.3,h-3,\n")).size(), 1u);
}

TEST(EventLogInvariants, LifecycleBreaksAreNamed) {
  auto broken = check_event_log(log_of(std::string(kStartTwo) + "2,started,web,web.0,h-1,\n"));
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_NE(broken[0].find("lifecycle: replica web.0 started twice"), std::string::npos) << broken[0];
  broken = check_event_log(log_of("0,scaled,web,,,0->1\n0,placed,web,web.0,h-1,\n1,started,web,web.0,h-2,\n"));
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_NE(broken[0].find("placed on h-1, started on h-2"), std::string::npos) << broken[0];
  // A replica given up (its host declared down) that starts late is an orphan, not counted, not broken.
  EXPECT_TRUE(check_event_log(log_of("0,scaled,web,,,0->1\n0,placed,web,web.0,h-1,\n5,removed,web,web.0,h-1,host declared down\n"
                                     "5,placed,web,web.1,h-2,\n6,started,web,web.1,h-2,\n7,started,web,web.0,h-1,\n"))
                  .empty());
}

}  // namespace
}  // namespace drydock
