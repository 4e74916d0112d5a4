// Several time-ordered streams interleaved into one, by time; ties go to the earlier input, so listing
// machine events before task events puts a machine's ADD before a task scheduled on it in the same
// microsecond. Each event's `source` says which input it came from.
#pragma once

#include <memory>
#include <vector>

#include "traces/trace_reader.h"

namespace drydock::traces {

class MergedReader : public TraceReader {
 public:
  explicit MergedReader(std::vector<std::unique_ptr<TraceReader>> inputs);

  ParseStats stats() const override;  // the sum over inputs
  std::size_t inputs() const { return inputs_.size(); }

 protected:
  bool read(TraceEvent& out) override;

 private:
  std::vector<std::unique_ptr<TraceReader>> inputs_;
  std::vector<TraceEvent> head_;   // the next event of each input
  std::vector<bool> has_head_;
  bool started_ = false;
};

// Reads an entire stream into memory and returns it sorted by time (stable). For tables that are not
// sorted by start time (an Azure vmtable, a shuffled export): memory grows with the trace.
class SortingReader : public TraceReader {
 public:
  explicit SortingReader(std::unique_ptr<TraceReader> input);
  ParseStats stats() const override;

 protected:
  bool read(TraceEvent& out) override;

 private:
  std::unique_ptr<TraceReader> input_;
  std::vector<TraceEvent> events_;
  std::size_t pos_ = 0;
  bool loaded_ = false;
};

}  // namespace drydock::traces
