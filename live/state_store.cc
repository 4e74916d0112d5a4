#include "live/state_store.h"

#include <sqlite3.h>

#include <stdexcept>

#include "live/service_json.h"

namespace drydock::live {
namespace {

struct Statement {
  sqlite3_stmt* s = nullptr;
  Statement(sqlite3* db, const char* sql, const std::string& path) {
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(path + ": " + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(s); }
};

}  // namespace

StateStore::StateStore(const std::string& path) : path_(path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    const std::string err = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open state database " + path + ": " + err);
  }
  sqlite3_busy_timeout(db_, 2000);
  // WAL + synchronous=NORMAL: each change is one fsync-free commit that survives a manager crash.
  exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
       "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
       "CREATE TABLE IF NOT EXISTS services (name TEXT PRIMARY KEY, spec TEXT NOT NULL);");
}

StateStore::~StateStore() { sqlite3_close(db_); }

void StateStore::exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string message = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error("state database " + path_ + ": " + message);
  }
}

std::uint64_t StateStore::next_generation() {
  exec("INSERT INTO meta(key, value) VALUES('generation', '1') "
       "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;");
  Statement st(db_, "SELECT value FROM meta WHERE key = 'generation'", path_);
  if (sqlite3_step(st.s) != SQLITE_ROW) throw std::runtime_error(path_ + ": generation counter missing");
  return std::stoull(reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0)));
}

void StateStore::put_service(const LiveService& service) {
  Statement st(db_, "INSERT INTO services(name, spec) VALUES(?, ?) ON CONFLICT(name) DO UPDATE SET spec = excluded.spec",
               path_);
  const std::string spec = to_json(service).dump();
  sqlite3_bind_text(st.s, 1, service.spec.name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 2, spec.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st.s) != SQLITE_DONE) throw std::runtime_error(path_ + ": " + sqlite3_errmsg(db_));
}

void StateStore::remove_service(const std::string& name) {
  Statement st(db_, "DELETE FROM services WHERE name = ?", path_);
  sqlite3_bind_text(st.s, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st.s) != SQLITE_DONE) throw std::runtime_error(path_ + ": " + sqlite3_errmsg(db_));
}

std::vector<LiveService> StateStore::services() {
  Statement st(db_, "SELECT name, spec FROM services ORDER BY name", path_);
  std::vector<LiveService> out;
  while (sqlite3_step(st.s) == SQLITE_ROW) {
    const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0));
    try {
      out.push_back(service_from_json(nlohmann::json::parse(reinterpret_cast<const char*>(sqlite3_column_text(st.s, 1)))));
    } catch (const std::exception& e) {
      throw std::runtime_error(path_ + ": service '" + name + "': " + e.what());
    }
  }
  return out;
}

}  // namespace drydock::live
