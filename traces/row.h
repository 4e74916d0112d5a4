// One split row and the typed access every reader needs, with errors that name the field.
//
// The happy path is a memchr-style split and std::from_chars: no allocation, no locale. Any failure
// throws BadRow with "field N (name): expected ..., got '...'"; the reader adds file and line and lets
// the ErrorPolicy decide (traces/parse_error.h). Exceptions are fine here because corrupt rows are rare.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace drydock::traces {

struct BadRow : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Row {
 public:
  static constexpr std::size_t kMaxFields = 32;

  // `names[i]` names field i in messages; `count` names are given (more fields may be present).
  Row(const char* const* names, std::size_t count) : names_(names), name_count_(count) {}

  // Splits on `sep`; no quoting (none of the supported formats quotes its fields).
  void split(std::string_view line, char sep);
  // Splits on runs of spaces and tabs, ignoring leading and trailing blanks (SWF).
  void split_whitespace(std::string_view line);

  std::size_t size() const { return total_; }  // fields in the line, even beyond kMaxFields
  void expect_fields(std::size_t n) const;      // exactly n
  void expect_at_least(std::size_t n) const;

  std::string_view text(std::size_t i) const { return i < stored_ ? f_[i] : std::string_view(); }
  bool empty(std::size_t i) const { return text(i).empty(); }

  std::int64_t integer(std::size_t i) const;                 // required
  std::optional<std::int64_t> opt_integer(std::size_t i) const;  // empty = nullopt
  double number(std::size_t i) const;                        // required, finite
  std::optional<double> opt_number(std::size_t i) const;     // empty = nullopt
  // Text that must not be empty.
  std::string_view required(std::size_t i) const;

  [[noreturn]] void fail(std::size_t i, std::string_view expected) const;

 private:
  std::string_view f_[kMaxFields];
  std::size_t stored_ = 0, total_ = 0;
  const char* const* names_;
  std::size_t name_count_;
};

// Strict number parsing of a whole string (no blanks, no trailing garbage, finite doubles only).
bool parse_int64(std::string_view s, std::int64_t& out);
bool parse_double(std::string_view s, double& out);

// The decimal digits at the end of an id such as "m_1932", "j_17" or "openb-node-0042"; nullopt when
// there are none or they overflow.
std::optional<std::int64_t> trailing_number(std::string_view id);

}  // namespace drydock::traces
