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
  // Kahan-compensated sums, as pandas' grouped mean computes them.
  struct Kahan {
    double sum = 0, c = 0;
    void add(double v) {
      const double y = v - c;
      const double t = sum + y;
      c = (t - sum) - y;
      sum = t;
    }
  };
  struct Sums {
    Kahan alloc, frag, ratio;
    std::size_t rows = 0;
  };
  std::vector<Sums> by_x(static_cast<std::size_t>(last_column) + 2);
  for (const FillEvent& e : events) {
    const double x = std::nearbyint(100.0 * static_cast<double>(e.arrived_milli) / cap);
    if (x < 0 || x > last_column + 1) continue;
    Sums& s = by_x[static_cast<std::size_t>(x)];
    s.alloc.add(python_round(100.0 * static_cast<double>(e.used_milli) / cap, 2));
    s.frag.add(e.fragment_milli);
    s.ratio.add(e.idle_milli > 0 ? 100.0 * e.fragment_milli / static_cast<double>(e.idle_milli) : 0.0);
    ++s.rows;
  }
  std::vector<FillColumn> out;
  for (int c = 0; c <= last_column; ++c) {
    Sums s = by_x[c];
    if (s.rows == 0)
      for (int d : {c - 1, c + 1}) {
        if (d < 0) continue;
        const Sums& o = by_x[d];
        s.alloc.add(o.alloc.sum);
        s.frag.add(o.frag.sum);
        s.ratio.add(o.ratio.sum);
        s.rows += o.rows;
      }
    FillColumn col;
    col.arrived_pct = c;
    if (s.rows > 0) {
      const double n = static_cast<double>(s.rows);
      col.empty = false;
      col.gpu_alloc_pct = python_round(s.alloc.sum / n, 2);
      col.frag_pct = python_round(100.0 * (s.frag.sum / n) / 1000.0 / (cap / 1000.0), 2);
      col.frag_ratio_pct = s.ratio.sum / n;
    }
    out.push_back(col);
  }
  return out;
}

}  // namespace drydock::fill
