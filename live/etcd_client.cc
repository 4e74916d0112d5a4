#include "live/etcd_client.h"

#include <curl/curl.h>

#include <memory>

namespace drydock::live {
namespace {

using nlohmann::json;

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

std::int64_t as_int(const json& j, const char* field) {
  if (!j.contains(field)) return 0;  // the gateway leaves zero values out
  const json& v = j.at(field);
  return v.is_string() ? std::stoll(v.get<std::string>()) : v.get<std::int64_t>();
}

// The key just after every key that starts with `prefix`: etcd's range_end for a prefix.
std::string prefix_end(std::string prefix) {
  while (!prefix.empty()) {
    if (static_cast<unsigned char>(prefix.back()) < 0xff) {
      prefix.back() = static_cast<char>(prefix.back() + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return std::string(1, '\0');
}

}  // namespace

std::string base64_encode(const std::string& data) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                       static_cast<unsigned char>(data[i + 2]);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], kAlphabet[v & 63]};
  }
  if (i + 1 == data.size()) {
    const unsigned v = static_cast<unsigned char>(data[i]) << 16;
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == data.size()) {
    const unsigned v = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
  }
  return out;
}

std::string base64_decode(const std::string& text) {
  std::string out;
  unsigned v = 0;
  int bits = 0;
  for (char c : text) {
    const char* at = std::char_traits<char>::find(kAlphabet, 64, c);
    if (!at) continue;  // '=' padding
    v = (v << 6) | static_cast<unsigned>(at - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xff);
    }
  }
  return out;
}

EtcdKeyValue etcd_key_value_from_json(const json& kv) {
  EtcdKeyValue out;
  out.key = base64_decode(kv.value("key", ""));
  out.value = base64_decode(kv.value("value", ""));
  out.create_revision = as_int(kv, "create_revision");
  out.mod_revision = as_int(kv, "mod_revision");
  out.lease = as_int(kv, "lease");
  return out;
}

std::vector<std::string> parse_etcd_url(const std::string& url) {
  const std::string scheme = "etcd://";
  if (url.rfind(scheme, 0) != 0) throw std::invalid_argument("--store " + url + ": expected etcd://HOST:PORT[,HOST:PORT...]");
  std::vector<std::string> out;
  std::size_t start = scheme.size();
  while (start <= url.size()) {
    std::size_t comma = url.find(',', start);
    if (comma == std::string::npos) comma = url.size();
    const std::string member = url.substr(start, comma - start);
    const auto colon = member.rfind(':');
    if (member.empty() || colon == std::string::npos || colon == 0 || colon + 1 == member.size() ||
        member.find_first_not_of("0123456789", colon + 1) != std::string::npos)
      throw std::invalid_argument("--store " + url + ": member '" + member + "' is not HOST:PORT");
    out.push_back("http://" + member);
    start = comma + 1;
  }
  return out;
}

EtcdClient::EtcdClient(std::vector<std::string> endpoints, long timeout_ms)
    : endpoints_(std::move(endpoints)), timeout_ms_(timeout_ms) {
  if (endpoints_.empty()) throw std::invalid_argument("etcd: no endpoint");
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

json EtcdClient::post(const std::string& path, const json& body) {
  std::size_t first;
  {
    std::lock_guard lock(mu_);
    first = preferred_;
  }
  const std::string payload = body.dump();
  std::string errors;
  for (std::size_t k = 0; k < endpoints_.size(); ++k) {
    const std::size_t i = (first + k) % endpoints_.size();
    std::unique_ptr<CURL, void (*)(CURL*)> c(curl_easy_init(), curl_easy_cleanup);
    std::string answer;
    const std::string url = endpoints_[i] + path;
    curl_easy_setopt(c.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(c.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, payload.c_str());
    curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
    curl_easy_setopt(c.get(), CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms_, 1000L));
    curl_easy_setopt(c.get(), CURLOPT_TIMEOUT_MS, timeout_ms_);
    curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c.get(), CURLOPT_WRITEDATA, &answer);
    const CURLcode rc = curl_easy_perform(c.get());
    long status = 0;
    curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &status);
    if (rc == CURLE_OK && status == 200) {
      std::lock_guard lock(mu_);
      preferred_ = i;
      try {
        return json::parse(answer);
      } catch (const json::exception& e) {
        throw EtcdError("etcd " + url + ": unreadable answer: " + e.what());
      }
    }
    // An answer that is an error (a member without quorum says so) counts as that member failing.
    errors += "; " + endpoints_[i] + ": " + (rc != CURLE_OK ? curl_easy_strerror(rc) : "HTTP " + std::to_string(status) + " " + answer.substr(0, 200));
  }
  throw EtcdError("no etcd member answers " + path + errors);
}

std::optional<EtcdKeyValue> EtcdClient::get(const std::string& key) {
  const json r = post("/v3/kv/range", {{"key", base64_encode(key)}});
  if (!r.contains("kvs") || r["kvs"].empty()) return std::nullopt;
  return etcd_key_value_from_json(r["kvs"][0]);
}

std::vector<EtcdKeyValue> EtcdClient::get_prefix(const std::string& prefix) {
  const json r = post("/v3/kv/range", {{"key", base64_encode(prefix)}, {"range_end", base64_encode(prefix_end(prefix))}});
  std::vector<EtcdKeyValue> out;
  if (r.contains("kvs"))
    for (const json& kv : r["kvs"]) out.push_back(etcd_key_value_from_json(kv));
  return out;
}

EtcdClient::TxnResult EtcdClient::txn(const json& compare, const json& success, const json& failure) {
  json body = {{"compare", compare}, {"success", success}};
  if (!failure.is_null()) body["failure"] = failure;
  const json r = post("/v3/kv/txn", body);
  return {r.value("succeeded", false), r.value("responses", json::array())};
}

json EtcdClient::compare_create_revision(const std::string& key, std::int64_t revision) {
  return {{"target", "CREATE"}, {"result", "EQUAL"}, {"key", base64_encode(key)}, {"create_revision", std::to_string(revision)}};
}
json EtcdClient::compare_mod_revision(const std::string& key, std::int64_t revision) {
  return {{"target", "MOD"}, {"result", "EQUAL"}, {"key", base64_encode(key)}, {"mod_revision", std::to_string(revision)}};
}
json EtcdClient::put_op(const std::string& key, const std::string& value, std::int64_t lease) {
  json put = {{"key", base64_encode(key)}, {"value", base64_encode(value)}};
  if (lease) put["lease"] = std::to_string(lease);
  return {{"request_put", put}};
}
json EtcdClient::delete_op(const std::string& key) { return {{"request_delete_range", {{"key", base64_encode(key)}}}}; }
json EtcdClient::range_op(const std::string& key) { return {{"request_range", {{"key", base64_encode(key)}}}}; }

std::int64_t EtcdClient::grant(int ttl_seconds) {
  const json r = post("/v3/lease/grant", {{"TTL", std::to_string(ttl_seconds)}});
  const std::int64_t id = as_int(r, "ID");
  if (!id) throw EtcdError("etcd: lease grant refused: " + r.dump());
  return id;
}

std::int64_t EtcdClient::keep_alive(std::int64_t lease) {
  const json r = post("/v3/lease/keepalive", {{"ID", std::to_string(lease)}});
  return r.contains("result") ? as_int(r["result"], "TTL") : 0;
}

void EtcdClient::revoke(std::int64_t lease) {
  try {
    post("/v3/lease/revoke", {{"ID", std::to_string(lease)}});
  } catch (const EtcdError&) {
  }
}

}  // namespace drydock::live
