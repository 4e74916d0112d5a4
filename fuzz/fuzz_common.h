// Shared body of the parser fuzz targets: read every event of a reader built over the fuzz input, in
// lenient and in strict mode, and check what must hold for ANY input:
// - the only exception that may escape is TraceError (a corrupt row in strict mode, a bad header);
// - every event has a time that is a number (kNever allowed), non-negative finite resources;
// - the counters add up: every data row is either parsed or counted corrupt, never lost.
// A violation aborts, which libFuzzer reports as a crash with the input that caused it.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "traces/trace_reader.h"

namespace drydock::traces::fuzz {

inline void check(bool ok) {
  if (!ok) std::abort();
}

template <typename MakeReader>
void run_both_modes(MakeReader make) {
  for (ErrorPolicy policy : {ErrorPolicy::kLenient, ErrorPolicy::kStrict}) {
    ReaderOptions options;
    options.policy = policy;
    auto reader = make(options);
    TraceEvent ev;
    std::uint64_t events = 0;
    try {
      while (reader->next(ev)) {
        ++events;
        check(!std::isnan(ev.time));
        check(std::isfinite(ev.resources.cpu) && ev.resources.cpu >= 0);
        check(std::isfinite(ev.resources.memory_mib) && ev.resources.memory_mib >= 0);
        check(std::isfinite(ev.resources.gpu) && ev.resources.gpu >= 0);
        check(ev.line >= 1);
      }
    } catch (const TraceError&) {
      continue;  // allowed: strict mode's first corrupt row, or an unreadable header
    }
    ParseStats s = reader->stats();
    check(s.events == events);
    check(s.rows + s.corrupt <= s.lines);
    if (policy == ErrorPolicy::kStrict) check(s.corrupt == 0);
    check(s.first_errors.size() == std::min<std::uint64_t>(s.corrupt, ParseStats::kMaxKeptErrors));
  }
}

}  // namespace drydock::traces::fuzz
