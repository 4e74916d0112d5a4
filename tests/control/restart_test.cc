// The restart policy: an exited replica is replaced only after the restart delay; condition none never
// replaces, on-failure replaces failures only, so a batch task that finishes is done for good.
#include <gtest/gtest.h>

#include <optional>

#include "tests/control/driver.h"

namespace drydock {
namespace {

using testing::Driver;
using testing::service_spec;
using testing::starts;
using testing::stops;

// One host, one service of `n` replicas, all running by t = 1. Returns the replicas' starts.
std::vector<act::StartReplica> run_service(Driver& d, const ServiceSpec& spec, ServiceId* id) {
  d.add_host("a");
  *id = d.cp.apply_service(spec, 0);
  const auto first = d.step(0);
  d.confirm_starts(first, 1);
  return starts(first);
}

// Steps at t, keeping host a alive so that only the restart policy is in play.
std::vector<Action> at(Driver& d, Time t) {
  d.heartbeat(HostId(0), t);
  return d.step(t);
}

TEST(Restart, ReplacementOnlyAfterTheDelay) {
  Driver d;
  ServiceId web;
  const auto s = run_service(d, service_spec("web", 2), &web);
  EXPECT_EQ(service_spec("web", 1).restart.delay, 5.0);  // Swarm's default
  d.cp.observe(obs::ReplicaExited{s[0].replica, s[0].host, true}, 100);
  // The exited replica frees its resources at once but keeps its slot until the delay is over.
  EXPECT_DOUBLE_EQ(d.cp.cluster().allocated(HostId(0)).cpu, 0.5);
  for (Time t : {100.0, 101.0, 104.0, 104.999}) EXPECT_TRUE(starts(at(d, t)).empty()) << "t=" << t;
  EXPECT_EQ(d.cp.next_wakeup(), 105.0);
  const auto re = starts(d.step(105));
  ASSERT_EQ(re.size(), 1u);
  EXPECT_NE(re[0].replica, s[0].replica) << "a replacement is a new replica";
  EXPECT_EQ(d.cp.replica(s[0].replica), nullptr);
  EXPECT_EQ(d.events_of(EventKind::kSubmitted).back().time, 105.0);
  // And only one replacement.
  EXPECT_TRUE(at(d, 106).empty());
}

TEST(Restart, ConfiguredDelayIsHonoured) {
  Driver d;
  ServiceId web;
  ServiceSpec spec = service_spec("web", 1);
  spec.restart.delay = 30;
  const auto s = run_service(d, spec, &web);
  d.cp.observe(obs::ReplicaExited{s[0].replica, s[0].host, true}, 10);
  EXPECT_TRUE(starts(at(d, 39.9)).empty());
  EXPECT_EQ(starts(at(d, 40)).size(), 1u);
}

TEST(Restart, AnyReplacesEvenASuccessfulExit) {
  Driver d;
  ServiceId web;
  const auto s = run_service(d, service_spec("web", 1), &web);  // condition any is the default
  d.cp.observe(obs::ReplicaExited{s[0].replica, s[0].host, false}, 10);
  EXPECT_EQ(starts(at(d, 15)).size(), 1u);
}

TEST(Restart, ConditionNoneNeverReplaces) {
  Driver d;
  ServiceId web;
  ServiceSpec spec = service_spec("web", 2);
  spec.restart.condition = RestartPolicy::Condition::kNone;
  const auto s = run_service(d, spec, &web);
  d.cp.observe(obs::ReplicaExited{s[0].replica, s[0].host, true}, 10);
  for (Time t : {10.0, 15.0, 60.0, 600.0}) EXPECT_TRUE(at(d, t).empty()) << "t=" << t;
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kRunning), 1);
  EXPECT_DOUBLE_EQ(d.cp.cluster().allocated(HostId(0)).cpu, 0.5);
}

TEST(Restart, OnFailureReplacesAFailure) {
  Driver d;
  ServiceId web;
  ServiceSpec spec = service_spec("web", 1);
  spec.restart.condition = RestartPolicy::Condition::kOnFailure;
  const auto s = run_service(d, spec, &web);
  d.cp.observe(obs::ReplicaExited{s[0].replica, s[0].host, true}, 10);
  EXPECT_TRUE(starts(at(d, 14)).empty());
  EXPECT_EQ(starts(at(d, 15)).size(), 1u);
}

TEST(Restart, BatchTaskThatSucceedsUnderOnFailureIsDone) {
  Driver d;
  ServiceId job;
  ServiceSpec spec = service_spec("job", 3);
  spec.restart.condition = RestartPolicy::Condition::kOnFailure;
  spec.run_time = 60;
  const auto s = run_service(d, spec, &job);
  ASSERT_EQ(s.size(), 3u);
  d.cp.observe(obs::ReplicaExited{s[0].replica, s[0].host, false}, 61);
  d.cp.observe(obs::ReplicaExited{s[1].replica, s[1].host, true}, 61);  // this one crashed
  for (Time t : {61.0, 65.0, 66.0, 120.0}) {
    const auto a = at(d, t);
    // Only the crashed task comes back (at 66); the finished one never does.
    EXPECT_EQ(starts(a).size(), t == 66.0 ? 1u : 0u) << "t=" << t;
    EXPECT_TRUE(stops(a).empty());
  }
  EXPECT_EQ(d.cp.service(job).completed, 1);
  EXPECT_EQ(d.cp.replica(s[0].replica), nullptr);
}

TEST(Restart, ExitWhileStartingIsAlsoDelayed) {
  // A container that dies during start (bad image, crash on boot) must not be restarted in a hot loop.
  Driver d;
  d.add_host("a");
  d.cp.apply_service(service_spec("web", 1), 0);
  const auto s = starts(d.step(0));
  d.cp.observe(obs::ReplicaExited{s[0].replica, s[0].host, true}, 2);
  EXPECT_TRUE(at(d, 2).empty());
  EXPECT_EQ(starts(at(d, 7)).size(), 1u);
}

TEST(Restart, ScaleDownTakesAReplicaWaitingToRestartFirst) {
  Driver d;
  ServiceId web;
  const auto s = run_service(d, service_spec("web", 3), &web);
  d.cp.observe(obs::ReplicaExited{s[2].replica, s[2].host, true}, 10);
  d.cp.scale(web, 2, 11);
  // The exited replica is the cheapest to give up: no running replica is stopped, none is restarted.
  EXPECT_TRUE(at(d, 11).empty());
  EXPECT_TRUE(at(d, 20).empty());
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kRunning), 2);
}

TEST(Restart, StaleExitReportIsIgnored) {
  // An exit for a replica on another host (a stale id) or one we do not know must not disturb anything.
  Driver d;
  ServiceId web;
  const auto s = run_service(d, service_spec("web", 1), &web);
  d.cp.observe(obs::ReplicaExited{s[0].replica, HostId(7), true}, 10);
  d.cp.observe(obs::ReplicaExited{ReplicaId(12345), HostId(0), true}, 10);
  EXPECT_TRUE(at(d, 20).empty());
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kRunning), 1);
}

}  // namespace
}  // namespace drydock

namespace drydock {
namespace {

using testing::Driver;
using testing::service_spec;
using testing::starts;

// Crashes the one replica of the service at `t` and returns the replacement started after the delay,
// or nothing when the control plane gives up. Host a (id 0) is kept alive throughout.
std::optional<act::StartReplica> crash_and_wait(Driver& d, ReplicaId r, Time t, Time delay = 5) {
  d.cp.observe(obs::ReplicaExited{r, HostId(0), true}, t);
  d.heartbeat(HostId(0), t);
  d.step(t);
  d.heartbeat(HostId(0), t + delay);
  const auto s = starts(d.step(t + delay));
  if (s.empty()) return std::nullopt;
  d.cp.observe(obs::ReplicaStarted{s[0].replica, s[0].host}, t + delay + 1);
  return s[0];
}

TEST(RestartAttempts, MaxAttemptsGivesUpOnACrashLoopingSlot) {
  // Swarm: max_attempts is how many times a task's slot is restarted before it is given up. The
  // scenario format accepts it, so it must not be ignored.
  Driver d;
  d.add_host("a");
  ServiceSpec spec = service_spec("web", 2);
  spec.restart.max_attempts = 2;
  const ServiceId web = d.cp.apply_service(spec, 0);
  const auto first = starts(d.step(0));
  d.cp.observe(obs::ReplicaStarted{first[0].replica, first[0].host}, 1);
  d.cp.observe(obs::ReplicaStarted{first[1].replica, first[1].host}, 1);
  auto r1 = crash_and_wait(d, first[0].replica, 10);
  ASSERT_TRUE(r1) << "first restart";
  auto r2 = crash_and_wait(d, r1->replica, 20);
  ASSERT_TRUE(r2) << "second restart";
  auto r3 = crash_and_wait(d, r2->replica, 30);
  EXPECT_FALSE(r3) << "a third restart exceeds max_attempts = 2";
  EXPECT_EQ(d.count_in_state(web, ReplicaState::kRunning), 1);
  // The other slot has its own count: its first crash is restarted.
  EXPECT_TRUE(crash_and_wait(d, first[1].replica, 40));
}

TEST(RestartAttempts, WindowForgetsOldRestarts) {
  Driver d;
  d.add_host("a");
  ServiceSpec spec = service_spec("web", 1);
  spec.restart.max_attempts = 1;
  spec.restart.window = 60;
  d.cp.apply_service(spec, 0);
  const auto first = starts(d.step(0));
  d.cp.observe(obs::ReplicaStarted{first[0].replica, first[0].host}, 1);
  auto r1 = crash_and_wait(d, first[0].replica, 10);  // restart at 15
  ASSERT_TRUE(r1);
  // At 100 the restart at 15 is outside the 60 s window: it no longer counts.
  auto r2 = crash_and_wait(d, r1->replica, 100);  // restart at 105
  ASSERT_TRUE(r2);
  // At 110 the restart at 105 is inside the window: the one attempt is used up.
  EXPECT_FALSE(crash_and_wait(d, r2->replica, 110));
}

TEST(RestartAttempts, ZeroMeansUnlimited) {
  Driver d;
  d.add_host("a");
  d.cp.apply_service(service_spec("web", 1), 0);
  auto s = starts(d.step(0))[0];
  for (int i = 0; i < 20; ++i) {
    auto next = crash_and_wait(d, s.replica, 10.0 + 10 * i);
    ASSERT_TRUE(next) << "restart " << i;
    s = *next;
  }
}

}  // namespace
}  // namespace drydock
