#include "cli/sweep_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

namespace fs = std::filesystem;

namespace drydock::cli {
namespace {

volatile sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

// Installs the handler without SA_RESTART so that waitpid() returns on a signal, and restores the
// previous handlers when the sweep ends.
class SignalGuard {
 public:
  SignalGuard() {
    g_stop = 0;
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~SignalGuard() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {}, old_term_ {};
};

pid_t spawn(const SweepJob& job, const std::string& partial) {
  fs::remove_all(partial);
  fs::create_directories(partial);
  const std::string log = partial + "/run.log";
  std::vector<std::string> args{"drydock"};
  args.insert(args.end(), job.args.begin(), job.args.end());
  args.push_back("--out");
  args.push_back(partial);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    // The child: default signal handling (the parent decides when to stop it), output to its log.
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    execv("/proc/self/exe", argv.data());
    std::fprintf(stderr, "drydock: exec /proc/self/exe: %s\n", std::strerror(errno));
    _exit(127);
  }
  return pid;
}

std::string tail(const std::string& path, std::size_t lines) {
  std::ifstream in(path);
  std::vector<std::string> all;
  for (std::string l; std::getline(in, l);) all.push_back(l);
  std::string out;
  for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) out += "    " + all[i] + "\n";
  return out;
}

class Progress {
 public:
  Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled), tty_(isatty(STDERR_FILENO)) {}

  void update(std::size_t done, std::size_t running, std::size_t failed) {
    if (!enabled_ || total_ == 0) return;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    if (!tty_) {
      // A log file gets one line per tenth of the sweep, not a line per run.
      const std::size_t decile = done * 10 / total_;
      if (decile == last_decile_ && done != total_) return;
      last_decile_ = decile;
      std::fprintf(stderr, "drydock compare: %zu/%zu runs, %zu failed, %.1f s\n", done, total_, failed, elapsed);
      return;
    }
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(kWidth * done / total_);
    char eta[32] = "";
    if (done > 0 && done < total_) std::snprintf(eta, sizeof eta, ", ~%.0f s left", elapsed / done * (total_ - done));
    std::fprintf(stderr, "\r[%.*s%.*s] %zu/%zu runs, %zu running, %zu failed, %.1f s%s   ", filled,
                 "##############################", kWidth - filled, "..............................", done, total_,
                 running, failed, elapsed, eta);
    if (done == total_) std::fputc('\n', stderr);
    std::fflush(stderr);
  }
  void finish_line() {
    if (enabled_ && tty_) std::fputc('\n', stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::size_t total_;
  bool enabled_, tty_;
  std::size_t last_decile_ = static_cast<std::size_t>(-1);
  Clock::time_point start_ = Clock::now();
};

}  // namespace

RunnerResult run_sweep_jobs(const std::vector<SweepJob>& jobs, const RunnerOptions& options) {
  RunnerResult result;
  SignalGuard guard;
  Progress progress(jobs.size(), options.progress);
  std::map<pid_t, const SweepJob*> running;
  std::size_t next = 0;
  progress.update(0, 0, 0);
  while (next < jobs.size() || !running.empty()) {
    while (!g_stop && next < jobs.size() && static_cast<int>(running.size()) < std::max(1, options.jobs)) {
      const SweepJob& job = jobs[next++];
      running[spawn(job, job.dir + ".partial")] = &job;
    }
    if (g_stop) break;
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;  // a signal: the loop checks g_stop
      throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    }
    auto it = running.find(pid);
    if (it == running.end()) continue;
    const SweepJob& job = *it->second;
    running.erase(it);
    const std::string partial = job.dir + ".partial";
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      fs::remove_all(job.dir);  // an unfinished leftover of an older sweep, if any
      fs::rename(partial, job.dir);
      fs::remove_all(job.dir + ".failed");
      ++result.finished;
    } else {
      const std::string failed = job.dir + ".failed";
      fs::remove_all(failed);
      fs::rename(partial, failed);
      result.failed.push_back(job.label);
      progress.finish_line();
      std::fprintf(stderr, "drydock compare: %s failed (%s %d); last lines of %s/run.log:\n%s", job.label.c_str(),
                   WIFEXITED(status) ? "exit status" : "signal",
                   WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), failed.c_str(),
                   tail(failed + "/run.log", 5).c_str());
    }
    progress.update(result.finished + result.failed.size(), running.size(), result.failed.size());
  }
  if (g_stop) {
    // Interrupted: stop the runs in flight and remove what they half wrote; finished runs stay.
    result.interrupted = true;
    for (const auto& [pid, job] : running) kill(pid, SIGTERM);
    for (const auto& [pid, job] : running) {
      int status = 0;
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      fs::remove_all(job->dir + ".partial");
    }
    progress.finish_line();
  }
  return result;
}

}  // namespace drydock::cli
