// Trace parsing throughput (issue 3's goal: >= 200 MB/s of uncompressed Google task_events on one core).
//
// Input: task_events shard 0 of ../shared/traces (48 MB unpacked, 450,146 rows), decompressed into memory
// once, so the figure is the parser's and not the disk's. Variants: the drydock reader from memory, the
// same from a plain file in /tmp (page cache: adds the read syscalls), from the .gz (adds inflate: rows/s),
// and fast-cpp-csv-parser splitting the same text with the same number conversions, the reference the
// hand-written splitter was measured against. Skips with a message when ../shared/traces is absent.
#define CSV_IO_NO_THREAD  // fccp's read-ahead thread would use a second core; the goal is one core
#include <benchmark/benchmark.h>
#include <libfccp/csv.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "traces/google2011.h"
#include "traces/google_generator.h"
#include "traces/row.h"

namespace {

using namespace drydock::traces;

std::string shard_gz() {
  const char* env = std::getenv("DRYDOCK_TRACES");
  std::filesystem::path root = env ? std::filesystem::path(env)
                                   : std::filesystem::path(DRYDOCK_REPO_DIR) / ".." / "shared" / "traces";
  return (root / "google2011" / "task_events" / "part-00000-of-00500.csv.gz").string();
}

// The uncompressed shard, read once per process.
const std::string& shard_text() {
  static const std::string text = [] {
    std::string out;
    gzFile f = gzopen(shard_gz().c_str(), "rb");
    if (!f) return out;
    char buf[1 << 16];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    gzclose(f);
    return out;
  }();
  return text;
}

std::uint64_t drain(TraceReader& r, benchmark::State& state) {
  TraceEvent ev;
  std::uint64_t n = 0;
  double sink = 0;
  while (r.next(ev)) {
    sink += ev.resources.cpu;
    ++n;
  }
  benchmark::DoNotOptimize(sink);
  if (r.stats().corrupt != 0) state.SkipWithError("corrupt rows in the real shard");
  return n;
}

void BM_GoogleTaskEvents_Memory(benchmark::State& state) {
  const std::string& text = shard_text();
  if (text.empty()) return state.SkipWithError("../shared/traces task_events shard not found");
  std::uint64_t rows = 0;
  for (auto _ : state) {
    GoogleTaskEventsReader r(text, "shard0");
    rows += drain(r, state);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(text.size() * state.iterations()));
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GoogleTaskEvents_Memory)->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_GoogleTaskEvents_PlainFile(benchmark::State& state) {
  const std::string& text = shard_text();
  if (text.empty()) return state.SkipWithError("../shared/traces task_events shard not found");
  std::string path = (std::filesystem::temp_directory_path() / "drydock-bench-task_events.csv").string();
  std::ofstream(path, std::ios::binary) << text;
  std::uint64_t rows = 0;
  for (auto _ : state) {
    GoogleTaskEventsReader r(std::vector<std::string>{path});
    rows += drain(r, state);
  }
  std::filesystem::remove(path);
  state.SetBytesProcessed(static_cast<std::int64_t>(text.size() * state.iterations()));
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GoogleTaskEvents_PlainFile)->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_GoogleTaskEvents_Gzip(benchmark::State& state) {
  std::string path = shard_gz();
  if (!std::filesystem::exists(path)) return state.SkipWithError("../shared/traces task_events shard not found");
  std::uint64_t rows = 0;
  for (auto _ : state) {
    GoogleTaskEventsReader r(std::vector<std::string>{path});
    rows += drain(r, state);
  }
  // Bytes are uncompressed bytes, as for the plain variants; rows/s is the figure for .gz input.
  state.SetBytesProcessed(static_cast<std::int64_t>(shard_text().size() * state.iterations()));
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GoogleTaskEvents_Gzip)->Unit(benchmark::kMillisecond)->MinTime(3);

// fast-cpp-csv-parser on the same text: its splitter, then the conversions drydock's reader does.
void BM_GoogleTaskEvents_Fccp(benchmark::State& state) {
  const std::string& text = shard_text();
  if (text.empty()) return state.SkipWithError("../shared/traces task_events shard not found");
  std::uint64_t rows = 0;
  for (auto _ : state) {
    io::CSVReader<13, io::trim_chars<>, io::no_quote_escape<','>> in("shard0", text.data(), text.data() + text.size());
    char* f[13] = {};
    double sink = 0;
    while (in.read_row(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12])) {
      std::int64_t time, job, index, machine = -1, type, cls = -1, prio;
      double cpu = 0, mem = 0, disk = 0;
      bool ok = parse_int64(f[0], time) && parse_int64(f[2], job) && parse_int64(f[3], index) &&
                (!*f[4] || parse_int64(f[4], machine)) && parse_int64(f[5], type) &&
                (!*f[7] || parse_int64(f[7], cls)) && parse_int64(f[8], prio) && (!*f[9] || parse_double(f[9], cpu)) &&
                (!*f[10] || parse_double(f[10], mem)) && (!*f[11] || parse_double(f[11], disk));
      if (!ok) state.SkipWithError("fccp row did not convert");
      sink += cpu + mem + static_cast<double>(time + job + index + machine + type + cls + prio) +
              static_cast<double>(stable_hash(f[6]));
      ++rows;
    }
    benchmark::DoNotOptimize(sink);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(text.size() * state.iterations()));
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GoogleTaskEvents_Fccp)->Unit(benchmark::kMillisecond)->MinTime(3);

// The synthetic generator: rows written per second (gzip level 1), 1,000 hosts for one hour.
void BM_GenerateGoogle(benchmark::State& state) {
  std::string dir = (std::filesystem::temp_directory_path() / "drydock-bench-generate").string();
  GoogleGeneratorConfig c;
  c.hosts = 1000;
  c.hours = 1;
  c.tasks_per_hour = static_cast<double>(state.range(0));
  std::uint64_t rows = 0;
  for (auto _ : state) rows += generate_google2011(c, dir).task_rows;
  std::filesystem::remove_all(dir);
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GenerateGoogle)->Arg(200000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
