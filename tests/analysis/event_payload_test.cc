// Typed events (model/event.h): every payload a writer builds is written as today's detail text and
// read back to the same payload, and the metrics read the payload, not the text.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "analysis/metrics.h"
#include "analysis/results.h"
#include "model/event.h"

namespace drydock {
namespace {

struct Case {
  EventKind kind;
  EventPayload payload;
  const char* detail;
};

TEST(EventPayload, RendersTodaysDetailAndParsesBack) {
  const Case cases[] = {
      {EventKind::kExited, EventCause::kHostFailed, "host failed"},
      {EventKind::kExited, EventCause::kHostRemoved, "host removed"},
      {EventKind::kExited, EventCause::kCrashed, "crashed"},
      {EventKind::kExited, EventCause::kFinished, "finished"},
      {EventKind::kHostFailed, EventCause::kHang, "hang"},
      {EventKind::kHostFailed, EventCause::kCrash, "crash"},
      {EventKind::kHostRecovered, EventCause::kReboot, "reboot"},
      {EventKind::kHostRecovered, EventCause::kResume, "resume"},
      {EventKind::kRemoved, EventCause::kScaleDown, "scale down"},
      {EventKind::kRemoved, EventCause::kHostDeclaredDown, "host declared down"},
      {EventKind::kCompleted, EventCause::kSucceeded, "succeeded"},
      {EventKind::kHostJoined, EventCause::kClusterAutoscaler, "cluster autoscaler"},
      {EventKind::kFault, InjectedFault::kPartition, "partition"},
      {EventKind::kFault, InjectedFault::kPartitionHeal, "partition_heal"},
      {EventKind::kFault, InjectedFault::kContainerCrash, "container_crash"},
      {EventKind::kFault, InjectedFault::kHostResume, "host_resume"},
      {EventKind::kFault, EventPayload(InjectedFault::kHeartbeatDelay, 20), "heartbeat_delay 20s"},
      {EventKind::kFault, EventPayload(InjectedFault::kHeartbeatDelay, 2.5), "heartbeat_delay 2.5s"},
      {EventKind::kScaled, EventPayload::scaled(80, 100), "80->100"},
      {EventKind::kScaled, EventPayload::scaled(0, 3), "0->3"},
      {EventKind::kUnschedulable, "insufficient cpu on 3 hosts", "insufficient cpu on 3 hosts"},
      {EventKind::kStarted, "", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(render_detail(c.kind, c.payload), c.detail);
    EXPECT_EQ(parse_detail(c.kind, c.detail), c.payload) << c.detail;
    const Event e = make_event(1, c.kind, "web", "web.1", "h1", c.payload);
    EXPECT_EQ(e.detail, c.detail);
  }
}

TEST(EventPayload, ACauseOfAnotherKindIsText) {
  // "hang" is a cause of host_failed only; an exit that says so is free text.
  EXPECT_EQ(parse_detail(EventKind::kExited, "hang"), EventPayload("hang"));
  EXPECT_EQ(parse_detail(EventKind::kScaled, "lots->more"), EventPayload("lots->more"));
  EXPECT_EQ(parse_detail(EventKind::kFault, "heartbeat_delay soon"), EventPayload("heartbeat_delay soon"));
}

TEST(EventPayload, OneReplicaName) { EXPECT_EQ(replica_name("web", 12), "web.12"); }

// The metrics count what the payload says: a log read back from CSV and the same log built by the
// typed constructors give the same figures.
TEST(EventPayload, MetricsReadThePayloadFromCsvAndFromWriters) {
  std::vector<Event> built = {
      make_event(0, EventKind::kHostJoined, {}, {}, "h1"),
      make_event(0, EventKind::kScaled, "web", {}, {}, EventPayload::scaled(0, 1)),
      make_event(0, EventKind::kSubmitted, "web", "web.1", {}),
      make_event(1, EventKind::kPlaced, "web", "web.1", "h1"),
      make_event(2, EventKind::kStarted, "web", "web.1", "h1"),
      make_event(3, EventKind::kFault, {}, {}, "h1", InjectedFault::kPartition),
      make_event(4, EventKind::kFault, {}, {}, "h1", InjectedFault::kPartitionHeal),
      make_event(5, EventKind::kFault, {}, {}, "h1", EventPayload(InjectedFault::kHeartbeatDelay, 3)),
      make_event(10, EventKind::kHostFailed, {}, {}, "h1", EventCause::kCrash),
      make_event(10, EventKind::kExited, "web", "web.1", "h1", EventCause::kHostFailed),
  };
  const std::string path = ::testing::TempDir() + "/event_payload_events.csv";
  write_events_csv(path, built);
  const std::vector<Event> read = read_events_csv(path);
  ASSERT_EQ(read.size(), built.size());
  for (std::size_t i = 0; i < read.size(); ++i) EXPECT_EQ(read[i].payload, built[i].payload) << i;
  RunInfo info;
  info.duration = 20;
  info.hosts["h1"] = {4, 4096, 0};
  info.services["web"] = {1, 256, 0};
  for (const std::vector<Event>* log : std::vector<const std::vector<Event>*>{&built, &read}) {
    const Metrics m = compute_metrics(*log, info);
    EXPECT_EQ(m.partitions, 1);
    EXPECT_EQ(m.heartbeat_delays, 1);
    ASSERT_EQ(m.failures.size(), 1u);
    EXPECT_EQ(m.failures[0].replicas_lost, 1);
    EXPECT_EQ(m.replicas_desired_end, 1);
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace drydock
