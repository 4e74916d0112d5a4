#include "workloads/units.h"

#include <cctype>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace drydock {
namespace {

// Splits "12.5GiB" into 12.5 and "GiB"; rejects a missing or malformed number.
std::pair<double, std::string> split(const std::string& text, const char* what) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    throw std::invalid_argument("expected " + std::string(what) + ", got '" + text + "'");
  }
  std::string unit = text.substr(used);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.front()))) unit.erase(0, 1);
  if (!std::isfinite(value)) throw std::invalid_argument("expected a finite " + std::string(what) + ", got '" + text + "'");
  return {value, unit};
}

}  // namespace

double parse_seconds(const std::string& text) {
  auto [v, unit] = split(text, "a duration such as 5s or 100ms");
  if (unit.empty() || unit == "s") return v;
  if (unit == "ms") return v / 1e3;
  if (unit == "us") return v / 1e6;
  if (unit == "m" || unit == "min") return v * 60;
  if (unit == "h") return v * 3600;
  if (unit == "d") return v * 86400;
  throw std::invalid_argument("unknown time unit '" + unit + "' in '" + text + "' (use us, ms, s, m, h, d)");
}

double parse_bytes(const std::string& text) {
  auto [v, unit] = split(text, "a size such as 512MiB or 300MB");
  struct U {
    const char* name;
    double factor;
  };
  static const U units[] = {{"", 1},           {"B", 1},           {"KB", 1e3},         {"MB", 1e6},
                            {"GB", 1e9},       {"TB", 1e12},       {"KiB", 1024.0},     {"MiB", 1048576.0},
                            {"GiB", 1073741824.0}, {"TiB", 1099511627776.0}};
  for (const auto& u : units)
    if (unit == u.name) return v * u.factor;
  throw std::invalid_argument("unknown size unit '" + unit + "' in '" + text + "' (use B, KB, MB, GB, KiB, MiB, GiB)");
}

double parse_memory(const std::string& text) {
  const double bytes = parse_bytes(text);
  auto [v, unit] = split(text, "a size such as 32GiB or 512MiB");
  if (unit.empty() && v != 0)
    throw std::invalid_argument("'" + text + "' has no unit (it would be " + text +
                                " bytes); write it with one, such as " + text + "GiB or " + text + "MiB");
  return bytes;
}

double parse_bytes_per_second(const std::string& text) {
  auto [v, unit] = split(text, "a bandwidth such as 1Gbps or 125MBps");
  struct U {
    const char* name;
    double factor;  // to bytes per second
  };
  static const U units[] = {{"", 1},        {"Bps", 1},       {"KBps", 1e3},   {"MBps", 1e6},   {"GBps", 1e9},
                            {"bps", 1 / 8.0}, {"Kbps", 1e3 / 8}, {"Mbps", 1e6 / 8}, {"Gbps", 1e9 / 8}};
  for (const auto& u : units)
    if (unit == u.name) return v * u.factor;
  throw std::invalid_argument("unknown bandwidth unit '" + unit + "' in '" + text + "' (use Gbps, Mbps, MBps, Bps)");
}

}  // namespace drydock
