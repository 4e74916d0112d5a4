// The HTTP/1.1 server of the manager's API (and of the fake daemon of the fault tests), on Boost.Beast.
//
// Connections are served asynchronously by a couple of I/O threads, so an idle or slow client costs a
// socket and a timer, never a thread: 300 half-open connections do not delay anyone else. A request is
// read in full (header and body, within `request_timeout`) before its handler runs on a small bounded
// pool of workers; the answer is written back on the connection, which stays open for the next request
// (HTTP/1.1 keep-alive) until it has been idle for `idle_timeout`. With a certificate and key the server
// speaks HTTPS only. Errors the server itself answers (a malformed request, a handler that throws) are
// JSON objects {"message": ...} built by nlohmann-json.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace drydock::live {

struct HttpRequest {
  std::string method;
  std::string path;                           // without the query string, percent-decoded
  std::map<std::string, std::string> query;   // decoded
  std::map<std::string, std::string> headers; // lower-case names
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::map<std::string, std::string> headers;
};

struct HttpServerOptions {
  // PEM files; both set => HTTPS only. Neither => plain HTTP.
  std::string tls_cert_file;
  std::string tls_key_file;
  double request_timeout = 10;  // seconds to receive one whole request (a stalled client is dropped)
  double idle_timeout = 30;     // seconds a keep-alive connection may wait for its next request
  int io_threads = 2;           // threads that move bytes
  int workers = 4;              // threads that run handlers (bounded: a flood queues, it does not spawn)
  int max_connections = 4096;   // beyond this, new connections are closed at once
};

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // address: an IPv4 address to bind ("127.0.0.1", "0.0.0.0", "localhost"); port 0 picks a free one.
  // Throws std::runtime_error when it cannot bind (naming address and port) or cannot load the
  // certificate or key (naming the file).
  HttpServer(const std::string& address, int port, Handler handler, HttpServerOptions options = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const;
  bool tls() const;
  void start();
  void stop();  // stops accepting, lets handlers in progress finish, closes every connection

  struct Core;

 private:
  std::unique_ptr<Core> core_;
};

std::string url_decode(const std::string& text);
bool is_loopback_address(const std::string& address);

}  // namespace drydock::live
