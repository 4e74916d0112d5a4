#include "live/live_runtime.h"

#include <algorithm>
#include <cmath>

namespace drydock::live {
namespace {

constexpr const char* kClusterLabel = "drydock.cluster";
constexpr const char* kServiceLabel = "drydock.service";
constexpr const char* kReplicaLabel = "drydock.replica";
constexpr const char* kGenerationLabel = "drydock.generation";

std::string label(const ContainerSummary& c, const char* key) {
  auto it = c.labels.find(key);
  return it == c.labels.end() ? std::string() : it->second;
}

bool is_running(const std::string& state) {
  return state == "running" || state == "paused" || state == "restarting";
}
bool has_ended(const std::string& state) { return state == "exited" || state == "dead"; }

}  // namespace

LiveRuntime::LiveRuntime(std::vector<LiveHost> hosts, std::unique_ptr<Scheduler> scheduler, LiveConfig config)
    : config_(std::move(config)), hosts_(std::move(hosts)) {
  cp_ = std::make_unique<ControlPlane>(config_.control, std::move(scheduler));
  reaping_ = !config_.hold_unclaimed;
  config_.agent.list_labels = {std::string(kClusterLabel) + "=" + config_.cluster};
  info_.resize(hosts_.size());
  t0_ = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < hosts_.size(); ++i) {
    const HostId h = cp_->register_host(hosts_[i].spec, 0);
    agents_.push_back(std::make_unique<HostAgent>(
        hosts_[i], config_.agent, [this] { return now(); },
        [this, h](ProbeResult r) { post([this, h, r = std::move(r)]() mutable { on_probe(h, std::move(r)); }); },
        [this, h](ContainerEvent e) { post([this, h, e = std::move(e)] { on_die(h, e); }); }));
  }
}

LiveRuntime::~LiveRuntime() { stop(); }

double LiveRuntime::now() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
}

void LiveRuntime::start() {
  {
    std::lock_guard lock(mu_);
    if (running_) return;
    running_ = true;
  }
  t0_ = std::chrono::steady_clock::now();
  loop_thread_ = std::thread([this] { loop(); });
  for (auto& a : agents_) a->start();
  std::unique_lock lock(mu_);
  probed_cv_.wait_for(lock, std::chrono::duration<double>(config_.first_probe_wait),
                      [&] { return probed_ >= static_cast<int>(hosts_.size()); });
}

void LiveRuntime::stop() {
  {
    std::lock_guard lock(mu_);
    if (!running_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (loop_thread_.joinable()) loop_thread_.join();
  // Agents last: their threads may still post results into the (now idle) inbox. All are told first,
  // so that their in-flight calls and event streams wind down side by side, not host after host.
  for (auto& a : agents_) a->request_stop();
  for (auto& a : agents_) a->stop();
  std::lock_guard lock(mu_);
  running_ = false;
  inbox_.clear();
}

void LiveRuntime::post(std::function<void()> f) {
  {
    std::lock_guard lock(mu_);
    inbox_.push_back(std::move(f));
  }
  cv_.notify_one();
}

template <class R>
R LiveRuntime::on_loop(std::function<R()> f) {
  {
    std::lock_guard lock(mu_);
    if (!running_ || stopping_) throw std::runtime_error("the live runtime is not running");
  }
  auto task = std::make_shared<std::packaged_task<R()>>(std::move(f));
  auto result = task->get_future();
  post([task] { (*task)(); });
  return result.get();
}

void LiveRuntime::loop() {
  DriverConfig config;
  config.sample_period = config_.sample_period;
  config.skip_missed_samples = true;  // wall time: a stalled loop does not sample in a burst after
  Driver driver(*cp_, *this, config, log_, samples_);
  driver.run();
}

void LiveRuntime::poll(Time, const Deliver&) {
  // The agents' results and the API's calls, in arrival order; they observe into the control plane.
  std::unique_lock lock(mu_);
  while (!inbox_.empty() && !stopping_) {
    auto f = std::move(inbox_.front());
    inbox_.pop_front();
    lock.unlock();
    f();
    lock.lock();
  }
  instant_began_ = std::chrono::steady_clock::now();
}

bool LiveRuntime::after_instant(Time, bool) {
  if (config_.step_observer)
    config_.step_observer(std::chrono::duration<double>(std::chrono::steady_clock::now() - instant_began_).count());
  return true;
}

bool LiveRuntime::stop_requested() const {
  std::lock_guard lock(mu_);
  return stopping_;
}

void LiveRuntime::wait_until(Time t) {
  std::unique_lock lock(mu_);
  if (!inbox_.empty() || stopping_ || t <= now()) return;
  cv_.wait_until(lock, t0_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                 std::chrono::duration<double>(t)));
}

void LiveRuntime::execute(const Action& action, Time t) {
  // A manager whose lease no longer holds touches nothing (its runtime is about to be torn down).
  if (config_.may_act && !config_.may_act()) return;
  if (auto* s = std::get_if<act::StartReplica>(&action)) dispatch_start(*s, t);
  if (auto* s = std::get_if<act::StopReplica>(&action)) dispatch_stop(*s, t);
}

// Containers this runtime started (or adopted) whose start Docker confirmed and that it does not know to
// be gone: the same thing the simulator counts. A container on a host whose crash it injected died
// with it (host_failed), even before the host answers again.
GroundTruth LiveRuntime::ground_truth() const {
  GroundTruth truth;
  for (const HostInfo& hi : info_) truth.host_up.push_back(hi.reachable);
  for (const auto& [r, tr] : tracked_)
    if (!tr.container.empty() && !tr.exit_logged) truth.running.push_back({tr.host, tr.service});
  return truth;
}

std::string LiveRuntime::service_name(ServiceId s) const {
  return s.valid() && s.value < cp_->service_count() ? cp_->service(s).spec.name : std::string();
}

void LiveRuntime::diag(const std::string& message) {
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "[%9.3f] ", now());
  if (config_.diagnostics) config_.diagnostics(stamp + message);
}

void LiveRuntime::log(EventKind kind, ServiceId service, ReplicaId replica, HostId host, std::string detail) {
  Event e;
  e.time = now();
  e.kind = kind;
  e.service = service_name(service);
  if (replica.valid()) e.replica = e.service + "." + std::to_string(replica.value);
  if (host.valid()) e.host = hosts_[host.value].spec.name;
  e.detail = std::move(detail);
  log_.push_back(std::move(e));
}

// --- actions ---------------------------------------------------------------------------------------

bool LiveRuntime::try_adopt(const act::StartReplica& a, double t) {
  auto& list = info_[a.host.value].unclaimed;
  // Only a container of the image this replica is to run: one of another image is not the same
  // replica (a rollout cut short by a restart); the manager brings those back at their own image
  // first (Manager::resume) and lets the rollout replace them.
  const ServiceSpec& spec = cp_->service(a.service).spec;
  auto it = std::find_if(list.begin(), list.end(), [&](const ContainerSummary& c) {
    return label(c, kServiceLabel) == spec.name && c.image == spec.image;
  });
  if (it == list.end()) return false;
  Tracked tr{a.host, a.service, it->id, t};
  tracked_[a.replica] = tr;
  by_container_[it->id] = a.replica;
  log(EventKind::kStarted, a.service, a.replica, a.host, "adopted container " + it->id.substr(0, 12));
  list.erase(it);
  cp_->observe(obs::ReplicaStarted{a.replica, a.host}, t);
  return true;
}

void LiveRuntime::dispatch_start(const act::StartReplica& a, double t) {
  if (try_adopt(a, t)) return;
  const ServiceSpec& spec = cp_->service(a.service).spec;
  ContainerConfig cfg;
  cfg.name = config_.cluster + "-" + spec.name + "." + std::to_string(a.replica.value) + "-g" +
             std::to_string(config_.generation);
  cfg.image = spec.image;
  auto extra = specs_.find(spec.name);
  if (extra != specs_.end()) cfg.cmd = extra->second.cmd;
  cfg.labels = {{kClusterLabel, config_.cluster},
                {kServiceLabel, spec.name},
                {kReplicaLabel, std::to_string(a.replica.value)},
                {kGenerationLabel, std::to_string(config_.generation)}};
  cfg.cpus = spec.request.cpu;
  cfg.memory_bytes = static_cast<std::int64_t>(spec.request.memory_mib * 1024 * 1024);
  tracked_[a.replica] = Tracked{a.host, a.service, "", 0};
  const ReplicaId r = a.replica;
  const HostId h = a.host;
  agents_[h.value]->submit([this, r, h, cfg](DockerClient& client) {
    std::string id, error;
    try {
      id = client.create_container(cfg);
      client.start_container(id);
    } catch (const DockerError& e) {
      error = e.what();
      // Do not leave a created-but-not-started container behind; if this fails too, the next
      // listing finds it by its generation label and removes it.
      if (!id.empty()) try { client.remove_container(id, true); } catch (const DockerError&) {}
    }
    post([this, r, h, id, error] { on_started(r, h, id, error); });
  });
}

void LiveRuntime::on_started(ReplicaId r, HostId h, std::string container, std::string error) {
  const double t = now();
  auto it = tracked_.find(r);
  if (it == tracked_.end()) return;
  const ServiceId s = it->second.service;
  if (!error.empty()) {
    // A start that failed is an exit that failed: the control plane's restart policy decides.
    log(EventKind::kExited, s, r, h, "start failed: " + error);
    tracked_.erase(it);
    cp_->observe(obs::ReplicaExited{r, h, true}, t);
    return;
  }
  it->second.container = container;
  it->second.started_at = t;
  by_container_[container] = r;
  log(EventKind::kStarted, s, r, h, container.substr(0, 12));
  cp_->observe(obs::ReplicaStarted{r, h}, t);
  if (it->second.stop_requested) dispatch_stop(act::StopReplica{r, s, h}, t);
}

void LiveRuntime::dispatch_stop(const act::StopReplica& a, double t) {
  auto it = tracked_.find(a.replica);
  if (it == tracked_.end()) {
    // An id we hold no container for (the control plane gave it up before we heard of it): the
    // listing's generation label sweep removes any container left under it.
    cp_->observe(obs::ReplicaStopped{a.replica, a.host}, t);
    return;
  }
  Tracked& tr = it->second;
  if (tr.container.empty()) {
    tr.stop_requested = true;  // stopped as soon as its start returns
    return;
  }
  if (tr.stopping) return;
  tr.stopping = true;
  const ReplicaId r = a.replica;
  const HostId h = tr.host;
  const std::string id = tr.container;
  const int grace = config_.stop_grace;
  agents_[h.value]->submit([this, r, h, id, grace](DockerClient& client) {
    std::string error;
    try {
      client.stop_container(id, grace);
      client.remove_container(id, true);
    } catch (const DockerError& e) {
      if (e.kind() != DockerErrc::kNotFound) error = e.what();
    }
    post([this, r, h, error] { on_stopped(r, h, error); });
  });
}

void LiveRuntime::on_stopped(ReplicaId r, HostId h, std::string error) {
  auto it = tracked_.find(r);
  if (it == tracked_.end()) return;
  const ServiceId s = it->second.service;
  if (!error.empty()) {
    // Typically an unreachable host. Keep tracking: if the host returns with the container still
    // running, its listing reports it and the control plane asks for the stop again.
    it->second.stopping = false;
    diag(hosts_[h.value].spec.name + ": stop of " + cp_->replica_name(r) + " failed: " + error);
    return;
  }
  log(EventKind::kStopped, s, r, h, "");
  forget(r);
  cp_->observe(obs::ReplicaStopped{r, h}, now());
}

void LiveRuntime::forget(ReplicaId r) {
  auto it = tracked_.find(r);
  if (it == tracked_.end()) return;
  if (!it->second.container.empty()) by_container_.erase(it->second.container);
  tracked_.erase(it);
}

void LiveRuntime::remove_container(HostId h, const std::string& id, const std::string& why) {
  if (config_.may_act && !config_.may_act()) return;
  if (!removing_.insert(id).second) return;  // already on its way out
  agents_[h.value]->submit([this, id](DockerClient& client) {
    try {
      client.remove_container(id, true);
    } catch (const DockerError&) {
      // Left for the next listing to find again.
    }
    post([this, id] { removing_.erase(id); });
  });
}

// --- observations ----------------------------------------------------------------------------------

void LiveRuntime::on_probe(HostId h, ProbeResult result) {
  const double t = now();
  HostInfo& hi = info_[h.value];
  if (!hi.probed) {
    hi.probed = true;
    {
      std::lock_guard lock(mu_);
      ++probed_;
    }
    probed_cv_.notify_all();
  }
  if (!result.ok) {
    // No heartbeat: the failure detector counts the silence. Remember why, for `host ls`.
    if (hi.reachable || hi.last_error.empty()) diag(hosts_[h.value].spec.name + ": " + result.error);
    hi.reachable = false;
    hi.last_error = result.error;
    return;
  }
  if (!hi.reachable && !hi.last_error.empty()) diag(hosts_[h.value].spec.name + ": answering again");
  if (hi.api_version.empty()) log(EventKind::kHostJoined, {}, {}, h, "api " + result.api_version);
  hi.reachable = true;
  hi.last_error.clear();
  hi.api_version = result.api_version;
  cp_->observe(obs::Heartbeat{h}, t);

  obs::HostReport report{h, {}};
  std::set<std::string> seen;
  std::vector<ContainerSummary> unclaimed;
  const std::string generation = std::to_string(config_.generation);
  for (ContainerSummary& c : result.containers) {
    seen.insert(c.id);
    auto known = by_container_.find(c.id);
    if (known != by_container_.end()) {
      const ReplicaId r = known->second;
      Tracked& tr = tracked_.at(r);
      if (is_running(c.state)) {
        report.running.push_back(r);
      } else if (has_ended(c.state) && !tr.stopping) {
        const auto code = c.exit_code();
        if (!tr.exit_logged) log(EventKind::kExited, tr.service, r, h, code ? "exit code " + std::to_string(*code) : c.status);
        forget(r);
        remove_container(h, c.id, "exited");
        cp_->observe(obs::ReplicaExited{r, h, !code || *code != 0}, t);
      }
      continue;  // "created": its start call is in flight
    }
    if (label(c, kGenerationLabel) == generation) {
      // The label is text anyone could have set: an unreadable one is simply not ours to track.
      ReplicaId rid;
      try {
        rid = ReplicaId(std::stoull(label(c, kReplicaLabel)));
      } catch (const std::exception&) {
      }
      auto tr = rid.valid() ? tracked_.find(rid) : tracked_.end();
      if (tr != tracked_.end() && tr->second.host == h && tr->second.container.empty()) continue;  // in flight
      // Ours but untracked: a create whose answer was lost, or a stop that half failed.
      remove_container(h, c.id, "untracked");
      continue;
    }
    // An earlier manager's container: adoptable while it runs, rubbish otherwise.
    if (is_running(c.state)) unclaimed.push_back(std::move(c));
    else remove_container(h, c.id, "ended before adoption");
  }
  // A listing is a snapshot taken at `began`: a replica whose start was confirmed after that may be
  // missing from it or listed as "created", and must not look dead. One confirmed before that and
  // missing altogether has vanished (removed behind our back).
  std::set<ReplicaId> listed(report.running.begin(), report.running.end());
  std::vector<ReplicaId> vanished;
  for (const auto& [r, tr] : tracked_) {
    if (tr.host != h || tr.container.empty() || listed.count(r)) continue;
    if (tr.started_at >= result.began) report.running.push_back(r);
    else if (!seen.count(tr.container) && !tr.stopping) vanished.push_back(r);
  }
  for (ReplicaId r : vanished) {
    if (!tracked_.at(r).exit_logged) log(EventKind::kExited, tracked_.at(r).service, r, h, "container vanished");
    forget(r);
  }
  hi.unclaimed = std::move(unclaimed);
  cp_->observe(report, t);
  reap_unclaimed(h);
}

// A container of ours died (the event stream): the same as finding it exited in a listing, seconds
// earlier. Stops we asked for are reported by their stop job instead.
void LiveRuntime::on_die(HostId h, const ContainerEvent& event) {
  auto known = by_container_.find(event.id);
  if (known == by_container_.end()) return;
  const ReplicaId r = known->second;
  Tracked& tr = tracked_.at(r);
  if (tr.stopping || tr.stop_requested || tr.host != h) return;
  auto code = event.attributes.find("exitCode");
  const std::string exit_code = code == event.attributes.end() ? "?" : code->second;
  if (!tr.exit_logged) log(EventKind::kExited, tr.service, r, h, "exit code " + exit_code);
  forget(r);
  remove_container(h, event.id, "died");
  cp_->observe(obs::ReplicaExited{r, h, exit_code != "0"}, now());
}

void LiveRuntime::reap_unclaimed(HostId h) {
  if (!reaping_) return;
  // An earlier generation's container stays adoptable while its service still has replicas waiting
  // for a host; once none waits, nothing will claim it, and keeping it would make a duplicate.
  std::set<std::string> waiting;
  for (const auto& [id, r] : cp_->replicas())
    if (r.state == ReplicaState::kPending) waiting.insert(service_name(r.service));
  auto& list = info_[h.value].unclaimed;
  for (auto it = list.begin(); it != list.end();) {
    const std::string service = label(*it, kServiceLabel);
    if (cp_->find_service(service) && waiting.count(service)) {
      ++it;
      continue;
    }
    if (!removing_.count(it->id)) diag(hosts_[h.value].spec.name + ": removing unclaimed container " + it->name);
    remove_container(h, it->id, "unclaimed");
    it = list.erase(it);
  }
}

// --- the thread-safe surface -----------------------------------------------------------------------

void LiveRuntime::apply(const LiveService& service) {
  on_loop<int>([&] {
    specs_[service.spec.name] = service;
    cp_->apply_service(service.spec, now());
    return 0;
  });
}

bool LiveRuntime::scale(const std::string& name, int replicas) {
  return on_loop<bool>([&] {
    auto s = cp_->find_service(name);
    if (!s) return false;
    cp_->scale(*s, replicas, now());
    specs_[name].spec.replicas = replicas;
    return true;
  });
}

bool LiveRuntime::remove(const std::string& name) {
  return on_loop<bool>([&] {
    auto s = cp_->find_service(name);
    if (!s) return false;
    cp_->remove_service(*s, now());
    specs_.erase(name);
    return true;
  });
}

std::vector<ServiceView> LiveRuntime::services() {
  return on_loop<std::vector<ServiceView>>([&] {
    std::vector<ServiceView> out;
    struct Counts {
      int running = 0, starting = 0, stopping = 0;
    };
    std::map<ServiceId, Counts> counts;
    for (const auto& [id, r] : cp_->replicas()) {
      if (r.state == ReplicaState::kRunning) ++counts[r.service].running;
      if (r.state == ReplicaState::kStarting || r.state == ReplicaState::kPending) ++counts[r.service].starting;
      if (r.state == ReplicaState::kStopping) ++counts[r.service].stopping;
    }
    for (std::size_t i = 0; i < cp_->service_count(); ++i) {
      const ServiceId sid(static_cast<ServiceId::repr>(i));
      const ServiceStatus& st = cp_->service(sid);
      if (st.removed) continue;
      ServiceView v;
      auto extra = specs_.find(st.spec.name);
      v.service = extra != specs_.end() ? extra->second : LiveService{st.spec, {}};
      v.service.spec = st.spec;
      v.running = counts[sid].running;
      v.starting = counts[sid].starting;
      v.stopping = counts[sid].stopping;
      out.push_back(std::move(v));
    }
    return out;
  });
}

std::vector<ReplicaView> LiveRuntime::replicas(const std::string& service) {
  return on_loop<std::vector<ReplicaView>>([&] {
    std::vector<ReplicaView> out;
    for (const auto& [id, r] : cp_->replicas()) {
      const std::string name = service_name(r.service);
      if (!service.empty() && name != service) continue;
      if (cp_->service(r.service).removed && r.state != ReplicaState::kStopping) continue;
      ReplicaView v;
      v.name = cp_->replica_name(id);
      v.service = name;
      v.host = r.host.valid() ? hosts_[r.host.value].spec.name : "";
      v.state = std::string(to_string(r.state));
      v.since = r.since;
      auto tr = tracked_.find(id);
      if (tr != tracked_.end()) v.container = tr->second.container.substr(0, 12);
      out.push_back(std::move(v));
    }
    return out;
  });
}

std::vector<HostView> LiveRuntime::hosts() {
  return on_loop<std::vector<HostView>>([&] {
    std::vector<HostView> out;
    for (std::size_t i = 0; i < hosts_.size(); ++i) {
      const HostId h(static_cast<HostId::repr>(i));
      HostView v;
      v.name = hosts_[i].spec.name;
      v.endpoint = hosts_[i].endpoint.url;
      v.health = std::string(to_string(cp_->host_health(h)));
      v.api_version = info_[i].api_version;
      v.last_error = info_[i].last_error;
      v.reachable = info_[i].reachable;
      v.replicas = static_cast<int>(cp_->cluster().task_count(h));
      v.capacity = cp_->cluster().capacity(h);
      v.allocated = cp_->cluster().allocated(h);
      out.push_back(std::move(v));
    }
    return out;
  });
}

void LiveRuntime::record(Event event) {
  event.time = now();
  on_loop<int>([&] {
    log_.push_back(event);
    return 0;
  });
}

std::vector<Event> LiveRuntime::events() {
  return on_loop<std::vector<Event>>([&] {
    for (Event& e : cp_->take_events()) log_.push_back(std::move(e));
    std::vector<Event> out = log_;
    std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) { return a.time < b.time; });
    return out;
  });
}

void LiveRuntime::host_failed(const std::string& host, bool hang) {
  on_loop<int>([&] {
    HostId h;
    for (std::size_t i = 0; i < hosts_.size(); ++i)
      if (hosts_[i].spec.name == host) h = HostId(static_cast<HostId::repr>(i));
    if (!h.valid()) return 0;
    log(EventKind::kHostFailed, {}, {}, h, hang ? "hang" : "crash");
    const double t = log_.back().time;
    if (hang) return 0;
    for (auto& [r, tr] : tracked_) {
      if (tr.host != h || tr.container.empty() || tr.exit_logged) continue;
      log(EventKind::kExited, tr.service, r, h, "host failed");
      log_.back().time = t;  // one instant, as the analysis expects of a crash
      tr.exit_logged = true;
    }
    return 0;
  });
}

std::map<std::string, int> LiveRuntime::unclaimed_images(const std::string& service) {
  return on_loop<std::map<std::string, int>>([&] {
    std::map<std::string, int> out;
    for (const HostInfo& hi : info_)
      for (const ContainerSummary& c : hi.unclaimed)
        if (label(c, kServiceLabel) == service) ++out[c.image];
    return out;
  });
}

void LiveRuntime::release_unclaimed() {
  on_loop<int>([&] {
    reaping_ = true;
    return 0;
  });
}

std::vector<Sample> LiveRuntime::samples() {
  return on_loop<std::vector<Sample>>([&] { return samples_; });
}

std::string LiveRuntime::detector_description() {
  return on_loop<std::string>([&] { return cp_->detector().describe(); });
}

bool LiveRuntime::wait_until(const std::function<bool(const ControlPlane&)>& done, double timeout) {
  const double deadline = now() + timeout;
  while (true) {
    if (on_loop<bool>([&] { return done(*cp_); })) return true;
    if (now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void LiveRuntime::with_control_plane(const std::function<void(const ControlPlane&)>& f) {
  on_loop<int>([&] {
    f(*cp_);
    return 0;
  });
}

}  // namespace drydock::live
