#include "traces/trace_reader.h"

#include <algorithm>

#include "traces/row.h"

namespace drydock::traces {

bool LineTraceReader::read(TraceEvent& out) {
  for (;;) {
    if (!pending_.empty() && (input_done_ || pending_.top().first.time <= watermark_)) {
      out = pending_.top().first;
      pending_.pop();
      return true;
    }
    if (input_done_) return false;

    std::string_view line;
    bool got;
    try {
      got = lines_.next(line);
    } catch (const TraceError&) {
      throw;
    } catch (const std::exception& e) {  // an unreadable or truncated input cannot be skipped
      throw TraceError(lines_.file(), lines_.line_number(), e.what());
    }
    if (!got) {
      row_events_.clear();  // the last row's events were already delivered or queued
      finish_input();
      for (auto& ev : row_events_) pending_.emplace(ev, seq_++);
      row_events_.clear();
      input_done_ = true;
      continue;
    }
    ++lines_read_;
    row_events_.clear();
    bool data;
    try {
      data = parse_line(line);
    } catch (const BadRow& e) {
      row_events_.clear();  // a corrupt row contributes nothing, not half of itself
      report_corrupt(options_.policy, own_, lines_.file(), lines_.line_number(), e.what());
      continue;
    }
    if (!data) continue;
    ++own_.rows;
    if (row_events_.empty()) continue;

    std::uint64_t line_no = lines_.line_number();
    for (auto& ev : row_events_) ev.line = line_no;
    Time first = row_events_.front().time;
    for (const auto& ev : row_events_) first = std::min(first, ev.time);
    watermark_ = std::max(watermark_, first);
    // Fast path for one-event rows when nothing waits: no heap traffic (Google tables).
    if (pending_.empty() && row_events_.size() == 1) {
      out = row_events_.front();
      return true;
    }
    for (const auto& ev : row_events_) pending_.emplace(ev, seq_++);
  }
}

}  // namespace drydock::traces
