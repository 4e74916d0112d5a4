// The pull API every trace format implements: `while (reader.next(ev)) ...`.
//
// A reader is a time-ordered stream of TraceEvents. It never loads a whole trace: memory is one input
// block plus the events a row announced for later (a task's finish time), held in a small heap.
#pragma once

#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "traces/line_reader.h"
#include "traces/parse_error.h"
#include "traces/trace_event.h"
#include "traces/trace_units.h"

namespace drydock::traces {

struct ReaderOptions {
  ErrorPolicy policy = ErrorPolicy::kLenient;
  TraceUnits units;
};

class TraceReader {
 public:
  virtual ~TraceReader() = default;

  // The next event in time order; false at the end. Throws TraceError on an unreadable input, and on the
  // first corrupt row in strict mode.
  bool next(TraceEvent& out) {
    if (!read(out)) return false;
    ++own_.events;
    if (out.time < last_time_) ++own_.out_of_order;  // counted, never hidden: see ParseStats
    else last_time_ = out.time;
    return true;
  }

  // What was read so far (final once next() returned false).
  virtual ParseStats stats() const { return own_; }

 protected:
  virtual bool read(TraceEvent& out) = 0;
  ParseStats own_;

 private:
  Time last_time_ = -kNever;
};

// Base of every line-oriented format. A subclass parses one line into zero or more events with emit();
// an event later than its row's first one (a finish time) waits in a heap until no later row can come
// before it. That is exact when the file is sorted by each row's first event time, which every supported
// table is (Google by time, SWF by submit time, ...); when it is not, ParseStats::out_of_order says so.
class LineTraceReader : public TraceReader {
 protected:
  LineTraceReader(ShardedLines lines, ReaderOptions options)
      : lines_(std::move(lines)), options_(std::move(options)) {}

  // Parses one line. Returns false for a line that is not data (a header or a comment). Throws BadRow
  // (traces/row.h) for a corrupt line; the base then reports it with file and line.
  virtual bool parse_line(std::string_view line) = 0;
  // Called once at the end of the input, for formats that emit something then (none need it yet).
  virtual void finish_input() {}

  void emit(const TraceEvent& ev) { row_events_.push_back(ev); }
  const ReaderOptions& options() const { return options_; }
  const ShardedLines& lines() const { return lines_; }

 public:
  ParseStats stats() const override {
    ParseStats s = own_;
    s.bytes = lines_.bytes();
    s.lines = lines_read_;
    return s;
  }

 private:
  bool read(TraceEvent& out) final;

  struct Later {
    bool operator()(const std::pair<TraceEvent, std::uint64_t>& a,
                    const std::pair<TraceEvent, std::uint64_t>& b) const {
      return a.first.time != b.first.time ? a.first.time > b.first.time : a.second > b.second;
    }
  };

  ShardedLines lines_;
  ReaderOptions options_;
  std::vector<TraceEvent> row_events_;
  std::priority_queue<std::pair<TraceEvent, std::uint64_t>, std::vector<std::pair<TraceEvent, std::uint64_t>>,
                      Later>
      pending_;
  std::uint64_t seq_ = 0;          // ties in time keep emit order
  Time watermark_ = -kNever;       // no later row can produce an event before this
  bool input_done_ = false;
  std::uint64_t lines_read_ = 0;
};

}  // namespace drydock::traces
