// The desired state in etcd, for managers that share it (`drydock manager --store etcd://...`):
//   /drydock/CLUSTER/services/NAME   the service's JSON (live/service_json.h)
//   /drydock/CLUSTER/generation      the generation counter
//   /drydock/CLUSTER/leader          the leader's API URL, attached to its lease (live/leader_lease.h)
// Every write is one transaction conditioned on the leader key still being the one this manager
// created (its create revision): once its lease has expired and another manager leads, the write is
// refused with NotLeaderError and changes nothing. A deposed leader can never write.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "live/etcd_client.h"
#include "live/state_store.h"

namespace drydock::live {

class NotLeaderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string etcd_prefix(const std::string& cluster);  // "/drydock/CLUSTER/"

class EtcdStore : public DesiredStore {
 public:
  // fence_revision: the create revision of the leader key this manager holds.
  EtcdStore(EtcdClient& etcd, const std::string& cluster, std::int64_t fence_revision);

  std::uint64_t next_generation() override;
  void put_service(const LiveService& service) override;
  void remove_service(const std::string& name) override;
  std::vector<LiveService> services() override;

 private:
  void fenced(const nlohmann::json& ops, const std::string& what);
  EtcdClient& etcd_;
  std::string prefix_;
  std::int64_t fence_;
};

}  // namespace drydock::live
