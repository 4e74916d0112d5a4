// A minimal HTTP/1.1 server on POSIX sockets for the manager's API (and for the fake daemon of the
// fault tests). One thread accepts; each connection gets a thread, one request, and is closed. That is
// all a control API of a few requests per second needs, and it adds no library to the build.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

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

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // address: an IPv4 address to bind ("127.0.0.1", "0.0.0.0"); port 0 picks a free one.
  // Throws std::runtime_error when it cannot bind, naming address and port.
  HttpServer(const std::string& address, int port, Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }
  void start();
  void stop();  // closes the listener and waits for requests in progress

 private:
  void accept_loop();
  void serve(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<std::thread> workers_;
};

std::string url_decode(const std::string& text);
bool is_loopback_address(const std::string& address);

}  // namespace drydock::live
