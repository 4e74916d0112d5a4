// The manager's persistent state in SQLite: the desired services (what `service create/scale/update/rm`
// asked for) and the generation counter that tells one manager run's containers from the last one's.
// Observed state is never stored: on restart it is read back from the daemons (labels).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "live/live_runtime.h"

struct sqlite3;

namespace drydock::live {

// Where a manager keeps the desired state: SQLite here (one manager), etcd in live/etcd_store.h
// (several managers, the leader's writes fenced by its lease).
class DesiredStore {
 public:
  virtual ~DesiredStore() = default;
  virtual std::uint64_t next_generation() = 0;  // increments the stored counter and returns the new value
  virtual void put_service(const LiveService& service) = 0;
  virtual void remove_service(const std::string& name) = 0;
  virtual std::vector<LiveService> services() = 0;
};

class StateStore : public DesiredStore {
 public:
  explicit StateStore(const std::string& path);  // throws std::runtime_error naming the file
  ~StateStore() override;
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  std::uint64_t next_generation() override;
  void put_service(const LiveService& service) override;
  void remove_service(const std::string& name) override;
  std::vector<LiveService> services() override;

 private:
  void exec(const std::string& sql);
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace drydock::live
