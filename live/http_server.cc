#include "live/http_server.h"

#include <arpa/inet.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

namespace drydock::live {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::uint32_t kMaxHeader = 64 * 1024;
constexpr std::uint64_t kMaxBody = 4 * 1024 * 1024;

HttpResponse json_error(int status, const std::string& message) {
  HttpResponse r;
  r.status = status;
  r.body = nlohmann::json{{"message", message}}.dump();
  return r;
}

std::chrono::milliseconds seconds(double s) { return std::chrono::milliseconds(static_cast<long long>(s * 1000)); }

HttpRequest to_request(const http::request<http::string_body>& m) {
  HttpRequest r;
  r.method = std::string(m.method_string());
  std::string target(m.target());
  if (const auto q = target.find('?'); q != std::string::npos) {
    const std::string query = target.substr(q + 1);
    target.resize(q);
    std::size_t start = 0;
    while (start <= query.size()) {
      std::size_t amp = query.find('&', start);
      if (amp == std::string::npos) amp = query.size();
      const std::string pair = query.substr(start, amp - start);
      const auto eq = pair.find('=');
      if (!pair.empty())
        r.query[url_decode(pair.substr(0, eq))] = eq == std::string::npos ? "" : url_decode(pair.substr(eq + 1));
      start = amp + 1;
    }
  }
  r.path = url_decode(target);
  for (const auto& field : m) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string(field.value());
  }
  r.body = m.body();
  return r;
}

}  // namespace

struct HttpServer::Core {
  Handler handler;
  HttpServerOptions options;
  std::atomic<int> connections{0};
  int port = 0;
  std::unique_ptr<asio::ssl::context> tls;
  std::unique_ptr<asio::thread_pool> workers;
  std::vector<std::thread> io_threads;
  // Declared last so that they go first: destroying the context destroys the sessions still parked in
  // it, and they count themselves out of `connections`.
  std::unique_ptr<asio::io_context> ioc;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::steady_timer> retry;
  std::mutex mu;
  bool started = false;
  bool stopped = false;

  HttpResponse invoke(const HttpRequest& request) const {
    try {
      return handler(request);
    } catch (const std::exception& e) {
      return json_error(500, std::string("internal error: ") + e.what());
    } catch (...) {
      return json_error(500, "internal error");
    }
  }
  void accept();
};

namespace {

// One connection: read a request, run its handler on the worker pool, write the answer, repeat while
// the client keeps the connection alive. Stream is beast::tcp_stream or beast::ssl_stream over it.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

 public:
  Session(tcp::socket&& socket, HttpServer::Core& core) : core_(core), stream_(make_stream(std::move(socket), core)) {
    ++core_.connections;
  }
  ~Session() { --core_.connections; }

  void start() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(seconds(core_.options.request_timeout));
      stream_.async_handshake(asio::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        if (!ec) self->read(core_timeout(self->core_, true));
      });
    } else {
      read(core_timeout(core_, true));
    }
  }

 private:
  static Stream make_stream(tcp::socket&& socket, HttpServer::Core& core) {
    if constexpr (kTls)
      return Stream(std::move(socket), *core.tls);
    else
      return Stream(std::move(socket));
  }
  // The first request must arrive whole within request_timeout of the connect; the next ones within
  // idle_timeout of the previous answer.
  static double core_timeout(const HttpServer::Core& core, bool first) {
    return first ? core.options.request_timeout : core.options.idle_timeout;
  }

  void read(double timeout) {
    parser_.emplace();
    parser_->header_limit(kMaxHeader);
    parser_->body_limit(kMaxBody);
    beast::get_lowest_layer(stream_).expires_after(seconds(timeout));
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream) return close();
    if (ec == http::error::body_limit) return answer_now(json_error(413, "request body over 4 MiB"));
    if (ec == http::error::header_limit) return answer_now(json_error(431, "request header over 64 KiB"));
    if (ec && ec.category() == http::make_error_code(http::error::bad_target).category())
      return answer_now(json_error(400, "bad request: " + ec.message()));
    if (ec) return;  // timeout, reset, TLS failure: drop the connection (the session dies with it)
    const http::request<http::string_body> message = parser_->release();
    keep_alive_ = message.keep_alive();
    version_ = message.version();
    HttpRequest request;
    try {
      request = to_request(message);
    } catch (const std::exception& e) {
      return answer_now(json_error(400, std::string("bad request target: ") + e.what()));
    }
    // Handler time is not the client's fault: no deadline while the worker runs.
    beast::get_lowest_layer(stream_).expires_never();
    asio::post(*core_.workers, [self = this->shared_from_this(), request = std::move(request)] {
      HttpResponse response = self->core_.invoke(request);
      asio::post(self->stream_.get_executor(),
                 [self, response = std::move(response)]() mutable { self->write(std::move(response)); });
    });
  }

  void answer_now(HttpResponse response) {
    keep_alive_ = false;
    write(std::move(response));
  }

  void write(HttpResponse r) {
    response_ = {};
    response_.version(version_);
    response_.result(static_cast<unsigned>(r.status));
    response_.set(http::field::server, "drydock");
    if (r.status != 204 && r.status != 304) {
      response_.set(http::field::content_type, r.content_type);
      response_.body() = std::move(r.body);
    }
    for (const auto& [name, value] : r.headers) response_.set(name, value);
    response_.keep_alive(keep_alive_);
    response_.prepare_payload();
    beast::get_lowest_layer(stream_).expires_after(seconds(core_.options.request_timeout));
    http::async_write(stream_, response_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      if (!self->keep_alive_) return self->close();
      self->read(core_timeout(self->core_, false));
    });
  }

  void close() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(1));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    } else {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  HttpServer::Core& core_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  bool keep_alive_ = false;
  unsigned version_ = 11;
};

}  // namespace

void HttpServer::Core::accept() {
  acceptor->async_accept(asio::make_strand(*ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
    if (ec) {  // out of descriptors, most likely: breathe, then try again rather than spin
      retry->expires_after(std::chrono::milliseconds(50));
      retry->async_wait([this](beast::error_code e) {
        if (!e) accept();
      });
      return;
    }
    if (connections.load() >= options.max_connections) {
      socket.close(ec);
    } else if (tls) {
      std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(std::move(socket), *this)->start();
    } else {
      std::make_shared<Session<beast::tcp_stream>>(std::move(socket), *this)->start();
    }
    accept();
  });
}

std::string url_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (text[i] == '+') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

bool is_loopback_address(const std::string& address) {
  in_addr a{};
  if (inet_pton(AF_INET, address.c_str(), &a) != 1) return address == "localhost";
  return (ntohl(a.s_addr) >> 24) == 127;
}

HttpServer::HttpServer(const std::string& address, int port, Handler handler, HttpServerOptions options)
    : core_(std::make_unique<Core>()) {
  Core& c = *core_;
  c.handler = std::move(handler);
  c.options = options;
  if (options.io_threads < 1 || options.workers < 1 || options.max_connections < 1 || options.request_timeout <= 0 ||
      options.idle_timeout <= 0)
    throw std::invalid_argument("HTTP server: threads, workers, connections and timeouts must be positive");
  if (options.tls_cert_file.empty() != options.tls_key_file.empty())
    throw std::invalid_argument("HTTPS needs both a certificate and its private key");
  if (!options.tls_cert_file.empty()) {
    c.tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    c.tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
    beast::error_code ec;
    c.tls->use_certificate_chain_file(options.tls_cert_file, ec);
    if (ec) throw std::runtime_error("cannot load TLS certificate " + options.tls_cert_file + ": " + ec.message());
    c.tls->use_private_key_file(options.tls_key_file, asio::ssl::context::pem, ec);
    if (ec) throw std::runtime_error("cannot load TLS private key " + options.tls_key_file + ": " + ec.message());
  }
  beast::error_code ec;
  const auto ip = asio::ip::make_address_v4(address == "localhost" ? "127.0.0.1" : address, ec);
  if (ec) throw std::runtime_error("listen address '" + address + "' is not an IPv4 address");
  c.ioc = std::make_unique<asio::io_context>(options.io_threads);
  c.acceptor = std::make_unique<tcp::acceptor>(asio::make_strand(*c.ioc));
  c.retry = std::make_unique<asio::steady_timer>(c.acceptor->get_executor());
  const tcp::endpoint at(ip, static_cast<unsigned short>(port));
  c.acceptor->open(at.protocol(), ec);
  if (!ec) c.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) c.acceptor->bind(at, ec);
  if (!ec) c.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + address + ":" + std::to_string(port) + ": " + ec.message());
  c.port = c.acceptor->local_endpoint().port();
}

HttpServer::~HttpServer() { stop(); }

int HttpServer::port() const { return core_->port; }
bool HttpServer::tls() const { return core_->tls != nullptr; }

void HttpServer::start() {
  Core& c = *core_;
  std::lock_guard lock(c.mu);
  if (c.started || c.stopped) return;
  c.started = true;
  c.workers = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(c.options.workers));
  asio::post(c.acceptor->get_executor(), [&c] { c.accept(); });
  for (int i = 0; i < c.options.io_threads; ++i) c.io_threads.emplace_back([&c] { c.ioc->run(); });
}

void HttpServer::stop() {
  Core& c = *core_;
  std::lock_guard lock(c.mu);
  if (c.stopped) return;
  c.stopped = true;
  if (c.started) {
    std::promise<void> closed;
    asio::post(c.acceptor->get_executor(), [&c, &closed] {
      beast::error_code ignored;
      c.acceptor->close(ignored);
      c.retry->cancel();
      closed.set_value();
    });
    closed.get_future().wait();
    c.ioc->stop();
    for (auto& t : c.io_threads) t.join();
    c.workers->join();  // handlers in progress finish; their answers go nowhere
  }
  c.retry.reset();
  c.acceptor.reset();
  c.ioc.reset();  // closes every connection still open
}

}  // namespace drydock::live
