#include "live/etcd_store.h"

#include "live/service_json.h"

namespace drydock::live {

using nlohmann::json;

std::string etcd_prefix(const std::string& cluster) { return "/drydock/" + cluster + "/"; }

EtcdStore::EtcdStore(EtcdClient& etcd, const std::string& cluster, std::int64_t fence_revision)
    : etcd_(etcd), prefix_(etcd_prefix(cluster)), fence_(fence_revision) {}

void EtcdStore::fenced(const json& ops, const std::string& what) {
  const auto r = etcd_.txn(json::array({EtcdClient::compare_create_revision(prefix_ + "leader", fence_)}), ops);
  if (!r.succeeded)
    throw NotLeaderError("this manager no longer leads (its etcd lease expired and another manager took over): " +
                         what + " refused, nothing changed; send it again (a standby forwards it to the leader)");
}

std::uint64_t EtcdStore::next_generation() {
  const std::string key = prefix_ + "generation";
  for (int attempt = 0; attempt < 20; ++attempt) {
    const auto kv = etcd_.get(key);
    const std::uint64_t next = kv ? std::stoull(kv->value) + 1 : 1;
    const json compare = json::array({EtcdClient::compare_create_revision(prefix_ + "leader", fence_),
                                      kv ? EtcdClient::compare_mod_revision(key, kv->mod_revision)
                                         : EtcdClient::compare_create_revision(key, 0)});
    if (etcd_.txn(compare, json::array({EtcdClient::put_op(key, std::to_string(next))})).succeeded) return next;
    const auto leader = etcd_.get(prefix_ + "leader");
    if (!leader || leader->create_revision != fence_) throw NotLeaderError("lost the lead before taking a generation");
  }
  throw EtcdError("etcd: generation counter kept changing under this manager");
}

void EtcdStore::put_service(const LiveService& service) {
  fenced(json::array({EtcdClient::put_op(prefix_ + "services/" + service.spec.name, to_json(service).dump())}),
         "the change of service '" + service.spec.name + "'");
}

void EtcdStore::remove_service(const std::string& name) {
  fenced(json::array({EtcdClient::delete_op(prefix_ + "services/" + name)}), "the removal of service '" + name + "'");
}

std::vector<LiveService> EtcdStore::services() {
  std::vector<LiveService> out;
  for (const EtcdKeyValue& kv : etcd_.get_prefix(prefix_ + "services/")) {
    try {
      out.push_back(service_from_json(json::parse(kv.value)));
    } catch (const std::exception& e) {
      throw std::runtime_error("etcd " + kv.key + ": " + e.what());
    }
  }
  return out;
}

}  // namespace drydock::live
