// A synthetic trace in the Google 2011 format, at any scale, so scale experiments need no download.
//
// It writes DIR/machine_events/part-00000-of-00001.csv[.gz] and DIR/task_events/part-00000-of-00001.csv[.gz]
// exactly as the real tables look (no header, microseconds, normalised sizes printed to 4 significant
// digits), so the same readers, `trace stats` and a replay take it unchanged. The mix (request shapes,
// priorities, tasks per job, delays, durations, how tasks end, machine shapes and churn) comes from a
// GoogleMix, by default the one measured on the real sample (traces/google_mix.h).
//
// What it does not model, stated: no time-0 snapshot of already running tasks (the cluster starts empty
// at the window start, 600 s); an EVICTED task is not resubmitted; SCHEDULE names a machine drawn
// uniformly from the cluster (the trace's placement, which a replay ignores, not a feasible one); all
// tasks of a job share one request shape, priority and class, as most real jobs do.
#pragma once

#include <cstdint>
#include <string>

#include "traces/google_mix.h"

namespace drydock::traces {

struct GoogleGeneratorConfig {
  std::int64_t hosts = 1000;
  double hours = 24;
  double tasks_per_hour = -1;   // new tasks per hour for the whole cluster; -1: the mix's per-machine rate
  double duration_scale = 1;    // multiplies the mix's durations (the sample's are biased short)
  bool machine_churn = true;    // machines fail (REMOVE) and come back (ADD) at the mix's rate
  std::uint64_t seed = 1;
  bool gzip = true;
  GoogleMix mix = google2011_sample_mix();
};

struct GeneratorResult {
  std::string machine_events_path, task_events_path;
  std::uint64_t machine_rows = 0, task_rows = 0, jobs = 0, tasks = 0;
};

// Writes the two tables under `dir` (created if missing). Same config and seed: byte-identical files.
// Throws std::runtime_error on an I/O error.
GeneratorResult generate_google2011(const GoogleGeneratorConfig& config, const std::string& dir);

}  // namespace drydock::traces
