// Google cluster-data 2011 (clusterdata-2011-2): machine_events and task_events.
//
// Schema and quirks (../shared/traces/README.md, schema.csv): no header; times are int64 microseconds
// where 0 means "before the trace window" and 2^63-1 "after it"; ids exceed 2^32; CPU and memory are
// normalised to the largest machine and scaled here by TraceUnits::google_*; some rows leave the
// capacity or request fields empty (resources_known = false then). Tables are sharded
// (part-00000-of-00500, ...) and read in the order given, which must be the shard order.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "traces/row.h"
#include "traces/trace_reader.h"

namespace drydock::traces {

// Google's microseconds to seconds; 2^63-1 ("after the window") becomes kNever.
Time google_time(std::int64_t micros);

// machine_events: time, machine ID, event type (0 ADD, 1 REMOVE, 2 UPDATE), platform ID, CPUs, memory.
class GoogleMachineEventsReader : public LineTraceReader {
 public:
  GoogleMachineEventsReader(std::vector<std::string> shards, ReaderOptions options = {});
  GoogleMachineEventsReader(std::string_view text, std::string name, ReaderOptions options = {});

 protected:
  bool parse_line(std::string_view line) override;

 private:
  Row row_;
};

// task_events: time, missing info, job ID, task index, machine ID, event type (0 SUBMIT, 1 SCHEDULE,
// 2 EVICT, 3 FAIL, 4 FINISH, 5 KILL, 6 LOST, 7 UPDATE_PENDING, 8 UPDATE_RUNNING), user, scheduling class,
// priority, CPU request, memory request, disk request, different-machines restriction.
class GoogleTaskEventsReader : public LineTraceReader {
 public:
  GoogleTaskEventsReader(std::vector<std::string> shards, ReaderOptions options = {});
  GoogleTaskEventsReader(std::string_view text, std::string name, ReaderOptions options = {});

 protected:
  bool parse_line(std::string_view line) override;

 private:
  Row row_;
  std::string last_user_copy_;  // the same user repeats on consecutive rows: skip rehashing it
  std::uint64_t last_user_hash_ = 0;
};

// The shards of `table` ("machine_events", "task_events") under a trace directory, in shard order:
// DIR/table/part-*.csv[.gz]. Empty when there are none.
std::vector<std::string> google_shards(const std::string& dir, const std::string& table);

// A whole trace directory as one stream: machine_events merged with task_events by time (machine
// events first at equal times, so a task never lands on a machine that is added in the same instant).
std::unique_ptr<TraceReader> open_google2011_dir(const std::string& dir, ReaderOptions options = {});

}  // namespace drydock::traces
