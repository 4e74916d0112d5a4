#include <gtest/gtest.h>

#include "live/http_server.h"
#include "live/manager_client.h"

namespace drydock::live {
namespace {

TEST(HttpServer, ParsesRequestAndAnswers) {
  HttpServer server("127.0.0.1", 0, [](const HttpRequest& r) {
    HttpResponse res;
    res.body = r.method + " " + r.path + " q=" + (r.query.count("q") ? r.query.at("q") : "") + " body=" + r.body +
               " auth=" + (r.headers.count("authorization") ? r.headers.at("authorization") : "");
    return res;
  });
  server.start();
  ManagerClient client("http://127.0.0.1:" + std::to_string(server.port()), "sekret");
  const auto r = client.call("POST", "/v1/x%20y?q=a%2Fb", "{}");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "POST /v1/x y q=a/b body={} auth=Bearer sekret");
  server.stop();
}

TEST(HttpServer, LoopbackDetection) {
  EXPECT_TRUE(is_loopback_address("127.0.0.1"));
  EXPECT_TRUE(is_loopback_address("127.1.2.3"));
  EXPECT_TRUE(is_loopback_address("localhost"));
  EXPECT_FALSE(is_loopback_address("0.0.0.0"));
  EXPECT_FALSE(is_loopback_address("10.77.0.1"));
}

}  // namespace
}  // namespace drydock::live
