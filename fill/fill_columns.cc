#include "fill/fill_columns.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace drydock::fill {

double python_round(double x, int digits) {
  // printf's %.*f rounds the exact binary value in the current (round-to-nearest-even) mode, which is
  // what CPython's correctly rounded round(x, n) does.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return std::strtod(buf, nullptr);
}

std::vector<FillColumn> reduce_columns(std::span<const FillEvent> events, std::int64_t capacity_milli, int last_column) {
  const double cap = static_cast<double>(capacity_milli);
  struct Sums {
    double alloc = 0, frag = 0, ratio = 0;
    std::size_t rows = 0;
  };
  std::vector<Sums> by_x(static_cast<std::size_t>(last_column) + 2);
  for (const FillEvent& e : events) {
    const double x = std::nearbyint(100.0 * static_cast<double>(e.arrived_milli) / cap);
    if (x < 0 || x > last_column + 1) continue;
    Sums& s = by_x[static_cast<std::size_t>(x)];
    s.alloc += python_round(100.0 * static_cast<double>(e.used_milli) / cap, 2);
    s.frag += e.fragment_milli;
    s.ratio += e.idle_milli > 0 ? 100.0 * e.fragment_milli / static_cast<double>(e.idle_milli) : 0.0;
    ++s.rows;
  }
  std::vector<FillColumn> out;
  for (int c = 0; c <= last_column; ++c) {
    Sums s = by_x[c];
    if (s.rows == 0)
      for (int d : {c - 1, c + 1}) {
        if (d < 0) continue;
        const Sums& o = by_x[d];
        s.alloc += o.alloc;
        s.frag += o.frag;
        s.ratio += o.ratio;
        s.rows += o.rows;
      }
    FillColumn col;
    col.arrived_pct = c;
    if (s.rows > 0) {
      const double n = static_cast<double>(s.rows);
      col.empty = false;
      col.gpu_alloc_pct = python_round(s.alloc / n, 2);
      col.frag_pct = python_round(100.0 * (s.frag / n) / 1000.0 / (cap / 1000.0), 2);
      col.frag_ratio_pct = s.ratio / n;
    }
    out.push_back(col);
  }
  return out;
}

}  // namespace drydock::fill
