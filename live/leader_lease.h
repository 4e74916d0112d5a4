// Leader election through an etcd lease, as etcd's own concurrency/election does it: a manager
// campaigns by creating the leader key attached to a lease it keeps alive; whoever created the key
// leads until its lease expires (its process died, froze or lost etcd) or it resigns. The others wait
// for the key to go and try again. Who leads is the key's value (the leader's API URL).
//
// held() is the leader's own, conservative, view: true while the last renewal it sent is less than
// TTL - 0.5 s old on its monotonic clock. etcd's expiry is counted from when it received that renewal,
// so while held() is true no other manager can lead yet. A manager that was frozen (SIGSTOP) finds
// held() false the moment it wakes, before it could act on stale authority.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "live/etcd_client.h"

namespace drydock::live {

class LeaderLease {
 public:
  LeaderLease(EtcdClient& etcd, std::string key, std::string identity, int ttl_seconds);

  // Blocks until this manager leads (true) or `stop` is set (false). etcd errors are retried.
  bool campaign(const std::atomic<bool>& stop);
  // Renews the lease; false once leadership is lost (expired, or etcd refused).
  bool renew();
  bool held() const;
  std::int64_t fence() const { return create_revision_; }  // the leader key's create revision
  void resign();  // gives the lead up at once (revokes the lease, the key goes with it)
  std::optional<std::string> leader();  // the current leader's identity, if any
  int ttl() const { return ttl_; }

 private:
  EtcdClient& etcd_;
  std::string key_, identity_;
  int ttl_;
  std::int64_t lease_ = 0;
  std::int64_t create_revision_ = 0;
  mutable std::mutex mu_;
  std::chrono::steady_clock::time_point valid_until_{};
};

}  // namespace drydock::live
