// A small client of etcd's v3 API through its HTTP/JSON gateway (POST /v3/kv/range, /v3/kv/txn,
// /v3/lease/grant, /v3/lease/keepalive, /v3/lease/revoke), over libcurl. Keys and values are plain
// strings here; the base64 the gateway wants is done inside. Several member endpoints may be given: a
// call goes to the last one that answered and fails over to the others in turn.
#pragma once

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace drydock::live {

class EtcdError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct EtcdKeyValue {
  std::string key, value;
  std::int64_t create_revision = 0;
  std::int64_t mod_revision = 0;
  std::int64_t lease = 0;
};

// "etcd://HOST:PORT[,HOST:PORT...]" -> {"http://HOST:PORT", ...}. Throws std::invalid_argument naming
// what is wrong.
std::vector<std::string> parse_etcd_url(const std::string& url);

class EtcdClient {
 public:
  explicit EtcdClient(std::vector<std::string> endpoints, long timeout_ms = 2000);

  std::optional<EtcdKeyValue> get(const std::string& key);
  std::vector<EtcdKeyValue> get_prefix(const std::string& prefix);

  // One transaction. compare: gateway Compare objects (use the helpers below); success / failure:
  // RequestOp objects. Returns whether the comparisons held and the gateway's responses.
  struct TxnResult {
    bool succeeded = false;
    nlohmann::json responses;
  };
  TxnResult txn(const nlohmann::json& compare, const nlohmann::json& success, const nlohmann::json& failure = {});
  static nlohmann::json compare_create_revision(const std::string& key, std::int64_t revision);
  static nlohmann::json compare_mod_revision(const std::string& key, std::int64_t revision);
  static nlohmann::json put_op(const std::string& key, const std::string& value, std::int64_t lease = 0);
  static nlohmann::json delete_op(const std::string& key);
  static nlohmann::json range_op(const std::string& key);

  std::int64_t grant(int ttl_seconds);       // a new lease id
  std::int64_t keep_alive(std::int64_t lease);  // the TTL left after renewal; 0 once it has expired
  void revoke(std::int64_t lease);            // best effort

  const std::vector<std::string>& endpoints() const { return endpoints_; }

 private:
  nlohmann::json post(const std::string& path, const nlohmann::json& body);
  std::vector<std::string> endpoints_;
  long timeout_ms_;
  std::mutex mu_;
  std::size_t preferred_ = 0;
};

std::string base64_encode(const std::string& data);
std::string base64_decode(const std::string& text);
EtcdKeyValue etcd_key_value_from_json(const nlohmann::json& kv);

}  // namespace drydock::live
