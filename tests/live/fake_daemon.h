// A fake Docker daemon for the fault cases a real one cannot be made to show on demand: a refused
// call (500), a conflict, a daemon that says it is shutting down. Everything else goes to a real dockerd.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>

#include "live/http_server.h"

namespace drydock::live::testing {

class FakeDaemon {
 public:
  // Answers /_ping with API-Version `api`; any other path with `status` and a Docker-style message.
  FakeDaemon(int status, std::string message, std::string api = "1.41")
      : server_("127.0.0.1", 0, [this, status, message, api](const HttpRequest& r) {
          ++calls;
          HttpResponse res;
          if (r.path == "/_ping") {
            res.body = "OK";
            res.content_type = "text/plain";
            res.headers["Api-Version"] = api;
            return res;
          }
          last_path = r.path;
          res.status = status;
          res.body = "{\"message\":\"" + message + "\"}";
          return res;
        }) {
    server_.start();
  }
  std::string endpoint() const { return "tcp://127.0.0.1:" + std::to_string(server_.port()); }
  std::atomic<int> calls{0};
  std::string last_path;

 private:
  HttpServer server_;
};

}  // namespace drydock::live::testing
