// FixedTimeoutDetector: Swarm's defaults (5 s period, suspected after 7.5 s, down after 15 s of silence)
// and the promise next_change() makes: health() really changes at the time it returns.
#include <gtest/gtest.h>

#include <cmath>

#include "control/failure_detector.h"
#include "model/rng.h"

namespace drydock {
namespace {

const HostId kA(0), kB(1);

TEST(FixedTimeoutDetector, DefaultsAreSwarms) {
  const FixedTimeoutConfig c;
  EXPECT_EQ(c.period, 5.0);
  EXPECT_EQ(c.suspect_after, 7.5);
  EXPECT_EQ(c.down_after, 15.0);  // three missed periods
}

TEST(FixedTimeoutDetector, UnknownUntilFirstHeartbeat) {
  FixedTimeoutDetector d({});
  EXPECT_EQ(d.health(kA, 0), HostHealth::kUnknown);
  EXPECT_EQ(d.health(kA, 1000), HostHealth::kUnknown);
  // Nothing can change for a host never heard from: no deadline.
  EXPECT_EQ(d.next_change(kA, 0), kNever);
}

TEST(FixedTimeoutDetector, SuspectedAtSevenAndAHalfDownAtFifteen) {
  FixedTimeoutDetector d({});
  d.heartbeat(kA, 10);
  EXPECT_EQ(d.health(kA, 10), HostHealth::kAlive);
  EXPECT_EQ(d.health(kA, std::nextafter(17.5, 0.0)), HostHealth::kAlive);
  EXPECT_EQ(d.health(kA, 17.5), HostHealth::kSuspected);
  EXPECT_EQ(d.health(kA, std::nextafter(25.0, 0.0)), HostHealth::kSuspected);
  EXPECT_EQ(d.health(kA, 25.0), HostHealth::kDown);
  EXPECT_EQ(d.health(kA, 1e6), HostHealth::kDown);
  // Another host's silence is its own.
  EXPECT_EQ(d.health(kB, 25.0), HostHealth::kUnknown);
}

TEST(FixedTimeoutDetector, NextChangeNamesBothDeadlinesThenNever) {
  FixedTimeoutDetector d({});
  d.heartbeat(kA, 10);
  EXPECT_EQ(d.next_change(kA, 10), 17.5);
  EXPECT_EQ(d.next_change(kA, 17.4), 17.5);
  EXPECT_EQ(d.next_change(kA, 17.5), 25.0);
  EXPECT_EQ(d.next_change(kA, 24.0), 25.0);
  EXPECT_EQ(d.next_change(kA, 25.0), kNever);  // down stays down until a heartbeat
}

TEST(FixedTimeoutDetector, HeartbeatResetsAndRevivesADownHost) {
  FixedTimeoutDetector d({});
  d.heartbeat(kA, 0);
  ASSERT_EQ(d.health(kA, 20), HostHealth::kDown);
  d.heartbeat(kA, 20);
  EXPECT_EQ(d.health(kA, 20), HostHealth::kAlive);
  EXPECT_EQ(d.next_change(kA, 20), 27.5);
}

TEST(FixedTimeoutDetector, LateDeliveredOlderHeartbeatDoesNotRewindTheClock) {
  // Messages can be reordered in live mode; an old beat must not make a silent host look older.
  FixedTimeoutDetector d({});
  d.heartbeat(kA, 10);
  d.heartbeat(kA, 4);
  EXPECT_EQ(d.health(kA, 16), HostHealth::kAlive);
  EXPECT_EQ(d.next_change(kA, 10), 17.5);
}

TEST(FixedTimeoutDetector, ConfigurableTimeouts) {
  FixedTimeoutDetector d({1.0, 2.0, 4.0});
  d.heartbeat(kA, 0);
  EXPECT_EQ(d.health(kA, 1.9), HostHealth::kAlive);
  EXPECT_EQ(d.health(kA, 2.0), HostHealth::kSuspected);
  EXPECT_EQ(d.health(kA, 4.0), HostHealth::kDown);
  EXPECT_NE(d.describe().find("down=4s"), std::string::npos) << d.describe();
}

// The control plane sleeps until next_change() and then asks health(). If health() at that exact time
// still says "no change", the host would never be re-examined. With heartbeats at arbitrary times
// (Swarm's 5 s +- 0.5 s jitter) t + 7.5 - t is not always 7.5 in floating point (t = 0.7 is one case),
// so this checks many random heartbeat times.
TEST(FixedTimeoutDetector, HealthChangesExactlyAtNextChangeForAnyHeartbeatTime) {
  Rng rng(42);
  for (int i = 0; i < 20000; ++i) {
    FixedTimeoutDetector d({});
    const Time last = i == 0 ? 0.7 : rng.uniform(0, 5000);
    d.heartbeat(kA, last);
    const Time suspect = d.next_change(kA, last);
    ASSERT_GT(suspect, last);
    ASSERT_EQ(d.health(kA, std::nextafter(suspect, 0.0)), HostHealth::kAlive) << "last=" << last;
    ASSERT_EQ(d.health(kA, suspect), HostHealth::kSuspected) << "last=" << last;
    const Time down = d.next_change(kA, suspect);
    ASSERT_GT(down, suspect);
    ASSERT_EQ(d.health(kA, std::nextafter(down, 0.0)), HostHealth::kSuspected) << "last=" << last;
    ASSERT_EQ(d.health(kA, down), HostHealth::kDown) << "last=" << last;
    ASSERT_NEAR(suspect - last, 7.5, 1e-9);
    ASSERT_NEAR(down - last, 15.0, 1e-9);
  }
}

}  // namespace
}  // namespace drydock
