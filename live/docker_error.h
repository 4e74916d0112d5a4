// The Docker Engine API's answers that matter, as one error type. Callers branch on `kind`, never on
// message text: a 404 on DELETE means "already gone" (fine), a 404 on create means the image is
// missing (not fine), and an unreachable daemon must not be confused with a refused call.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace drydock::live {

enum class DockerErrc {
  kUnreachable,       // nothing answers at the endpoint (no socket, connection refused, no route)
  kTimeout,           // connected, no answer in time (a hung or overloaded daemon)
  kNotModified,       // 304: already started / already stopped
  kNotFound,          // 404: no such container, or no such image on create
  kConflict,          // 409: name in use, container running (remove without force)
  kDaemonRestarting,  // 503, or the daemon says it is shutting down / restarting
  kBadRequest,        // 400: our request is wrong (bad limit, bad name)
  kServerError,       // other 5xx
  kProtocol,          // an answer we cannot read (not JSON, missing fields, bad endpoint text)
};
std::string_view to_string(DockerErrc kind);

class DockerError : public std::runtime_error {
 public:
  DockerError(DockerErrc kind, int http_status, const std::string& message)
      : std::runtime_error(message), kind_(kind), http_status_(http_status) {}
  DockerErrc kind() const { return kind_; }
  int http_status() const { return http_status_; }  // 0 when no HTTP answer came
  // Worth another try later (the host may come back); a 4xx will fail the same way again.
  bool transient() const {
    return kind_ == DockerErrc::kUnreachable || kind_ == DockerErrc::kTimeout ||
           kind_ == DockerErrc::kDaemonRestarting || kind_ == DockerErrc::kServerError;
  }

 private:
  DockerErrc kind_;
  int http_status_;
};

}  // namespace drydock::live
