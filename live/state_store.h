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

class StateStore {
 public:
  explicit StateStore(const std::string& path);  // throws std::runtime_error naming the file
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  std::uint64_t next_generation();  // increments the stored counter and returns the new value
  void put_service(const LiveService& service);
  void remove_service(const std::string& name);
  std::vector<LiveService> services();

 private:
  void exec(const std::string& sql);
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace drydock::live
