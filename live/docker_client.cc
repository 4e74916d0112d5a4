#include "live/docker_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace drydock::live {
namespace {

using nlohmann::json;

// The newest API version this client knows how to speak; the daemon's own version wins when lower.
constexpr const char* kClientMaxApi = "1.43";
constexpr const char* kClientMinApi = "1.24";

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::pair<int, int> parse_version(const std::string& v) {
  int major = 0, minor = 0;
  if (std::sscanf(v.c_str(), "%d.%d", &major, &minor) != 2) return {-1, -1};
  return {major, minor};
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string line(data, size * n);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    const auto b = value.find_first_not_of(" \t");
    const auto e = value.find_last_not_of(" \t\r\n");
    (*headers)[name] = b == std::string::npos ? "" : value.substr(b, e - b + 1);
  }
  return size * n;
}

std::string url_escape(const std::string& text) {
  char* out = curl_easy_escape(nullptr, text.c_str(), static_cast<int>(text.size()));
  std::string result = out ? out : "";
  curl_free(out);
  return result;
}

std::string label_filter(const std::vector<std::string>& labels, bool containers_only) {
  json filters = json::object();
  if (!labels.empty()) filters["label"] = labels;
  if (containers_only) filters["type"] = {"container"};
  return url_escape(filters.dump());
}

ContainerEvent parse_event(const json& j) {
  ContainerEvent e;
  e.action = j.value("Action", j.value("status", ""));
  if (j.contains("Actor")) {
    e.id = j["Actor"].value("ID", "");
    if (j["Actor"].contains("Attributes"))
      for (auto& [k, v] : j["Actor"]["Attributes"].items())
        if (v.is_string()) e.attributes[k] = v.get<std::string>();
  }
  if (e.id.empty()) e.id = j.value("id", "");
  if (j.contains("timeNano")) e.time = j["timeNano"].get<double>() / 1e9;
  else e.time = j.value("time", 0.0);
  return e;
}

}  // namespace

std::string_view to_string(DockerErrc kind) {
  switch (kind) {
    case DockerErrc::kUnreachable: return "unreachable";
    case DockerErrc::kTimeout: return "timeout";
    case DockerErrc::kNotModified: return "not modified";
    case DockerErrc::kNotFound: return "not found";
    case DockerErrc::kConflict: return "conflict";
    case DockerErrc::kDaemonRestarting: return "daemon restarting";
    case DockerErrc::kBadRequest: return "bad request";
    case DockerErrc::kServerError: return "server error";
    case DockerErrc::kProtocol: return "protocol error";
  }
  return "?";
}

DockerEndpoint DockerEndpoint::parse(const std::string& url) {
  DockerEndpoint e;
  e.url = url;
  if (url.rfind("unix://", 0) == 0) {
    if (url.size() <= 7 || url[7] != '/')
      throw DockerError(DockerErrc::kProtocol, 0, "endpoint '" + url + "': unix:// needs an absolute socket path");
    if (url.size() - 7 >= 108)
      throw DockerError(DockerErrc::kProtocol, 0, "endpoint '" + url + "': socket path longer than 107 bytes");
    return e;
  }
  for (const char* scheme : {"tcp://", "http://", "https://"}) {
    if (url.rfind(scheme, 0) == 0) {
      const std::string rest = url.substr(std::string(scheme).size());
      const std::string host_port = rest.substr(0, rest.find('/'));
      const auto colon = host_port.rfind(':');  // rfind: "[::1]:2375"
      if (colon == std::string::npos || colon == 0)
        throw DockerError(DockerErrc::kProtocol, 0, "endpoint '" + url + "': needs host:port");
      const std::string port = host_port.substr(colon + 1);
      const bool digits = !port.empty() && port.size() <= 5 &&
                          port.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || std::stoi(port) < 1 || std::stoi(port) > 65535)
        throw DockerError(DockerErrc::kProtocol, 0, "endpoint '" + url + "': port '" + port + "' is not a number from 1 to 65535");
      return e;
    }
  }
  throw DockerError(DockerErrc::kProtocol, 0,
                    "endpoint '" + url + "': expected unix:///path, tcp://host:port or https://host:port");
}

std::optional<int> ContainerSummary::exit_code() const {
  int code = 0;
  if (std::sscanf(status.c_str(), "Exited (%d)", &code) == 1) return code;
  return std::nullopt;
}

DockerClient::DockerClient(DockerEndpoint endpoint, ClientOptions options)
    : endpoint_(std::move(endpoint)), options_(options) {
  global_init();
  if (endpoint_.is_unix()) {
    base_url_ = "http://localhost";
  } else if (endpoint_.url.rfind("tcp://", 0) == 0) {
    // tcp:// with certificates means TLS, as the docker CLI reads DOCKER_HOST with --tlsverify.
    base_url_ = (endpoint_.tls_cert.empty() ? "http://" : "https://") + endpoint_.url.substr(6);
  } else {
    base_url_ = endpoint_.url;
  }
  curl_ = curl_easy_init();
}

DockerClient::~DockerClient() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

void* DockerClient::handle(bool streaming) {
  CURL* c = static_cast<CURL*>(curl_);
  curl_easy_reset(c);  // clears options, keeps the open connection
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  if (!streaming) curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
  if (endpoint_.is_unix()) curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, endpoint_.url.substr(7).c_str());
  if (!endpoint_.tls_ca.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, endpoint_.tls_ca.c_str());
  if (!endpoint_.tls_cert.empty()) curl_easy_setopt(c, CURLOPT_SSLCERT, endpoint_.tls_cert.c_str());
  if (!endpoint_.tls_key.empty()) curl_easy_setopt(c, CURLOPT_SSLKEY, endpoint_.tls_key.c_str());
  return c;
}

DockerClient::Response DockerClient::request_once(const std::string& method, const std::string& path,
                                                  const std::string& body, bool& sent) {
  CURL* c = static_cast<CURL*>(handle(false));
  Response r;
  const std::string url = base_url_ + path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_slist* headers = nullptr;
  if (method == "POST") {
    headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
  const CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  sent = true;
  if (rc != CURLE_OK) {
    const std::string where = method + " " + path + " at " + endpoint_.url + ": " + curl_easy_strerror(rc);
    switch (rc) {
      case CURLE_COULDNT_CONNECT:
      case CURLE_COULDNT_RESOLVE_HOST:
        sent = false;  // nothing reached the daemon: safe to try again, even for a create
        throw DockerError(DockerErrc::kUnreachable, 0, "docker daemon unreachable: " + where);
      case CURLE_OPERATION_TIMEDOUT:
        throw DockerError(DockerErrc::kTimeout, 0, "docker daemon did not answer in time: " + where);
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_SSL_CACERT_BADFILE:
        sent = false;
        throw DockerError(DockerErrc::kUnreachable, 0, "TLS handshake failed: " + where);
      case CURLE_RECV_ERROR:
      case CURLE_SEND_ERROR:
        // Over TLS 1.3 a daemon started with --tlsverify rejects a client certificate after the
        // handshake: the client only sees the connection drop. Say what it most likely means.
        if (base_url_.rfind("https://", 0) == 0)
          throw DockerError(DockerErrc::kUnreachable, 0,
                            "TLS session refused by the daemon (a --tlsverify daemon wants a client certificate "
                            "signed by its CA; this client " +
                                (endpoint_.tls_cert.empty() ? std::string("sent none") : "sent " + endpoint_.tls_cert) +
                                "): " + where);
        throw DockerError(DockerErrc::kUnreachable, 0, "docker call failed: " + where);
      default:
        throw DockerError(DockerErrc::kUnreachable, 0, "docker call failed: " + where);
    }
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  return r;
}

DockerClient::Response DockerClient::request(const std::string& method, const std::string& path,
                                             const std::string& body, Retry retry) {
  auto delay = options_.backoff;
  for (int attempt = 0;; ++attempt) {
    bool sent = false;
    try {
      Response r = request_once(method, path, body, sent);
      // A daemon that is shutting down or restarting answers 503; idempotent calls wait it out.
      const bool retry_status = retry == Retry::kIdempotent && (r.status == 503 || r.status == 502);
      if (!retry_status || attempt >= options_.retries) return r;
    } catch (const DockerError& e) {
      const bool may_retry = e.transient() && (retry == Retry::kIdempotent || !sent);
      // A timeout already cost a full request_timeout: do not multiply it by the retries.
      if (!may_retry || e.kind() == DockerErrc::kTimeout || attempt >= options_.retries) throw;
    }
    std::this_thread::sleep_for(delay);
    delay *= 2;
  }
}

void DockerClient::fail(const std::string& what, const Response& r) const {
  std::string message;
  try {
    message = json::parse(r.body).value("message", "");
  } catch (const json::exception&) {
    message = r.body.substr(0, 200);
  }
  const std::string text = what + " at " + endpoint_.url + ": HTTP " + std::to_string(r.status) +
                           (message.empty() ? "" : ": " + message);
  DockerErrc kind = DockerErrc::kServerError;
  switch (r.status) {
    case 304: kind = DockerErrc::kNotModified; break;
    case 400: kind = DockerErrc::kBadRequest; break;
    case 404: kind = DockerErrc::kNotFound; break;
    case 409: kind = DockerErrc::kConflict; break;
    case 502:
    case 503: kind = DockerErrc::kDaemonRestarting; break;
    default:
      if (message.find("shutting down") != std::string::npos || message.find("restarting") != std::string::npos)
        kind = DockerErrc::kDaemonRestarting;
  }
  throw DockerError(kind, static_cast<int>(r.status), text);
}

std::string DockerClient::ping() {
  Response r = request("GET", "/_ping", "", Retry::kIdempotent);
  if (r.status != 200) fail("ping", r);
  if (api_version_.empty()) {
    const auto it = r.headers.find("api-version");
    if (it == r.headers.end())
      throw DockerError(DockerErrc::kProtocol, 200, "ping at " + endpoint_.url + ": no API-Version header");
    const auto server = parse_version(it->second);
    if (server < parse_version(kClientMinApi))
      throw DockerError(DockerErrc::kProtocol, 200,
                        "daemon at " + endpoint_.url + " speaks API " + it->second + ", older than " + kClientMinApi);
    api_version_ = server < parse_version(kClientMaxApi) ? it->second : kClientMaxApi;
  }
  return api_version_;
}

std::string DockerClient::versioned(const std::string& path) {
  if (api_version_.empty()) ping();
  return "/v" + api_version_ + path;
}

json DockerClient::info() {
  Response r = request("GET", versioned("/info"), "", Retry::kIdempotent);
  if (r.status != 200) fail("info", r);
  return json::parse(r.body);
}

std::string DockerClient::create_container(const ContainerConfig& config) {
  json body = {{"Image", config.image}, {"Labels", config.labels}};
  if (!config.cmd.empty()) body["Cmd"] = config.cmd;
  json host = {{"RestartPolicy", {{"Name", "no"}}}};
  if (config.cpus > 0) host["NanoCpus"] = static_cast<std::int64_t>(config.cpus * 1e9);
  if (config.memory_bytes > 0) host["Memory"] = config.memory_bytes;
  body["HostConfig"] = host;
  std::string path = "/containers/create";
  if (!config.name.empty()) path += "?name=" + url_escape(config.name);
  Response r = request("POST", versioned(path), body.dump(), Retry::kOnlyIfNotSent);
  if (r.status == 404) fail("create " + config.name + ": image " + config.image + " missing", r);
  if (r.status != 201) fail("create " + config.name, r);
  try {
    return json::parse(r.body).at("Id").get<std::string>();
  } catch (const json::exception& e) {
    throw DockerError(DockerErrc::kProtocol, 201, "create at " + endpoint_.url + ": unreadable answer: " + e.what());
  }
}

void DockerClient::start_container(const std::string& id) {
  Response r = request("POST", versioned("/containers/" + id + "/start"), "", Retry::kOnlyIfNotSent);
  if (r.status != 204 && r.status != 304) fail("start " + id.substr(0, 12), r);
}

void DockerClient::stop_container(const std::string& id, int grace_seconds) {
  // The daemon answers only once the container is down: allow it the grace period on top.
  const auto saved = options_.request_timeout;
  options_.request_timeout += std::chrono::seconds(grace_seconds);
  Response r;
  try {
    r = request("POST", versioned("/containers/" + id + "/stop?t=" + std::to_string(grace_seconds)), "",
                Retry::kIdempotent);
  } catch (...) {
    options_.request_timeout = saved;
    throw;
  }
  options_.request_timeout = saved;
  if (r.status != 204 && r.status != 304) fail("stop " + id.substr(0, 12), r);
}

bool DockerClient::remove_container(const std::string& id, bool force) {
  Response r = request("DELETE", versioned("/containers/" + id + (force ? "?force=1" : "")), "", Retry::kIdempotent);
  if (r.status == 404) return false;
  if (r.status != 204) fail("remove " + id.substr(0, 12), r);
  return true;
}

std::vector<ContainerSummary> DockerClient::list_containers(const std::vector<std::string>& labels, bool all) {
  Response r = request("GET", versioned(std::string("/containers/json?all=") + (all ? "1" : "0") +
                                        "&filters=" + label_filter(labels, false)),
                       "", Retry::kIdempotent);
  if (r.status != 200) fail("list containers", r);
  std::vector<ContainerSummary> out;
  try {
    for (const json& j : json::parse(r.body)) {
      ContainerSummary s;
      s.id = j.at("Id").get<std::string>();
      if (j.contains("Names") && !j["Names"].empty()) {
        s.name = j["Names"][0].get<std::string>();
        if (!s.name.empty() && s.name[0] == '/') s.name.erase(0, 1);
      }
      s.image = j.value("Image", "");
      s.state = j.value("State", "");
      s.status = j.value("Status", "");
      s.created = j.value("Created", std::int64_t{0});
      if (j.contains("Labels") && j["Labels"].is_object())
        for (auto& [k, v] : j["Labels"].items()) s.labels[k] = v.get<std::string>();
      out.push_back(std::move(s));
    }
  } catch (const json::exception& e) {
    throw DockerError(DockerErrc::kProtocol, 200, "list at " + endpoint_.url + ": unreadable answer: " + e.what());
  }
  return out;
}

std::vector<ContainerEvent> DockerClient::events(double since, double until, const std::vector<std::string>& labels) {
  char range[96];
  std::snprintf(range, sizeof range, "since=%.9f&until=%.9f", since, until);
  Response r = request("GET", versioned(std::string("/events?") + range + "&filters=" + label_filter(labels, true)),
                       "", Retry::kIdempotent);
  if (r.status != 200) fail("events", r);
  std::vector<ContainerEvent> out;
  std::size_t start = 0;
  while (start < r.body.size()) {
    std::size_t end = r.body.find('\n', start);
    if (end == std::string::npos) end = r.body.size();
    if (end > start) out.push_back(parse_event(json::parse(r.body.substr(start, end - start))));
    start = end + 1;
  }
  return out;
}

void DockerClient::stream_events(const std::vector<std::string>& labels,
                                 const std::function<bool(const ContainerEvent&)>& on_event,
                                 std::chrono::milliseconds idle_timeout, const std::function<bool()>& keep_going) {
  const std::string path = versioned("/events?filters=" + label_filter(labels, true));
  CURL* c = static_cast<CURL*>(handle(true));
  struct Sink {
    std::string buffer;
    const std::function<bool(const ContainerEvent&)>* on_event;
    bool stop = false;
  } sink{{}, &on_event};
  auto write = +[](char* data, size_t size, size_t n, void* user) -> size_t {
    auto* s = static_cast<Sink*>(user);
    s->buffer.append(data, size * n);
    std::size_t nl;
    while ((nl = s->buffer.find('\n')) != std::string::npos) {
      const std::string line = s->buffer.substr(0, nl);
      s->buffer.erase(0, nl + 1);
      if (line.empty()) continue;
      try {
        if (!(*s->on_event)(parse_event(json::parse(line)))) {
          s->stop = true;
          return 0;  // aborts the transfer
        }
      } catch (const json::exception&) {
      }
    }
    return size * n;
  };
  const std::string url = base_url_ + path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  // Idle for longer than this: give control back so the caller can check whether it should stop.
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, std::max(1L, static_cast<long>(idle_timeout.count() / 1000)));
  // libcurl's progress callback runs about once a second even on a silent stream: the way to hear
  // a stop request without waiting for the idle timeout.
  auto progress = +[](void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> int {
    const auto* f = static_cast<const std::function<bool()>*>(user);
    return (*f && !(*f)()) ? 1 : 0;
  };
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &keep_going);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  const CURLcode rc = curl_easy_perform(c);
  if (sink.stop || rc == CURLE_OK || rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_ABORTED_BY_CALLBACK) return;
  throw DockerError(rc == CURLE_COULDNT_CONNECT ? DockerErrc::kUnreachable : DockerErrc::kServerError, 0,
                    "event stream at " + endpoint_.url + ": " + curl_easy_strerror(rc));
}

}  // namespace drydock::live
