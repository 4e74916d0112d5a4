// The live runtime: the same ControlPlane the simulator drives, driven in wall time against real Docker
// Engines.
//
//   probes (ping + list, per host)  ─► Heartbeat, HostReport, ReplicaExited ─►  ControlPlane
//   worker threads (create/start,   ◄─ StartReplica, StopReplica            ◄─  step(now)
//   stop/remove, per host)          ─► ReplicaStarted / ReplicaStopped / ReplicaExited(start failed)
//
// One loop thread owns the control plane and every map below: it runs the one driver (control/driver.h),
// for which this class is the Runtime; host agents do the I/O and post their results back to it as
// closures, which the driver's poll runs. Time is seconds since start() on a steady clock.
//
// Containers carry labels: drydock.cluster (whose they are), drydock.service, drydock.replica and
// drydock.generation (which manager run made them). A container of an earlier generation is re-adopted
// when the control plane places a replica of its service on its host, so a restarted manager takes
// over what runs instead of duplicating it; what is left unclaimed once nothing is pending is removed.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "control/control_plane.h"
#include "control/detector_factory.h"
#include "control/driver.h"
#include "model/event.h"
#include "model/sample.h"
#include "live/host_agent.h"
#include "live/hosts_file.h"

namespace drydock::live {

struct LiveConfig {
  std::string cluster = "drydock";  // value of the drydock.cluster label; one manager per value
  std::uint64_t generation = 1;      // bump on every manager start (the manager keeps it in SQLite)
  AgentConfig agent;
  ControlConfig control;
  double sample_period = 1.0;        // timeseries sampling
  int stop_grace = 2;                // seconds a container gets between SIGTERM and SIGKILL
  double first_probe_wait = 5.0;     // start() waits this long at most for every host's first answer
  // Operational messages that are not events of the run (a host stopped answering, a stop failed).
  std::function<void(const std::string&)> diagnostics;
  bool hold_unclaimed = false;  // see release_unclaimed()
  // Called with the wall time of every loop step (control plane step and dispatch), on the loop thread.
  std::function<void(double seconds)> step_observer;
  // Asked before every decision and every container change: a manager on etcd acts only while its
  // lease holds (live/leader_lease.h), so that a deposed leader that wakes up does nothing. Unset: always.
  std::function<bool()> may_act;
};

// Live mode needs a command line on top of the control plane's ServiceSpec.
struct LiveService {
  ServiceSpec spec;
  std::vector<std::string> cmd;
};

struct HostView {
  std::string name, endpoint, health, api_version, last_error;
  bool reachable = false;
  int replicas = 0;
  Resources capacity, allocated;
};
struct ServiceView {
  LiveService service;
  int running = 0;
  int starting = 0;
  int stopping = 0;  // stop issued, container not yet confirmed gone
};
struct ReplicaView {
  std::string name, service, host, state, container;
  double since = 0;
};

class LiveRuntime : private Runtime {
 public:
  LiveRuntime(std::vector<LiveHost> hosts, std::unique_ptr<Scheduler> scheduler, LiveConfig config);
  ~LiveRuntime();
  LiveRuntime(const LiveRuntime&) = delete;
  LiveRuntime& operator=(const LiveRuntime&) = delete;

  // Starts the agents and the loop; returns once every host answered (or failed) its first probe, so
  // that the first placements see every live host rather than whichever answered first.
  void start();
  void stop();
  double now() const override;

  // Thread-safe; each runs on the loop thread and returns once applied.
  void apply(const LiveService& service);
  bool scale(const std::string& name, int replicas);  // false: no such service
  bool remove(const std::string& name);
  std::vector<ServiceView> services();
  std::vector<ReplicaView> replicas(const std::string& service = {});
  std::vector<HostView> hosts();
  void record(Event event);  // an event from outside the loop (an injected fault)
  // Ground truth of an injected fault, as the simulator records it: host_failed, and for a crash an
  // exited row ("host failed") for every replica that ran there, all at one instant.
  void host_failed(const std::string& host, bool hang);
  std::vector<Event> events();
  // Until this is called, containers of an earlier generation are kept for adoption even when no
  // service wants them: the manager calls it once the stored services are applied. A runtime built
  // with hold_unclaimed = false reaps from the start.
  void release_unclaimed();
  // Running containers of an earlier generation not adopted yet, of one service, counted by image.
  std::map<std::string, int> unclaimed_images(const std::string& service);
  std::vector<Sample> samples();  // timeseries.csv rows, the same metrics as the simulator's
  std::string detector_description();
  // Polls `done` on the loop thread until it holds or `timeout` seconds pass.
  bool wait_until(const std::function<bool(const ControlPlane&)>& done, double timeout);
  // Runs `f` on the loop thread (tests and the scenario runner read the control plane this way).
  void with_control_plane(const std::function<void(const ControlPlane&)>& f);

 private:
  struct Tracked {  // a replica the runtime made (or adopted) a container for
    HostId host;
    ServiceId service;
    std::string container;  // empty while the create is in flight
    double started_at = 0;  // loop time its start was confirmed
    bool stop_requested = false;
    bool stopping = false;
    bool exit_logged = false;  // its exit is already in the log (it died with its host)
  };
  struct HostInfo {
    bool probed = false, reachable = false;
    std::string api_version, last_error;
    std::vector<ContainerSummary> unclaimed;  // an earlier generation's running containers here
  };

  void post(std::function<void()> f);
  template <class R>
  R on_loop(std::function<R()> f);
  void loop();
  // The driver's Runtime: the inbox's closures are the observations, actions go to the host agents,
  // the ground truth is the containers this runtime started and knows to be there.
  void poll(Time now, const Deliver& deliver) override;
  void execute(const Action& action, Time now) override;
  GroundTruth ground_truth() const override;
  void wait_until(Time t) override;
  Time next_input() const override { return now() + 0.5; }  // a clock step never stalls the loop
  bool stop_requested() const override;
  bool after_instant(Time now, bool last) override;  // reports the instant's work to step_observer
  void diag(const std::string& message);
  void log(EventKind kind, ServiceId service, ReplicaId replica, HostId host, std::string detail);
  std::string service_name(ServiceId s) const;

  void dispatch_start(const act::StartReplica& a, double t);
  void dispatch_stop(const act::StopReplica& a, double t);
  bool try_adopt(const act::StartReplica& a, double t);
  void on_started(ReplicaId r, HostId h, std::string container, std::string error);
  void on_stopped(ReplicaId r, HostId h, std::string error);
  void on_probe(HostId h, ProbeResult result);
  void on_die(HostId h, const ContainerEvent& event);
  void reap_unclaimed(HostId h);
  void remove_container(HostId h, const std::string& id, const std::string& why);
  void forget(ReplicaId r);

  LiveConfig config_;
  std::vector<LiveHost> hosts_;
  std::unique_ptr<ControlPlane> cp_;
  std::vector<std::unique_ptr<HostAgent>> agents_;
  std::chrono::steady_clock::time_point t0_;
  std::chrono::steady_clock::time_point instant_began_;  // end of the instant's poll: steps start

  // Loop thread state.
  std::map<ReplicaId, Tracked> tracked_;
  std::map<std::string, ReplicaId> by_container_;
  std::vector<HostInfo> info_;
  std::map<std::string, LiveService> specs_;  // by service name: the command lines
  std::vector<Event> log_;
  std::vector<Sample> samples_;
  std::set<std::string> removing_;  // container ids with a remove in flight: submitted once
  bool reaping_ = true;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> inbox_;
  bool stopping_ = false;
  bool running_ = false;
  int probed_ = 0;
  std::condition_variable probed_cv_;
  std::thread loop_thread_;
};

}  // namespace drydock::live
