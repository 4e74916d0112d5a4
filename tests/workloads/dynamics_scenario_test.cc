// The scenario fields for failure detectors and fault models: what they parse to, and the error every
// mistake gets (file:line:col, the field, the reason).
#include <gtest/gtest.h>

#include <string>

#include "workloads/scenario.h"

namespace drydock {
namespace {

const char* kCluster = R"(name: dyn
cluster:
  hosts:
    - {name: a, count: 2, cpu: 4, memory: 8GiB, labels: {zone: east, rack: r1}}
    - {name: b, count: 2, cpu: 4, memory: 8GiB, labels: {zone: west, rack: r2}}
services:
  - {name: web, replicas: 3, cpu: 1, memory: 1GiB}
)";

Scenario parse(const std::string& extra) { return parse_scenario(std::string(kCluster) + extra, "dyn.yaml"); }

void expect_error(const std::string& extra, std::initializer_list<const char*> fragments) {
  try {
    parse(extra);
    FAIL() << "no error for:\n" << extra;
  } catch (const ScenarioError& e) {
    const std::string msg = e.what();
    for (const char* f : fragments) EXPECT_NE(msg.find(f), std::string::npos) << "'" << f << "' not in: " << msg;
  }
}

TEST(DetectorField, DefaultIsSwarmsFixedTimeout) {
  const Scenario s = parse("");
  EXPECT_EQ(s.detector.kind, DetectorConfig::Kind::kFixedTimeout);
  EXPECT_EQ(s.detector.fixed.period, 5.0);
  EXPECT_EQ(s.detector.fixed.suspect_after, 7.5);
  EXPECT_EQ(s.detector.fixed.down_after, 15.0);
}

TEST(DetectorField, KubernetesPresetSetsDeadlinesAndHeartbeat) {
  const Scenario s = parse("control:\n  detector: {kind: fixed-timeout, preset: kubernetes}\n");
  EXPECT_EQ(s.heartbeat.period, 10.0);
  EXPECT_EQ(s.detector.fixed.suspect_after, 40.0);
  EXPECT_EQ(s.detector.fixed.down_after, 340.0);
  EXPECT_EQ(s.detector.fixed.down_after, 340.0);
  // Explicit fields win over the preset.
  const Scenario t = parse(
      "control:\n  heartbeat: {period: 2s, jitter: 0s}\n  detector: {preset: kubernetes, down_after: 60s}\n");
  EXPECT_EQ(t.heartbeat.period, 2.0);
  EXPECT_EQ(t.detector.fixed.suspect_after, 40.0);
  EXPECT_EQ(t.detector.fixed.down_after, 60.0);
}

TEST(DetectorField, PhiAccrualDefaultsScaleToTheHeartbeat) {
  const Scenario s = parse("control:\n  heartbeat: {period: 2s, jitter: 0.1s}\n  detector: {kind: phi-accrual}\n");
  EXPECT_EQ(s.detector.kind, DetectorConfig::Kind::kPhiAccrual);
  EXPECT_EQ(s.detector.phi.threshold, 8.0);
  EXPECT_EQ(s.detector.phi.suspect_threshold, 4.0);
  EXPECT_EQ(s.detector.phi.min_std_deviation, 0.1);
  EXPECT_EQ(s.detector.phi.acceptable_pause, 3.0);
  EXPECT_EQ(s.detector.phi.first_heartbeat_estimate, 2.0);
  const Scenario t = parse(
      "control:\n  detector: {kind: phi-accrual, threshold: 10, suspect_threshold: 6, min_std_dev: 200ms, "
      "acceptable_pause: 0s, first_heartbeat_estimate: 1s, max_samples: 100}\n");
  EXPECT_EQ(t.detector.phi.threshold, 10.0);
  EXPECT_EQ(t.detector.phi.suspect_threshold, 6.0);
  EXPECT_DOUBLE_EQ(t.detector.phi.min_std_deviation, 0.2);
  EXPECT_EQ(t.detector.phi.acceptable_pause, 0.0);
  EXPECT_EQ(t.detector.phi.max_samples, 100);
}

TEST(DetectorField, ExponentialDefaultsAreTwoPeriods) {
  const Scenario s = parse("control:\n  detector: {kind: phi-exponential}\n");
  EXPECT_EQ(s.detector.kind, DetectorConfig::Kind::kPhiExponential);
  EXPECT_EQ(s.detector.exponential.initial_interval, 10.0);
  EXPECT_EQ(s.detector.exponential.max_interval, 10.0);
  EXPECT_EQ(s.detector.exponential.threshold, 8.0);
}

TEST(DetectorField, Errors) {
  expect_error("control:\n  detector: {kind: gossip}\n", {"dyn.yaml:9:", "control.detector.kind", "unknown detector 'gossip'"});
  expect_error("control:\n  detector: {kind: fixed-timeout, preset: mesos}\n", {"control.detector.preset", "unknown preset 'mesos'"});
  expect_error("control:\n  detector: {kind: phi-accrual, preset: swarm}\n", {"control.detector.preset", "kind fixed-timeout"});
  expect_error("control:\n  detector: {kind: phi-accrual, down_after: 3s}\n", {"control.detector.down_after", "unknown field"});
  expect_error("control:\n  detector: {kind: phi-accrual, threshold: -1}\n", {"dyn.yaml:9:", "control.detector.threshold", "positive"});
  expect_error("control:\n  detector: {kind: phi-accrual, threshold: 4, suspect_threshold: 5}\n",
               {"control.detector.suspect_threshold", "must not exceed threshold"});
  expect_error("control:\n  detector: {kind: phi-accrual, min_std_dev: 0s}\n", {"control.detector.min_std_dev", "positive"});
  expect_error("control:\n  detector: {kind: phi-exponential, min_std_dev: 1s}\n", {"control.detector.min_std_dev", "unknown field"});
  expect_error("control:\n  detector: {kind: phi-exponential, max_interval: 5 parsecs}\n", {"control.detector.max_interval"});
  expect_error("control:\n  detector: phi\n", {"control.detector", "expected a mapping"});
}

TEST(FaultField, HostsByNameListAndLabels) {
  const Scenario s = parse(R"(faults:
  - {at: 10s, kind: host_crash, host: a-1, duration: 60s}
  - {at: 20s, kind: partition, hosts: [a-2, b-1], duration: 30s}
  - {at: 30s, kind: host_crash, labels: {zone: west}}
  - {at: 40s, kind: host_hang, host: a-1, duration: 2m}
  - {at: 50s, kind: heartbeat_delay, host: b-2, duration: 8s}
)");
  ASSERT_EQ(s.faults.size(), 5u);
  EXPECT_EQ(s.faults[0].duration, 60.0);
  EXPECT_EQ(s.faults[0].hosts, std::vector<std::string>{"a-1"});
  EXPECT_EQ(s.faults[1].kind, FaultSpec::Kind::kPartition);
  EXPECT_EQ(s.faults[1].hosts, (std::vector<std::string>{"a-2", "b-1"}));
  EXPECT_EQ(s.faults[2].hosts, (std::vector<std::string>{"b-1", "b-2"}));  // the whole zone
  EXPECT_EQ(s.faults[2].duration, 0.0);                                     // for good
  EXPECT_EQ(s.faults[3].kind, FaultSpec::Kind::kHostHang);
  EXPECT_EQ(s.faults[3].duration, 120.0);
  EXPECT_EQ(s.faults[4].kind, FaultSpec::Kind::kHeartbeatDelay);
  EXPECT_EQ(to_string(FaultSpec::Kind::kHeartbeatDelay), "heartbeat_delay");
}

TEST(FaultField, Generators) {
  const Scenario s = parse(R"(faults:
  - {at: 0s, kind: random_failures, mtbf: 1h, mttr: 5m, until: 2h}
  - {at: 0s, kind: random_failures, labels: {rack: r1}, mtbf: 1h, mttr: 5m, shape: 1.5}
  - {at: 60s, kind: container_crashes, service: web, mtbf: 10m}
)");
  ASSERT_EQ(s.faults.size(), 3u);
  EXPECT_EQ(s.faults[0].hosts.size(), 4u);  // no selector: every host
  EXPECT_EQ(s.faults[0].mtbf, 3600.0);
  EXPECT_EQ(s.faults[0].mttr, 300.0);
  EXPECT_EQ(s.faults[0].until, 7200.0);
  EXPECT_EQ(s.faults[1].hosts, (std::vector<std::string>{"a-1", "a-2"}));
  EXPECT_EQ(s.faults[1].shape, 1.5);
  EXPECT_EQ(s.faults[2].service, "web");
  EXPECT_EQ(s.faults[2].until, kNever);
}

TEST(FaultField, Errors) {
  expect_error("faults:\n  - {at: 1s, kind: meteor, host: a-1}\n",
               {"dyn.yaml:9:", "faults[0].kind", "expected one of host_crash", "got 'meteor'"});
  expect_error("faults:\n  - {at: 1s, kind: host_hang, host: a-1}\n", {"faults[0].duration", "missing"});
  expect_error("faults:\n  - {at: 1s, kind: heartbeat_delay, host: a-1, duration: -3s}\n", {"faults[0].duration", "positive"});
  expect_error("faults:\n  - {at: 1s, kind: host_crash}\n", {"faults[0].host", "missing"});
  expect_error("faults:\n  - {at: 1s, kind: host_crash, host: a-1, hosts: [a-2]}\n", {"faults[0]", "not several"});
  expect_error("faults:\n  - {at: 1s, kind: partition, hosts: [a-1, c-9]}\n", {"faults[0].hosts[1]", "no host named 'c-9'"});
  expect_error("faults:\n  - {at: 1s, kind: host_crash, labels: {zone: north}}\n", {"faults[0].labels", "no host of the cluster"});
  expect_error("faults:\n  - {at: 1s, kind: host_recover, host: a-1, duration: 5s}\n", {"faults[0].duration", "not used by kind host_recover"});
  expect_error("faults:\n  - {at: 1s, kind: host_crash, host: a-1, mtbf: 5s}\n", {"faults[0].mtbf", "not used by kind host_crash"});
  expect_error("faults:\n  - {at: 1s, kind: random_failures, mttr: 5m}\n", {"faults[0].mtbf", "missing"});
  expect_error("faults:\n  - {at: 1s, kind: random_failures, mtbf: 1h}\n", {"faults[0].mttr", "missing"});
  expect_error("faults:\n  - {at: 1s, kind: random_failures, mtbf: 0s, mttr: 1s}\n", {"faults[0].mtbf", "positive"});
  expect_error("faults:\n  - {at: 1s, kind: random_failures, mtbf: 1h, mttr: 1m, shape: 0}\n", {"faults[0].shape", "positive"});
  expect_error("faults:\n  - {at: 10s, kind: random_failures, mtbf: 1h, mttr: 1m, until: 5s}\n", {"faults[0].until", "before at"});
  expect_error("faults:\n  - {at: 1s, kind: container_crashes, mtbf: 1m}\n", {"faults[0].service", "missing"});
  expect_error("faults:\n  - {at: 1s, kind: container_crashes, service: db, mtbf: 1m}\n", {"faults[0].service", "no service named 'db'"});
  expect_error("faults:\n  - {at: 1s, kind: container_crashes, service: web, mtbf: 1m, host: a-1}\n",
               {"faults[0].host", "not used by kind container_crashes"});
}

TEST(FaultField, StudyScenariosLoad) {
  for (const char* f : {"workloads/scenarios/detector-study.yaml", "workloads/scenarios/detector-study-long-pauses.yaml"}) {
    const Scenario s = load_scenario(f);
    EXPECT_EQ(s.hosts.size(), 20u) << f;
    EXPECT_GT(s.faults.size(), 40u) << f;
  }
}

TEST(LoadField, ParsesLoadQueueSloAndAutoscale) {
  const Scenario s = parse_scenario(R"(cluster:
  hosts: [{name: w, cpu: 8, memory: 8GiB}]
services:
  - name: api
    replicas: 4
    load: {kind: diurnal, base: 100, peak: 1000, period: 24h, peak_at: 14h}
    service_rate: 50
    queue_limit: 20
    balancer: power-of-two
    slo: {latency_p99: 200ms}
    autoscale: {min: 2, max: 40, target_utilization: 0.7, tolerance: 0.05, scale_down_window: 10m}
  - name: batch
    replicas: 1
    load: {kind: points, points: [[0s, 10], [10m, 50]]}
)",
                                    "load.yaml");
  const ServiceDynamics& d = s.dynamics.at("api");
  EXPECT_EQ(d.load.kind, LoadCurve::Kind::kDiurnal);
  EXPECT_EQ(d.load.peak_at, 14 * 3600.0);
  EXPECT_EQ(d.queue.service_rate, 50.0);
  EXPECT_EQ(d.queue.queue_limit, 20);
  EXPECT_EQ(d.balancer, Balancer::kPowerOfTwo);
  EXPECT_DOUBLE_EQ(d.slo_p99, 0.2);
  EXPECT_TRUE(d.autoscale);
  EXPECT_EQ(d.hpa.min_replicas, 2);
  EXPECT_EQ(d.hpa.max_replicas, 40);
  EXPECT_EQ(d.hpa.target_utilization, 0.7);
  EXPECT_EQ(d.hpa.scale_down_window, 600.0);
  EXPECT_EQ(d.hpa.sync_period, 15.0);  // Kubernetes' default
  const ServiceDynamics& b = s.dynamics.at("batch");
  EXPECT_FALSE(b.autoscale);
  ASSERT_EQ(b.load.points.size(), 2u);
  EXPECT_EQ(b.load.at_time(300), 30.0);
  for (const char* f : {"workloads/scenarios/hpa-diurnal.yaml", "workloads/scenarios/hpa-spike.yaml"})
    EXPECT_TRUE(load_scenario(f).dynamics.at("api").autoscale) << f;
}

TEST(LoadField, Errors) {
  auto svc = [](const std::string& fields) {
    return "cluster:\n  hosts: [{name: w, cpu: 8, memory: 8GiB}]\nservices:\n  - {name: api, replicas: 4, " + fields + "}\n";
  };
  auto expect = [](const std::string& yaml, std::initializer_list<const char*> fragments) {
    try {
      parse_scenario(yaml, "l.yaml");
      FAIL() << "no error for:\n" << yaml;
    } catch (const ScenarioError& e) {
      for (const char* f : fragments) EXPECT_NE(std::string(e.what()).find(f), std::string::npos) << f << " not in " << e.what();
    }
  };
  expect(svc("load: {kind: tidal, rate: 5}"), {"l.yaml:4:", "services[0].load.kind", "got 'tidal'"});
  expect(svc("load: {kind: constant}"), {"services[0].load.rate", "missing"});
  expect(svc("load: {kind: constant, rate: -5}"), {"services[0].load.rate", "negative"});
  expect(svc("load: {kind: constant, rate: 5, peak: 9}"), {"services[0].load.peak", "unknown field"});
  expect(svc("load: {kind: diurnal, base: 50, peak: 10}"), {"services[0].load.peak", "below base"});
  expect(svc("load: {kind: points, points: [[10s, 1], [5s, 2]]}"), {"services[0].load.points[1][0]", "increase"});
  expect(svc("load: {kind: constant, rate: 5}, service_rate: 0"), {"services[0].service_rate", "positive"});
  expect(svc("load: {kind: constant, rate: 5}, balancer: random"), {"services[0].balancer", "got 'random'"});
  expect(svc("autoscale: {max: 5}"), {"services[0].autoscale", "needs a load"});
  expect(svc("load: {kind: constant, rate: 5}, autoscale: {min: 5, max: 2}"), {"services[0].autoscale.max", "below min"});
  expect(svc("load: {kind: constant, rate: 5}, autoscale: {target_utilization: 1.5}"),
         {"services[0].autoscale.target_utilization", "(0, 1]"});
  expect(svc("load: {kind: constant, rate: 5}, autoscale: {min: 5, max: 10}"), {"services[0].replicas", "within autoscale"});
  expect(svc("load: {kind: constant, rate: 5}, slo: {latency_p50: 1s}"), {"services[0].slo.latency_p50", "unknown field"});
}

}  // namespace
}  // namespace drydock

namespace drydock {
namespace {

const char* kGroups = R"(name: dyn
cluster:
  hosts:
    - {name: base, count: 2, cpu: 4, memory: 8GiB}
    - {name: pool, count: 3, cpu: 4, memory: 8GiB}
services:
  - {name: web, replicas: 3, cpu: 1, memory: 1GiB, update_config: {max_surge: 2, max_unavailable: 10%}}
)";

Scenario parse_groups(const std::string& extra) { return parse_scenario(std::string(kGroups) + extra, "dyn.yaml"); }

void expect_groups_error(const std::string& extra, std::initializer_list<const char*> fragments) {
  try {
    parse_groups(extra);
    FAIL() << "no error for:\n" << extra;
  } catch (const ScenarioError& e) {
    const std::string msg = e.what();
    for (const char* f : fragments) EXPECT_NE(msg.find(f), std::string::npos) << "'" << f << "' not in: " << msg;
  }
}

TEST(UpdateField, ParsesBudgetAndImageChanges) {
  const Scenario s = parse_groups("changes:\n  - {at: 60s, service: web, image: {name: web2, size: 10MB}}\n"
                                  "  - {at: 90s, service: web, replicas: 5}\n");
  EXPECT_EQ(s.services[0].update.max_surge.value, 2);
  EXPECT_FALSE(s.services[0].update.max_surge.percent);
  EXPECT_EQ(s.services[0].update.max_unavailable.value, 10);
  EXPECT_TRUE(s.services[0].update.max_unavailable.percent);
  ASSERT_EQ(s.changes.size(), 2u);
  EXPECT_EQ(s.changes[0].image, "web2");
  EXPECT_EQ(s.changes[0].image_bytes, 10'000'000u);
  EXPECT_EQ(s.changes[0].replicas, -1) << "an update alone does not scale";
  EXPECT_TRUE(s.changes[1].image.empty());
  EXPECT_EQ(s.changes[1].replicas, 5);
  // Defaults: Kubernetes' 25 % / 25 %.
  const Scenario d = parse("");
  EXPECT_EQ(d.services[0].update.max_surge.value, 25);
  EXPECT_TRUE(d.services[0].update.max_unavailable.percent);
}

TEST(UpdateField, Errors) {
  expect_error("changes:\n  - {at: 60s, service: web}\n", {"dyn.yaml:", "changes[0]", "replicas or image"});
  expect_error("changes:\n  - {at: 60s, service: web, image: {size: 1MB}}\n", {"changes[0].image.name", "missing"});
  expect_error("changes:\n  - {at: 60s, service: web, image: {name: a, tag: b}}\n", {"changes[0].image", "tag"});
  try {
    parse_scenario("cluster:\n  hosts: [{name: a, cpu: 4, memory: 8GiB}]\nservices:\n"
                   "  - {name: web, replicas: 1, update_config: {max_surge: 25 %}}\n", "u.yaml");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("services[0].update_config.max_surge"), std::string::npos) << e.what();
  }
}

TEST(ClusterAutoscalerField, PoolHostsStartOffBeyondTheInitialOnes) {
  const Scenario s = parse_groups(
      "cluster_autoscaler: {pool: pool, initial_hosts: 1, boot_delay: 30s, scale_down_unneeded_time: 5m, "
      "scale_down_utilization_threshold: 0.4, scan_interval: 5s}\n");
  ASSERT_TRUE(s.cluster_autoscaler.enabled);
  EXPECT_EQ(s.cluster_autoscaler.pool_hosts, (std::vector<std::size_t>{2, 3, 4}));
  EXPECT_EQ(s.host_off_at_start, (std::vector<char>{0, 0, 0, 1, 1}));
  const ClusterAutoscalerConfig& c = s.cluster_autoscaler.config;
  EXPECT_EQ(c.boot_delay, 30);
  EXPECT_EQ(c.unneeded_time, 300);
  EXPECT_EQ(c.utilization_threshold, 0.4);
  EXPECT_EQ(c.scan_interval, 5);
  EXPECT_EQ(c.initial_hosts, 1);
  EXPECT_EQ(c.min_hosts, 1) << "default: the initial hosts";
  // Kubernetes' defaults otherwise.
  const ClusterAutoscalerConfig k = parse_groups("cluster_autoscaler: {pool: pool}\n").cluster_autoscaler.config;
  EXPECT_EQ(k.unneeded_time, 600);
  EXPECT_EQ(k.scan_interval, 10);
  EXPECT_EQ(k.utilization_threshold, 0.5);
}

TEST(ClusterAutoscalerField, Errors) {
  expect_groups_error("cluster_autoscaler: {pool: nope}\n", {"dyn.yaml:", "cluster_autoscaler.pool", "no host group named 'nope'"});
  expect_groups_error("cluster_autoscaler: {boot_delay: 1s}\n", {"cluster_autoscaler.pool", "missing"});
  expect_groups_error("cluster_autoscaler: {pool: pool, initial_hosts: 4}\n", {"cluster_autoscaler.initial_hosts"});
  expect_groups_error("cluster_autoscaler: {pool: pool, scan_interval: 0s}\n", {"cluster_autoscaler.scan_interval", "positive"});
  expect_groups_error("cluster_autoscaler: {pool: pool, scale_down_utilization_threshold: 2}\n",
                      {"scale_down_utilization_threshold", "[0, 1]"});
  expect_groups_error("cluster_autoscaler: {pool: pool, max_hosts: 3}\n", {"cluster_autoscaler", "max_hosts"});
}

}  // namespace
}  // namespace drydock
