// How a reader reports a corrupt line: counted and reported with file and line, never silently dropped.
//
// In lenient mode (the default) a corrupt line is skipped, counted in ParseStats and its first few
// messages kept; in strict mode the reader throws TraceError at the first one. Either way the message
// names the file, the 1-based line and the field: "task_events.csv:17: field 6 (event type): '9x' ...".
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace drydock::traces {

enum class ErrorPolicy { kLenient, kStrict };

class TraceError : public std::runtime_error {
 public:
  TraceError(std::string file, std::uint64_t line, std::string what);
  const std::string& file() const { return file_; }
  std::uint64_t line() const { return line_; }

 private:
  std::string file_;
  std::uint64_t line_;
};

struct ParseStats {
  std::uint64_t lines = 0;          // physical lines read, including comments and headers
  std::uint64_t rows = 0;           // data rows parsed into events
  std::uint64_t events = 0;         // events produced (a row may give several, e.g. submit and finish)
  std::uint64_t bytes = 0;          // uncompressed bytes read
  std::uint64_t corrupt = 0;        // rows skipped as corrupt (lenient mode)
  std::uint64_t out_of_order = 0;   // events earlier than one already returned (input not time-sorted)
  std::vector<std::string> first_errors;  // the first kMaxKeptErrors messages, "file:line: ..."

  static constexpr std::size_t kMaxKeptErrors = 20;
  void add(const ParseStats& o);
};

// Records one corrupt line per the policy: throws in strict mode, counts and keeps it otherwise.
void report_corrupt(ErrorPolicy policy, ParseStats& stats, const std::string& file, std::uint64_t line,
                    const std::string& message);

}  // namespace drydock::traces
