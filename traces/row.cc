#include "traces/row.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace drydock::traces {

bool parse_int64(std::string_view s, std::int64_t& out) {
  if (s.empty()) return false;
  const char* b = s.data();
  if (*b == '+') ++b;  // from_chars rejects '+', which some exporters write
  auto r = std::from_chars(b, s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool parse_double(std::string_view s, double& out) {
  if (s.empty()) return false;
  const char* b = s.data();
  if (*b == '+') ++b;
  auto r = std::from_chars(b, s.data() + s.size(), out, std::chars_format::general);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(out);
}

std::optional<std::int64_t> trailing_number(std::string_view id) {
  std::size_t i = id.size();
  while (i > 0 && id[i - 1] >= '0' && id[i - 1] <= '9') --i;
  if (i == id.size()) return std::nullopt;
  std::int64_t v = 0;
  if (!parse_int64(id.substr(i), v)) return std::nullopt;
  return v;
}

void Row::split(std::string_view line, char sep) {
  stored_ = total_ = 0;
  const char* p = line.data();
  const char* end = p + line.size();
  for (;;) {
    const char* q = static_cast<const char*>(std::memchr(p, sep, static_cast<std::size_t>(end - p)));
    const char* e = q ? q : end;
    if (stored_ < kMaxFields) f_[stored_++] = std::string_view(p, static_cast<std::size_t>(e - p));
    ++total_;
    if (!q) break;
    p = q + 1;
  }
}

void Row::split_whitespace(std::string_view line) {
  stored_ = total_ = 0;
  std::size_t i = 0, n = line.size();
  for (;;) {
    while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= n) break;
    std::size_t j = i;
    while (j < n && line[j] != ' ' && line[j] != '\t') ++j;
    if (stored_ < kMaxFields) f_[stored_++] = line.substr(i, j - i);
    ++total_;
    i = j;
  }
}

void Row::fail(std::size_t i, std::string_view expected) const {
  std::string msg = "field " + std::to_string(i + 1);
  if (i < name_count_) msg += std::string(" (") + names_[i] + ")";
  std::string_view t = text(i);
  if (t.size() > 40) t = t.substr(0, 40);  // keep messages one line long even for garbage input
  msg += ": expected " + std::string(expected) + ", got '" + std::string(t) + "'";
  throw BadRow(msg);
}

void Row::expect_fields(std::size_t n) const {
  if (total_ != n) throw BadRow("expected " + std::to_string(n) + " fields, got " + std::to_string(total_));
}

void Row::expect_at_least(std::size_t n) const {
  if (total_ < n)
    throw BadRow("expected at least " + std::to_string(n) + " fields, got " + std::to_string(total_));
}

std::int64_t Row::integer(std::size_t i) const {
  std::int64_t v;
  if (!parse_int64(text(i), v)) fail(i, "an integer");
  return v;
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (empty(i)) return std::nullopt;
  return integer(i);
}

double Row::number(std::size_t i) const {
  double v;
  if (!parse_double(text(i), v)) fail(i, "a finite number");
  return v;
}

std::optional<double> Row::opt_number(std::size_t i) const {
  if (empty(i)) return std::nullopt;
  return number(i);
}

std::string_view Row::required(std::size_t i) const {
  if (empty(i)) fail(i, "a value");
  return text(i);
}

}  // namespace drydock::traces
