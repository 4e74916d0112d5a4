#include "traces/google_generator.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <queue>
#include <stdexcept>
#include <vector>

namespace drydock::traces {

namespace {

constexpr double kWindowStart = 600;  // the real trace's window starts at 600 s
constexpr int kUsers = 1000;

// SplitMix64: tiny, fast, and the same sequence on every platform (std:: distributions are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double exponential(double mean) { return -mean * std::log1p(-uniform()); }

 private:
  std::uint64_t s_;
};

// One output table, gzip (level 1: generation must not be slower than reading) or plain.
class Output {
 public:
  Output(const std::string& path, bool gzip) : path_(path) {
    if (gzip) gz_ = gzopen(path.c_str(), "wb1");
    else file_ = std::fopen(path.c_str(), "wb");
    if (!gz_ && !file_) throw std::runtime_error(path + ": cannot create");
    buf_.reserve(1 << 20);
  }
  ~Output() { close(); }
  void line(const char* text, int n) {
    buf_.append(text, static_cast<std::size_t>(n));
    if (buf_.size() >= (1 << 20) - 512) flush();
  }
  void close() {
    flush();
    if (gz_ && gzclose(gz_) != Z_OK) {
      gz_ = nullptr;
      throw std::runtime_error(path_ + ": write failed");
    }
    if (file_ && std::fclose(file_) != 0) {
      file_ = nullptr;
      throw std::runtime_error(path_ + ": write failed");
    }
    gz_ = nullptr;
    file_ = nullptr;
  }

 private:
  void flush() {
    if (buf_.empty()) return;
    bool ok = gz_ ? gzwrite(gz_, buf_.data(), static_cast<unsigned>(buf_.size())) == static_cast<int>(buf_.size())
                  : std::fwrite(buf_.data(), 1, buf_.size(), file_) == buf_.size();
    if (!ok) throw std::runtime_error(path_ + ": write failed");
    buf_.clear();
  }
  std::string path_;
  gzFile gz_ = nullptr;
  std::FILE* file_ = nullptr;
  std::string buf_;
};

std::int64_t micros(double seconds) { return static_cast<std::int64_t>(std::llround(seconds * 1e6)); }

struct MachineRow {
  double time;
  std::int64_t id;
  int type;  // 0 ADD, 1 REMOVE
  int shape;
};

struct TaskRow {
  double time;
  std::uint64_t seq;  // ties keep generation order (a SCHEDULE never precedes its SUBMIT)
  std::int64_t job;
  std::int32_t index;
  std::int64_t machine;  // -1 = empty
  int type;
  int user, cls, prio;
  double cpu, mem;
};
struct TaskLater {
  bool operator()(const TaskRow& a, const TaskRow& b) const {
    return a.time != b.time ? a.time > b.time : a.seq > b.seq;
  }
};

double mean_of_quantiles(const std::vector<double>& q) {
  double s = 0;
  const int steps = 1000;
  for (int i = 0; i < steps; ++i) s += std::max(1.0, std::round(sample_quantiles(q, (i + 0.5) / steps)));
  return s / steps;
}

}  // namespace

GeneratorResult generate_google2011(const GoogleGeneratorConfig& c, const std::string& dir) {
  namespace fs = std::filesystem;
  if (c.hosts <= 0) throw std::runtime_error("hosts must be positive");
  if (!(c.hours > 0)) throw std::runtime_error("hours must be positive");
  const GoogleMix& mix = c.mix;
  if (mix.machine_shapes.empty() || (mix.task_shapes.empty() && mix.other_cpu.empty()))
    throw std::runtime_error("the mix has no machine or task shapes");
  fs::create_directories(fs::path(dir) / "machine_events");
  fs::create_directories(fs::path(dir) / "task_events");
  const char* ext = c.gzip ? ".csv.gz" : ".csv";
  GeneratorResult r;
  r.machine_events_path = (fs::path(dir) / "machine_events" / (std::string("part-00000-of-00001") + ext)).string();
  r.task_events_path = (fs::path(dir) / "task_events" / (std::string("part-00000-of-00001") + ext)).string();
  const double end = kWindowStart + c.hours * 3600.0;
  char line[256];

  // Machines: every host at time 0 (like the real table), then churn. Separate generators per table so
  // that changing the task load does not change the machines.
  {
    Rng rng(c.seed * 2 + 1);
    std::vector<double> weights;
    for (const auto& s : mix.machine_shapes) weights.push_back(s.weight);
    std::vector<MachineRow> rows;
    for (std::int64_t h = 0; h < c.hosts; ++h) {
      int shape = static_cast<int>(sample_weights(weights, rng.uniform()));
      rows.push_back({0, h + 1, 0, shape});
      if (!c.machine_churn || mix.machine_removes_per_day <= 0) continue;
      double mean_gap = 86400.0 / mix.machine_removes_per_day;
      for (double t = kWindowStart + rng.exponential(mean_gap); t < end; t += rng.exponential(mean_gap)) {
        rows.push_back({t, h + 1, 1, shape});
        t += std::max(1.0, sample_quantiles(mix.machine_downtime, rng.uniform()));
        if (t >= end) break;
        rows.push_back({t, h + 1, 0, shape});
      }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const MachineRow& a, const MachineRow& b) {
      return a.time != b.time ? a.time < b.time : a.id < b.id;
    });
    Output out(r.machine_events_path, c.gzip);
    for (const auto& m : rows) {
      const auto& s = mix.machine_shapes[m.shape];
      int n = std::snprintf(line, sizeof line, "%lld,%lld,%d,p%d,%.4g,%.4g\n", static_cast<long long>(micros(m.time)),
                            static_cast<long long>(m.id), m.type, m.shape, s.cpu, s.memory);
      out.line(line, n);
    }
    out.close();
    r.machine_rows = rows.size();
  }

  // Tasks: jobs arrive as a Poisson process; their later events wait in a heap until their time comes.
  Rng rng(c.seed * 2 + 2);
  double per_hour = c.tasks_per_hour >= 0 ? c.tasks_per_hour : mix.submits_per_machine_hour * static_cast<double>(c.hosts);
  double job_rate = per_hour / mean_of_quantiles(mix.tasks_per_job) / 3600.0;  // jobs per second
  std::vector<double> shape_w, prio_w = mix.priority_weights, cls_w = mix.class_weights;
  double top = 0;
  for (const auto& s : mix.task_shapes) {
    shape_w.push_back(s.weight);
    top += s.weight;
  }
  shape_w.push_back(std::max(0.0, 1.0 - top));  // the last slot: draw from the marginals
  const double ends[4] = {mix.finish, mix.kill, mix.fail, mix.evict};
  const int end_type[4] = {4, 5, 3, 2};
  std::vector<double> end_w(ends, ends + 4);

  Output out(r.task_events_path, c.gzip);
  std::priority_queue<TaskRow, std::vector<TaskRow>, TaskLater> later;
  std::uint64_t seq = 0;
  auto write = [&](const TaskRow& t) {
    char machine[24] = "";
    if (t.machine >= 0) std::snprintf(machine, sizeof machine, "%lld", static_cast<long long>(t.machine));
    int n = std::snprintf(line, sizeof line, "%lld,,%lld,%d,%s,%d,u%d,%d,%d,%.4g,%.4g,,0\n",
                          static_cast<long long>(micros(t.time)), static_cast<long long>(t.job), t.index, machine,
                          t.type, t.user, t.cls, t.prio, t.cpu, t.mem);
    out.line(line, n);
    ++r.task_rows;
  };
  auto flush_until = [&](double t) {
    while (!later.empty() && later.top().time <= t) {
      write(later.top());
      later.pop();
    }
  };
  std::int64_t job_id = 1;
  for (double t = kWindowStart + (job_rate > 0 ? rng.exponential(1 / job_rate) : end); t < end;
       t += rng.exponential(1 / job_rate), ++job_id) {
    flush_until(t);
    TaskRow base{};
    base.time = t;
    base.job = job_id;
    base.machine = -1;
    base.type = 0;
    base.user = static_cast<int>(rng.next() % kUsers);
    base.cls = static_cast<int>(sample_weights(cls_w, rng.uniform()));
    base.prio = static_cast<int>(sample_weights(prio_w, rng.uniform()));
    std::size_t shape = sample_weights(shape_w, rng.uniform());
    if (shape < mix.task_shapes.size()) {
      base.cpu = mix.task_shapes[shape].cpu;
      base.mem = mix.task_shapes[shape].memory;
    } else {
      base.cpu = sample_quantiles(mix.other_cpu, rng.uniform());
      base.mem = sample_quantiles(mix.other_memory, rng.uniform());
    }
    int tasks = std::max(1, static_cast<int>(std::lround(sample_quantiles(mix.tasks_per_job, rng.uniform()))));
    ++r.jobs;
    for (int i = 0; i < tasks; ++i) {
      TaskRow submit = base;
      submit.index = i;
      submit.seq = seq++;
      write(submit);  // at time t: nothing in the heap is earlier (flushed above)
      ++r.tasks;
      TaskRow sched = submit;
      sched.type = 1;
      sched.time = t + std::max(0.0, sample_quantiles(mix.schedule_delay, rng.uniform()));
      sched.machine = 1 + static_cast<std::int64_t>(rng.next() % static_cast<std::uint64_t>(c.hosts));
      sched.seq = seq++;
      if (sched.time >= end) continue;  // still pending when the window closes
      later.push(sched);
      TaskRow fin = sched;
      fin.type = end_type[sample_weights(end_w, rng.uniform())];
      fin.time = sched.time + std::max(0.0, sample_quantiles(mix.duration, rng.uniform()) * c.duration_scale);
      fin.seq = seq++;
      if (fin.time < end) later.push(fin);
    }
  }
  flush_until(kNever);
  out.close();
  return r;
}

}  // namespace drydock::traces
