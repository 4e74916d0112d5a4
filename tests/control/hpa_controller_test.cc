// The HPA as a controller of the control plane, driven alone: load samples in (obs::LoadSample, as the
// runtime measured them), a new replica count and its StartReplica / StopReplica actions out.
#include <gtest/gtest.h>

#include "tests/control/driver.h"

namespace drydock {
namespace {

using testing::Driver;
using testing::service_spec;
using testing::starts;

HpaConfig hpa(int min, int max, double target) {
  HpaConfig c;
  c.min_replicas = min;
  c.max_replicas = max;
  c.target_utilization = target;
  return c;
}

TEST(HpaController, ScalesAtItsSyncFromTheLatestLoadSample) {
  Driver d;
  d.add_host("h1", 16, 65536);
  const ServiceId web = d.cp.apply_service(service_spec("web", 2), 0);
  d.cp.apply_autoscaler(web, hpa(1, 10, 0.5), 0);
  d.confirm_starts(d.step(0), 0);
  // A sample before the sync changes nothing yet; at the sync, 2 ready replicas at 100 % for a target
  // of 50 % make 4.
  d.cp.observe(obs::LoadSample{web, 20, 1.0, 2}, 10);
  EXPECT_TRUE(starts(d.step(10)).empty());
  d.heartbeat(HostId(0), 15);
  const auto actions = d.step(15);
  EXPECT_EQ(d.cp.service(web).spec.replicas, 4);
  EXPECT_EQ(starts(actions).size(), 2u);
  ASSERT_FALSE(d.events_of(EventKind::kScaled).empty());
  EXPECT_EQ(d.events_of(EventKind::kScaled).back().detail, "2->4");
}

TEST(HpaController, NoSampleNoChange) {
  Driver d;
  d.add_host("h1", 16, 65536);
  const ServiceId web = d.cp.apply_service(service_spec("web", 3), 0);
  d.cp.apply_autoscaler(web, hpa(1, 10, 0.5), 0);
  d.confirm_starts(d.step(0), 0);
  d.heartbeat(HostId(0), 15);
  d.step(15);
  EXPECT_EQ(d.cp.service(web).spec.replicas, 3) << "no metric, no action";
  // A sample is used once: the next sync without a fresh one keeps the count.
  d.cp.observe(obs::LoadSample{web, 1, 0.1, 3}, 29);
  d.heartbeat(HostId(0), 30);
  d.step(30);
  const int after = d.cp.service(web).spec.replicas;
  EXPECT_EQ(after, 1) << "10 % busy for a target of 50 %: ceil(0.2 x 3)";
  d.heartbeat(HostId(0), 45);
  d.step(45);
  EXPECT_EQ(d.cp.service(web).spec.replicas, after);
}

TEST(HpaController, IgnoresSamplesOfServicesWithoutAnAutoscaler) {
  Driver d;
  d.add_host("h1");
  const ServiceId web = d.cp.apply_service(service_spec("web", 2), 0);
  d.step(0);
  d.cp.observe(obs::LoadSample{web, 100, 1.0, 2}, 15);
  d.step(15);
  EXPECT_EQ(d.cp.service(web).spec.replicas, 2);
}

}  // namespace
}  // namespace drydock
