// Phi accrual detectors (Akka's normal variant, Cassandra's exponential variant), the fixed-timeout
// presets and the factory: when each declares a silent host suspected and down, and the promise every
// detector makes: health() really changes at the time next_change() returns, not a double earlier.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "control/control_plane.h"
#include "control/detector_factory.h"
#include "control/exponential_phi_detector.h"
#include "control/phi_accrual_detector.h"
#include "model/rng.h"
#include "schedulers/scheduler.h"

namespace drydock {
namespace {

const HostId kA(0), kB(1);

// Health just before `t` differs from health at `t`: the change happens exactly at next_change().
void expect_change_at(const FailureDetector& d, HostId h, Time t) {
  ASSERT_NE(t, kNever);
  EXPECT_NE(d.health(h, std::nextafter(t, 0.0)), d.health(h, t)) << "at " << t;
}

PhiAccrualConfig phi_config(Time period) {
  PhiAccrualConfig c;
  c.first_heartbeat_estimate = period;
  return c;
}

// The silence after which Akka's phi reaches `threshold`, for a history of mean `mean` and std `sd`:
// solve -log10(e / (1 + e)) = threshold for y, e = exp(-y (1.5976 + 0.070566 y^2)).
double akka_silence(double mean, double sd, double pause, double threshold) {
  const double target = std::log(std::pow(10.0, threshold) - 1.0);  // -ln e
  double lo = 0, hi = 50;
  for (int i = 0; i < 200; ++i) {
    const double y = (lo + hi) / 2;
    (y * (1.5976 + 0.070566 * y * y) < target ? lo : hi) = y;
  }
  return mean + pause + lo * sd;
}

TEST(PhiAccrual, DefaultsAreAkkas) {
  const PhiAccrualConfig c;
  EXPECT_EQ(c.threshold, 8.0);
  EXPECT_EQ(c.min_std_deviation, 0.1);
  EXPECT_EQ(c.acceptable_pause, 3.0);
  EXPECT_EQ(c.max_samples, 1000);
  EXPECT_EQ(c.first_heartbeat_estimate, 1.0);
}

TEST(PhiAccrual, UnknownUntilFirstHeartbeat) {
  PhiAccrualDetector d(phi_config(5));
  EXPECT_EQ(d.health(kA, 100), HostHealth::kUnknown);
  EXPECT_EQ(d.next_change(kA, 100), kNever);
  EXPECT_EQ(d.phi(kA, 100), 0.0);
}

TEST(PhiAccrual, FirstHeartbeatEstimateSeedsTheHistory) {
  // One beat: history {3.75, 6.25} (Akka: estimate +/- estimate/4), mean 5, std 1.25.
  PhiAccrualDetector d(phi_config(5));
  d.heartbeat(kA, 100);
  EXPECT_DOUBLE_EQ(d.mean_interval(kA), 5.0);
  EXPECT_DOUBLE_EQ(d.std_deviation(kA), 1.25);
  const Time down = 100 + akka_silence(5, 1.25, 3, 8);
  EXPECT_EQ(d.health(kA, down - 0.01), HostHealth::kSuspected);
  EXPECT_EQ(d.health(kA, down + 0.01), HostHealth::kDown);
}

TEST(PhiAccrual, RegularBeatsDetectASilenceInUnderTenSeconds) {
  // Beats exactly every 5 s: the only spread left is the two seed intervals (3.75, 6.25) among 102, a
  // std deviation of 0.18 s, so phi = 8 is reached about 8.9 s after the last beat (mean 5 + pause 3 +
  // 5.2 std deviations).
  PhiAccrualDetector d(phi_config(5));
  for (int i = 0; i <= 100; ++i) d.heartbeat(kA, 5.0 * i);
  const Time last = 500;
  const Time suspect = d.next_change(kA, last);
  expect_change_at(d, kA, suspect);
  EXPECT_EQ(d.health(kA, suspect), HostHealth::kSuspected);
  const Time down = d.next_change(kA, suspect);
  expect_change_at(d, kA, down);
  EXPECT_EQ(d.health(kA, down), HostHealth::kDown);
  EXPECT_NEAR(d.std_deviation(kA), std::sqrt(2 * 1.25 * 1.25 / 102), 1e-9);
  EXPECT_NEAR(down - last, akka_silence(d.mean_interval(kA), d.std_deviation(kA), 3, 8), 1e-6);
  EXPECT_GT(down - last, 8.0);
  EXPECT_LT(down - last, 9.0);
  EXPECT_NEAR(d.phi(kA, down), 8.0, 1e-6);
  EXPECT_EQ(d.next_change(kA, down), kNever);  // down stays down until a heartbeat
}

TEST(PhiAccrual, AcceptablePauseToleratesALateBeat) {
  PhiAccrualDetector d(phi_config(5));
  for (int i = 0; i <= 100; ++i) d.heartbeat(kA, 5.0 * i);
  // A beat 2.5 s late (a GC pause) arrives before any suspicion.
  EXPECT_EQ(d.health(kA, 507.5), HostHealth::kAlive);
  d.heartbeat(kA, 507.5);
  EXPECT_EQ(d.health(kA, 507.5), HostHealth::kAlive);
  // Without the pause allowance, the same 7.5 s gap is far past phi 8.
  PhiAccrualConfig strict = phi_config(5);
  strict.acceptable_pause = 0;
  PhiAccrualDetector s(strict);
  for (int i = 0; i <= 100; ++i) s.heartbeat(kA, 5.0 * i);
  EXPECT_EQ(s.health(kA, 507.5), HostHealth::kDown);
}

TEST(PhiAccrual, JitterWidensTheMargin) {
  // Jittered beats (5 s +/- 0.5 s uniform: std 0.29 s) give a later verdict than perfect ones, and the
  // verdict matches the closed form for the history's own mean and std deviation.
  PhiAccrualDetector d(phi_config(5));
  Rng rng(3);
  Time t = 0, last = 0;
  for (int i = 0; i < 200; ++i) {
    d.heartbeat(kA, t);
    last = t;
    t += 5 + rng.uniform(-0.5, 0.5);
  }
  EXPECT_NEAR(d.std_deviation(kA), 0.5 / std::sqrt(3.0), 0.05);
  Time now = last;
  while (d.health(kA, now) != HostHealth::kDown) now = d.next_change(kA, now);
  const double silence = now - last;
  EXPECT_NEAR(silence, akka_silence(d.mean_interval(kA), d.std_deviation(kA), 3, 8), 1e-6);
  EXPECT_GT(silence, akka_silence(5, 0.1, 3, 8));
  EXPECT_LT(silence, 10.5);
}

TEST(PhiAccrual, HistoryKeepsOnlyTheLastSamples) {
  PhiAccrualConfig c = phi_config(5);
  c.max_samples = 10;
  PhiAccrualDetector d(c);
  Time t = 0;
  for (int i = 0; i < 50; ++i, t += 1) d.heartbeat(kA, t);  // 1 s beats push the seeds out
  EXPECT_NEAR(d.mean_interval(kA), 1.0, 1e-9);
  EXPECT_NEAR(d.std_deviation(kA), 0.0, 1e-6);
  t += 1;  // the first 2 s interval
  for (int i = 0; i < 10; ++i, t += 2) d.heartbeat(kA, t);  // then 2 s beats replace them all
  EXPECT_NEAR(d.mean_interval(kA), 2.0, 1e-9);
}

TEST(PhiAccrual, GapAfterADownVerdictIsNotASample) {
  PhiAccrualDetector d(phi_config(5));
  for (int i = 0; i <= 100; ++i) d.heartbeat(kA, 5.0 * i);
  ASSERT_EQ(d.health(kA, 1100), HostHealth::kDown);
  d.heartbeat(kA, 1100);  // the host rebooted after 600 s
  EXPECT_EQ(d.health(kA, 1100), HostHealth::kAlive);
  EXPECT_NEAR(d.mean_interval(kA), 5.0, 1e-9);  // not skewed by the 600 s gap
  EXPECT_LT(d.next_change(kA, 1100), 1110.0);
}

TEST(PhiAccrual, HostsAreIndependent) {
  PhiAccrualDetector d(phi_config(5));
  d.heartbeat(kA, 0);
  d.heartbeat(kB, 50);
  EXPECT_EQ(d.health(kA, 50), HostHealth::kDown);
  EXPECT_EQ(d.health(kB, 50), HostHealth::kAlive);
}

TEST(PhiAccrual, NextChangeIsExactUnderRandomHistories) {
  Rng rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    PhiAccrualDetector d(phi_config(1 + rng.uniform() * 9));
    Time t = rng.uniform() * 1000;
    const int beats = 1 + static_cast<int>(rng.below(30));
    for (int i = 0; i < beats; ++i) {
      d.heartbeat(kA, t);
      t += rng.uniform(0.1, 10);
    }
    Time now = t - rng.uniform(0, 0.1);
    for (int k = 0; k < 2; ++k) {
      const Time next = d.next_change(kA, now);
      ASSERT_GT(next, now);
      expect_change_at(d, kA, next);
      now = next;
    }
    EXPECT_EQ(d.health(kA, now), HostHealth::kDown);
  }
}

TEST(PhiExponential, DefaultsAreCassandras) {
  const ExponentialPhiConfig c;
  EXPECT_EQ(c.threshold, 8.0);
  EXPECT_EQ(c.max_samples, 1000);
  EXPECT_EQ(c.initial_interval, 2.0);
}

TEST(PhiExponential, PhiGrowsLinearlyWithSilence) {
  ExponentialPhiConfig c;
  c.initial_interval = 5;
  c.max_interval = 10;
  ExponentialPhiDetector d(c);
  for (int i = 0; i <= 100; ++i) d.heartbeat(kA, 5.0 * i);
  // phi = t / (mean ln 10): threshold 8 after 8 * 5 * ln 10 = 92.1 s, suspicion (4) at half that.
  EXPECT_NEAR(d.phi(kA, 510), 10 / (5 * std::log(10.0)), 1e-12);
  const Time suspect = d.next_change(kA, 500);
  expect_change_at(d, kA, suspect);
  EXPECT_NEAR(suspect - 500, 4 * 5 * std::log(10.0), 1e-9);
  const Time down = d.next_change(kA, suspect);
  expect_change_at(d, kA, down);
  EXPECT_NEAR(down - 500, 8 * 5 * std::log(10.0), 1e-9);
  EXPECT_EQ(d.health(kA, down), HostHealth::kDown);
  EXPECT_EQ(d.next_change(kA, down), kNever);
}

TEST(PhiExponential, IntervalsBeyondTheMaximumAreIgnored) {
  ExponentialPhiConfig c;
  c.initial_interval = 5;
  c.max_interval = 10;
  ExponentialPhiDetector d(c);
  for (int i = 0; i <= 10; ++i) d.heartbeat(kA, 5.0 * i);
  d.heartbeat(kA, 650);  // a 600 s gap: a reboot, not a sample
  EXPECT_NEAR(d.phi(kA, 660), 10 / (5 * std::log(10.0)), 1e-12);
}

TEST(Presets, SwarmAndKubernetes) {
  const DetectorPreset* swarm = find_detector_preset("swarm");
  ASSERT_NE(swarm, nullptr);
  EXPECT_EQ(swarm->heartbeat_period, 5.0);
  EXPECT_EQ(swarm->fixed.down_after, 15.0);
  const DetectorPreset* k8s = find_detector_preset("kubernetes");
  ASSERT_NE(k8s, nullptr);
  EXPECT_EQ(k8s->fixed.suspect_after, 40.0);   // node-monitor-grace-period
  EXPECT_EQ(k8s->fixed.down_after, 340.0);     // + 300 s not-ready toleration
  EXPECT_EQ(find_detector_preset("kubernetes-grace")->fixed.down_after, 40.0);
  EXPECT_EQ(find_detector_preset("mesos"), nullptr);
}

TEST(Factory, MakesEachKind) {
  DetectorConfig spec;
  EXPECT_EQ(make_detector(spec)->name(), "fixed-timeout");
  spec.kind = DetectorConfig::Kind::kPhiAccrual;
  EXPECT_EQ(make_detector(spec)->name(), "phi-accrual");
  spec.kind = DetectorConfig::Kind::kPhiExponential;
  EXPECT_EQ(make_detector(spec)->name(), "phi-exponential");
  EXPECT_EQ(to_string(DetectorConfig::Kind::kPhiAccrual), "phi-accrual");
}

// The control plane wakes at the detector's deadlines: a host that stops beating is declared down by
// phi accrual at the time the detector names, and its replica is replaced.
TEST(PhiAccrualInControlPlane, DeclaresDownAtTheNamedTimeAndReplaces) {
  ControlPlane cp({}, PolicyRegistry::instance().make("spread"), std::make_unique<PhiAccrualDetector>(phi_config(5)));
  const HostId a = cp.register_host({"a", {8, 32768, 0}, {}}, 0);
  const HostId b = cp.register_host({"b", {8, 32768, 0}, {}}, 0);
  ServiceSpec s;
  s.name = "web";
  s.image = "img";
  s.replicas = 2;
  s.request = {1, 512, 0};
  for (int i = 0; i <= 20; ++i) {
    cp.observe(obs::Heartbeat{a}, 5.0 * i);
    cp.observe(obs::Heartbeat{b}, 5.0 * i);
    if (i == 0) {
      cp.apply_service(s, 0);
      for (const auto& act : cp.step(0).actions)
        if (auto* st = std::get_if<act::StartReplica>(&act)) cp.observe(obs::ReplicaStarted{st->replica, st->host}, 0);
    }
  }
  cp.step(100);
  // b keeps beating; a falls silent after t = 100.
  Time now = 100, down_at = kNever;
  for (int guard = 0; guard < 50 && down_at == kNever; ++guard) {
    const Time wake = std::min(cp.next_wakeup(), std::floor(now / 5) * 5 + 5);
    now = wake;
    if (std::fmod(now, 5.0) == 0) cp.observe(obs::Heartbeat{b}, now);
    for (const Event& e : cp.step(now).events)
      if (e.kind == EventKind::kHostDeclaredDown && e.host == "a") down_at = e.time;
  }
  EXPECT_EQ(cp.host_health(a), HostHealth::kDown);
  EXPECT_EQ(cp.host_health(b), HostHealth::kAlive);
  const auto& phi = dynamic_cast<const PhiAccrualDetector&>(cp.detector());
  EXPECT_NEAR(down_at - 100, akka_silence(phi.mean_interval(a), std::max(0.1, phi.std_deviation(a)), 3, 8), 1e-6);
  EXPECT_LT(down_at - 100, 12.0);
  EXPECT_NE(cp.detector().describe().find("phi-accrual threshold=8"), std::string::npos);
}

}  // namespace
}  // namespace drydock
