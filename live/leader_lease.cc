#include "live/leader_lease.h"

#include <thread>

namespace drydock::live {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

LeaderLease::LeaderLease(EtcdClient& etcd, std::string key, std::string identity, int ttl_seconds)
    : etcd_(etcd), key_(std::move(key)), identity_(std::move(identity)), ttl_(ttl_seconds) {}

bool LeaderLease::campaign(const std::atomic<bool>& stop) {
  while (!stop) {
    try {
      const auto sent = Clock::now();
      const std::int64_t lease = etcd_.grant(ttl_);
      const auto r = etcd_.txn(json::array({EtcdClient::compare_create_revision(key_, 0)}),
                               json::array({EtcdClient::put_op(key_, identity_, lease)}));
      if (r.succeeded) {
        const auto kv = etcd_.get(key_);
        if (kv && kv->lease == lease) {
          std::lock_guard lock(mu_);
          lease_ = lease;
          create_revision_ = kv->create_revision;
          valid_until_ = sent + std::chrono::milliseconds(ttl_ * 1000 - 500);
          return true;
        }
      }
      etcd_.revoke(lease);
    } catch (const EtcdError&) {
      // etcd without quorum or unreachable: keep trying, nobody leads meanwhile.
    }
    for (int i = 0; i < 5 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

bool LeaderLease::renew() {
  std::int64_t lease;
  {
    std::lock_guard lock(mu_);
    lease = lease_;
  }
  if (!lease) return false;
  const auto sent = Clock::now();
  try {
    if (etcd_.keep_alive(lease) <= 0) return false;
  } catch (const EtcdError&) {
    return held();  // a missed renewal is not yet a lost lead; the local deadline decides
  }
  std::lock_guard lock(mu_);
  valid_until_ = sent + std::chrono::milliseconds(ttl_ * 1000 - 500);
  return true;
}

bool LeaderLease::held() const {
  std::lock_guard lock(mu_);
  return lease_ != 0 && Clock::now() < valid_until_;
}

void LeaderLease::resign() {
  std::int64_t lease;
  {
    std::lock_guard lock(mu_);
    lease = lease_;
    lease_ = 0;
    create_revision_ = 0;
  }
  if (lease) etcd_.revoke(lease);
}

std::optional<std::string> LeaderLease::leader() {
  const auto kv = etcd_.get(key_);
  if (!kv) return std::nullopt;
  return kv->value;
}

}  // namespace drydock::live
