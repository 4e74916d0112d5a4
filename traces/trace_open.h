// Opening a trace by name: the format from `--format` or from the path, one or several files, or a
// directory holding a whole trace. This is what `drydock trace stats` and a replay call.
//
//   google2011  DIR (machine_events/ and task_events/ shards) or files whose path names the table
//   alibaba2018 DIR or machine_meta / container_meta / batch_task / batch_instance files
//   openb       node list and/or pod list CSV files (the header says which)
//   azure       vmtable files
//   swf         *.swf[.gz] files
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "traces/trace_reader.h"

namespace drydock::traces {

enum class TraceFormat { kGoogle2011, kAlibaba2018, kOpenb, kAzure, kSwf };

std::string_view to_string(TraceFormat f);
std::optional<TraceFormat> parse_trace_format(std::string_view name);
// The format a path suggests (its name or, for a directory, what it contains); nullopt when unclear.
std::optional<TraceFormat> detect_trace_format(const std::string& path);

// One stream over all `paths`, in time order. With several inputs of different tables (a machine table
// and a task table) the streams are merged; several shards of one table are read in the order given.
// `sort` loads everything and sorts it (for unsorted inputs, see ParseStats::out_of_order).
// Throws std::runtime_error when the format cannot be determined or a path cannot be opened.
std::unique_ptr<TraceReader> open_trace(const std::vector<std::string>& paths,
                                        std::optional<TraceFormat> format = std::nullopt,
                                        ReaderOptions options = {}, bool sort = false);

}  // namespace drydock::traces
