// Helpers of the trace tests: where the real traces are, and a scratch directory for fixtures.
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "traces/trace_reader.h"

namespace drydock::traces::testing {

// ../shared/traces relative to the repository (DRYDOCK_TRACES overrides); empty when absent.
inline std::string shared_traces() {
  if (const char* env = std::getenv("DRYDOCK_TRACES")) return env;
  std::filesystem::path p = std::filesystem::path(DRYDOCK_REPO_DIR) / ".." / "shared" / "traces";
  std::error_code ec;
  return std::filesystem::is_directory(p, ec) ? std::filesystem::canonical(p).string() : std::string();
}

// Skips the test (cleanly, with the reason) when a real trace file is not there.
#define REQUIRE_TRACE(path_var, relative)                                              \
  std::string path_var = ::drydock::traces::testing::shared_traces();                  \
  if (path_var.empty()) GTEST_SKIP() << "../shared/traces not present";                \
  path_var += "/" relative;                                                            \
  if (!std::filesystem::exists(path_var)) GTEST_SKIP() << path_var << " not present"

// A fresh directory under the system temp dir, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "drydock-traces-XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed");
    path_ = buf.data();
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  // Writes `text` to path()/name (gzip-compressed when name ends in .gz) and returns the full path.
  std::string write(const std::string& name, const std::string& text) const {
    std::filesystem::path p = std::filesystem::path(path_) / name;
    std::filesystem::create_directories(p.parent_path());
    if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) {
      gzFile f = gzopen(p.c_str(), "wb");
      gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
      gzclose(f);
    } else {
      std::ofstream(p, std::ios::binary) << text;
    }
    return p.string();
  }

 private:
  std::string path_;
};

// Drains a reader: every event in order.
inline std::vector<TraceEvent> read_all(TraceReader& r) {
  std::vector<TraceEvent> out;
  TraceEvent ev;
  while (r.next(ev)) out.push_back(ev);
  return out;
}

inline std::map<TraceEventKind, std::uint64_t> count_kinds(const std::vector<TraceEvent>& evs) {
  std::map<TraceEventKind, std::uint64_t> m;
  for (const auto& e : evs) ++m[e.kind];
  return m;
}

// Counts by kind without keeping the events (for the 450k-row shard).
inline std::map<TraceEventKind, std::uint64_t> count_kinds(TraceReader& r, std::uint64_t* unknown = nullptr) {
  std::map<TraceEventKind, std::uint64_t> m;
  TraceEvent ev;
  while (r.next(ev)) {
    ++m[ev.kind];
    if (unknown && !ev.resources_known) ++*unknown;
  }
  return m;
}

}  // namespace drydock::traces::testing
