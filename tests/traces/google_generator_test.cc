// The synthetic generator: deterministic, readable by the real reader, and faithful to its mix.
#include "traces/google_generator.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/traces/test_support.h"
#include "traces/google2011.h"
#include "traces/trace_open.h"

namespace drydock::traces {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

GoogleGeneratorConfig small() {
  GoogleGeneratorConfig c;
  c.hosts = 200;
  c.hours = 6;
  c.tasks_per_hour = 3000;
  c.seed = 7;
  c.gzip = false;
  return c;
}

TEST(GoogleGenerator, SameSeedSameBytesOtherSeedOtherBytes) {
  testing::ScratchDir a, b, c;
  auto cfg = small();
  auto ra = generate_google2011(cfg, a.path());
  auto rb = generate_google2011(cfg, b.path());
  EXPECT_EQ(slurp(ra.task_events_path), slurp(rb.task_events_path));
  EXPECT_EQ(slurp(ra.machine_events_path), slurp(rb.machine_events_path));
  cfg.seed = 8;
  auto rc = generate_google2011(cfg, c.path());
  EXPECT_NE(slurp(ra.task_events_path), slurp(rc.task_events_path));
}

TEST(GoogleGenerator, OutputReadsBackCleanlyAndInOrder) {
  testing::ScratchDir dir;
  auto cfg = small();
  cfg.gzip = true;
  auto res = generate_google2011(cfg, dir.path());
  ReaderOptions strict;
  strict.policy = ErrorPolicy::kStrict;
  auto r = open_trace({dir.path()}, TraceFormat::kGoogle2011, strict);
  auto evs = testing::read_all(*r);
  auto s = r->stats();
  EXPECT_EQ(s.corrupt, 0u);
  EXPECT_EQ(s.out_of_order, 0u);
  EXPECT_EQ(s.rows, res.machine_rows + res.task_rows);
  auto counts = testing::count_kinds(evs);
  EXPECT_EQ(counts[TraceEventKind::kMachineAdd] - counts[TraceEventKind::kMachineRemove], 200u - 0u)
      << "every removed machine comes back within the window or stays removed: adds - removes <= hosts";
  EXPECT_EQ(counts[TraceEventKind::kTaskSubmit], res.tasks);
  // ~3000 tasks per hour for 6 hours; Poisson job arrivals with heavy-tailed job sizes: a wide band.
  EXPECT_GT(res.tasks, 9000u);
  EXPECT_LT(res.tasks, 36000u);
  // Every task that ends was scheduled first; none ends twice.
  std::map<std::pair<std::int64_t, int>, int> state;
  bool ok = true;
  for (const auto& e : evs) {
    auto key = std::make_pair(e.job_id, e.task_index);
    if (e.kind == TraceEventKind::kTaskSubmit) ok = ok && state[key]++ == 0;
    else if (e.kind == TraceEventKind::kTaskSchedule) ok = ok && state[key]++ == 1;
    else if (is_task_end(e.kind)) ok = ok && state[key]++ == 2;
  }
  EXPECT_TRUE(ok);
}

TEST(GoogleGenerator, ReproducesItsMix) {
  testing::ScratchDir dir;
  auto cfg = small();
  cfg.hours = 24;
  cfg.hosts = 1000;
  cfg.tasks_per_hour = -1;  // the mix's own rate: 2.68 per machine-hour
  generate_google2011(cfg, dir.path());
  auto fitted = fit_google_mix(google_shards(dir.path(), "machine_events"), google_shards(dir.path(), "task_events"));
  const GoogleMix& want = cfg.mix;
  // Shape frequencies are per task and tasks come in jobs that share a shape, so agreement is loose.
  EXPECT_NEAR(fitted.machine_shapes[0].weight, want.machine_shapes[0].weight, 0.05);
  EXPECT_NEAR(fitted.finish, want.finish, 0.03);
  EXPECT_NEAR(fitted.kill, want.kill, 0.03);
  EXPECT_NEAR(fitted.duration[10], want.duration[10], want.duration[10] * 0.15);  // the median
  EXPECT_NEAR(fitted.submits_per_machine_hour, want.submits_per_machine_hour, want.submits_per_machine_hour * 0.35);
  EXPECT_NEAR(fitted.machine_removes_per_day, want.machine_removes_per_day, want.machine_removes_per_day * 0.5);
}

TEST(GoogleGenerator, RejectsNonsense) {
  testing::ScratchDir dir;
  auto cfg = small();
  cfg.hosts = 0;
  EXPECT_THROW(generate_google2011(cfg, dir.path()), std::runtime_error);
}

}  // namespace
}  // namespace drydock::traces
