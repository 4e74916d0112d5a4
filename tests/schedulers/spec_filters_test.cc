// Ports, tolerations and anti-affinity declared in the service spec (not only as policy parameters).
#include <gtest/gtest.h>

#include "test_cluster.h"

namespace drydock::test {
namespace {

TEST(SpecFilters, PortInUseOnAHostIsNotRequestedAgain) {
  TestCluster c;
  for (int i = 0; i < 3; ++i) c.host(16, 16384);
  ServiceSpec web = svc("web", 1, 128);
  web.ports = {8080};
  const ServiceId w = c.service(web);
  auto sched = policy("most-allocated");  // would stack every replica on one host without the filter
  const auto d = c.place(*sched, c.requests(w, 4));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(d[i].placed());
  for (auto n : c.per_host(w)) EXPECT_EQ(n, 1u);  // one replica per host: the port is taken
  EXPECT_FALSE(d[3].placed());
  EXPECT_EQ(d[3].reason, "port 8080 in use on 3 hosts");
}

TEST(SpecFilters, PortsConflictAcrossServicesOnlyWhenTheyShareOne) {
  TestCluster c;
  const HostId a = c.host(16, 16384);
  const HostId b = c.host(16, 16384);
  ServiceSpec api = svc("api", 1, 128);
  api.ports = {80, 443};
  ServiceSpec proxy = svc("proxy", 1, 128);
  proxy.ports = {443};
  ServiceSpec metrics = svc("metrics", 1, 128);
  metrics.ports = {9100};
  const ServiceId s_api = c.service(api), s_proxy = c.service(proxy), s_metrics = c.service(metrics);
  auto sched = policy("most-allocated");
  const HostId first = c.place(*sched, c.requests(s_api, 1)).front().host;
  // proxy publishes 443 too: it must go to the other host; metrics (9100) may join api.
  const HostId other = first == a ? b : a;
  EXPECT_EQ(c.place(*sched, c.requests(s_proxy, 1)).front().host, other);
  const auto m = c.place(*sched, c.requests(s_metrics, 2));
  EXPECT_TRUE(m[0].placed() && m[1].placed());
  EXPECT_NE(m[0].host, m[1].host);
  // A second api replica finds 80 or 443 taken everywhere.
  const auto again = c.place(*sched, c.requests(s_api, 1)).front();
  EXPECT_FALSE(again.placed());
  EXPECT_EQ(again.reason, "ports 80 or 443 in use on 2 hosts");
}

TEST(SpecFilters, TolerationsFromTheSpec) {
  TestCluster c;
  const HostId tainted = c.host(8, 8192, {{"taint.dedicated", "ml:NoSchedule"}});
  const HostId plain = c.host(8, 8192);
  ServiceSpec ml = svc("ml", 1, 128);
  ml.tolerations = {{"dedicated", "ml"}};
  ServiceSpec other = svc("other", 1, 128);
  other.tolerations = {{"dedicated", "web"}};  // the wrong value tolerates nothing
  const ServiceId s_ml = c.service(ml), s_other = c.service(other);
  auto sched = policy("least-allocated");
  c.place(*sched, c.requests(s_other, 1));  // plain now holds one replica
  EXPECT_EQ(c.place(*sched, c.requests(s_ml, 1)).front().host, tainted);  // the emptier host, tolerated
  c.state.set_schedulable(plain, false);
  EXPECT_EQ(c.place(*sched, c.requests(s_other, 1)).front().reason,
            "untolerated taint on 1 host; host down or draining on 1 host");
}

TEST(SpecFilters, AntiAffinityFromTheSpecIsSymmetric) {
  TestCluster c;
  for (int i = 0; i < 3; ++i) c.host(16, 16384);
  ServiceSpec db = svc("db", 1, 128);
  db.anti_affinity = {"db"};  // one per host
  ServiceSpec cache = svc("cache", 1, 128);
  cache.anti_affinity = {"db"};  // declared on cache's side only
  const ServiceId s_db = c.service(db), s_cache = c.service(cache);
  auto sched = policy("most-allocated");
  const auto d = c.place(*sched, c.requests(s_db, 2));
  ASSERT_TRUE(d[0].placed() && d[1].placed());
  EXPECT_NE(d[0].host, d[1].host);
  const auto k = c.place(*sched, c.requests(s_cache, 2));  // only the host without db is left
  ASSERT_TRUE(k[0].placed() && k[1].placed());
  EXPECT_EQ(k[0].host, k[1].host);
  EXPECT_NE(k[0].host, d[0].host);
  EXPECT_NE(k[0].host, d[1].host);
  // db placed after cache declared against it: cache's host is excluded for db too.
  const auto third = c.place(*sched, c.requests(s_db, 1)).front();
  EXPECT_FALSE(third.placed());
  EXPECT_EQ(third.reason, "anti-affinity with cache,db on 3 hosts");
}

}  // namespace
}  // namespace drydock::test
