// The client side of the manager's HTTP API, used by `drydock service ...` / `drydock host ls` and the
// end-to-end tests.
#pragma once

#include <string>

namespace drydock::live {

class ManagerClient {
 public:
  // base: "http://127.0.0.1:7070" or "https://..."; token: sent as "Authorization: Bearer <token>" when
  // non-empty; ca_file: a PEM file of the certificate(s) to trust for https (a self-signed manager's own
  // certificate will do), the system's store when empty.
  ManagerClient(std::string base, std::string token, long timeout_ms = 30000, std::string ca_file = {});

  struct Reply {
    long status = 0;
    std::string body;
  };
  // Throws std::runtime_error naming the address when no manager answers there.
  Reply call(const std::string& method, const std::string& path, const std::string& body = {}) const;

 private:
  std::string base_;
  std::string token_;
  long timeout_ms_;
  std::string ca_file_;
};

}  // namespace drydock::live
