#include "live/manager.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "analysis/metrics.h"
#include "analysis/results.h"
#include "live/etcd_store.h"
#include "live/openapi.h"
#include "live/service_json.h"
#include "schedulers/scheduler.h"

namespace drydock::live {
namespace {

using nlohmann::json;

HttpResponse reply(int status, const json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}
HttpResponse error(int status, const std::string& message) { return reply(status, {{"message", message}}); }

bool same_token(const std::string& a, const std::string& b) {
  // Length-independent comparison time: a wrong token learns nothing from how fast it fails.
  unsigned diff = a.size() ^ b.size();
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned>(a[i] ^ b[i % (b.empty() ? 1 : b.size())]);
  return diff == 0 && !b.empty();
}

// The same detectors as the simulator's, scaled to the probe period as a scenario scales them to its
// heartbeat period (workloads/scenario.cc): phi accrual's first estimate is one period, Cassandra's
// initial and maximum intervals two.
DetectorConfig detector_config(const ManagerOptions& o) {
  DetectorConfig spec = o.detector;
  const auto kind = parse_detector_kind(o.detector_kind);
  if (!kind)
    throw std::invalid_argument("--detector " + o.detector_kind + ": expected fixed-timeout, phi-accrual or phi-exponential");
  if (o.phi_threshold <= 0) throw std::invalid_argument("--phi-threshold: must be positive");
  spec.kind = *kind;
  spec.fixed.period = o.probe_period;
  spec.phi.threshold = spec.exponential.threshold = o.phi_threshold;
  spec.phi.suspect_threshold = spec.exponential.suspect_threshold = o.phi_threshold / 2;
  spec.phi.first_heartbeat_estimate = o.probe_period;
  spec.exponential.initial_interval = spec.exponential.max_interval = 2 * o.probe_period;
  return spec;
}

}  // namespace

Manager::Manager(ManagerOptions options) : options_(std::move(options)) {
  if (!is_loopback_address(options_.listen) && options_.token.empty())
    throw std::invalid_argument("--listen " + options_.listen +
                                " is not loopback: a --token (or DRYDOCK_TOKEN) is required to expose the API");
  if (!is_loopback_address(options_.listen) && (options_.tls_cert.empty() || options_.tls_key.empty()))
    throw std::invalid_argument("--listen " + options_.listen +
                                " is not loopback: --tls-cert and --tls-key are required (the API is served over "
                                "HTTPS only; `openssl req -x509 -newkey rsa:2048 -nodes ...` makes a self-signed pair)");
  if (options_.tls_cert.empty() != options_.tls_key.empty())
    throw std::invalid_argument("--tls-cert and --tls-key go together");
  if (options_.strict_hosts) {
    hosts_ = load_hosts_file(options_.hosts_file);
  } else {
    HostsInventory inventory = load_hosts_inventory(options_.hosts_file);
    hosts_ = std::move(inventory.hosts);
    rejected_hosts_ = std::move(inventory.rejected);
    if (options_.verbose)
      for (const RejectedHost& r : rejected_hosts_)
        std::fprintf(stderr, "manager: host entry skipped: %s\n", r.message.c_str());
  }
  PolicyRegistry::instance().make(options_.policy);  // an unknown policy is refused now, not at election
  (void)detector_config(options_);                    // likewise a bad detector
  if (options_.store.empty()) {
    store_ = std::make_unique<StateStore>(options_.state);
    generation_ = store_->next_generation();
    runtime_ = make_runtime();
  } else {
    if (options_.lease_ttl < 2 || options_.lease_ttl > 60)
      throw std::invalid_argument("--lease-ttl " + std::to_string(options_.lease_ttl) + ": expected 2..60 seconds");
    etcd_ = std::make_unique<EtcdClient>(parse_etcd_url(options_.store));
  }
  HttpServerOptions http;
  http.tls_cert_file = options_.tls_cert;
  http.tls_key_file = options_.tls_key;
  server_ = std::make_unique<HttpServer>(options_.listen, options_.port, [this](const HttpRequest& r) { return handle(r); },
                                         http);
  if (etcd_) {
    if (options_.advertise.empty()) {
      if (options_.listen == "0.0.0.0")
        throw std::invalid_argument("--listen 0.0.0.0 with --store etcd://...: give --advertise URL, the address other "
                                    "managers forward requests to");
      options_.advertise = std::string(server_->tls() ? "https://" : "http://") + options_.listen + ":" +
                           std::to_string(server_->port());
    }
    lease_ = std::make_unique<LeaderLease>(*etcd_, etcd_prefix(options_.cluster) + "leader", options_.advertise,
                                           options_.lease_ttl);
  }
}

Manager::~Manager() { stop(); }

std::unique_ptr<LiveRuntime> Manager::make_runtime() {
  LiveConfig cfg;
  cfg.cluster = options_.cluster;
  cfg.generation = generation_;
  cfg.control.first_replica_id = generation_ * kReplicaIdsPerGeneration;
  cfg.agent.probe_period = options_.probe_period;
  cfg.control.detector = detector_config(options_);
  cfg.stop_grace = options_.stop_grace;
  cfg.hold_unclaimed = true;  // until the stored services are back: they claim what they find
  cfg.step_observer = [this](double seconds) { metrics_.reconcile.observe(seconds); };
  if (options_.verbose) cfg.diagnostics = [](const std::string& m) { std::fprintf(stderr, "manager: %s\n", m.c_str()); };
  if (lease_) cfg.may_act = [lease = lease_.get()] { return lease->held(); };
  return std::make_unique<LiveRuntime>(hosts_, PolicyRegistry::instance().make(options_.policy), cfg);
}

void Manager::take_over() {
  runtime_->start();
  for (const LiveService& s : store_->services()) resume(s);
  runtime_->release_unclaimed();
}

void Manager::start() {
  if (etcd_) {
    server_->start();
    started_ = true;
    lead_loop_ = std::thread([this] { lead_loop(); });
    return;
  }
  take_over();
  server_->start();
  started_ = true;
}

// A service as the last manager left it. Its containers are re-adopted by the replicas the control
// plane places on their hosts (LiveRuntime::try_adopt, same service and image). A rollout the last
// manager did not finish left containers of an older image: they come back first, as the service at
// that image, and then the stored spec is applied, so that the control plane starts that rollout
// again within the stored budget (max surge, max unavailable) instead of adopting old containers as
// new ones, or dropping them all at once.
void Manager::resume(const LiveService& service) {
  const std::map<std::string, int> images = runtime_->unclaimed_images(service.spec.name);
  std::string older;
  for (const auto& [image, count] : images)
    if (image != service.spec.image && (older.empty() || count > images.at(older))) older = image;
  if (older.empty()) {
    runtime_->apply(service);
    return;
  }
  if (options_.verbose)
    std::fprintf(stderr, "manager: %s: %d container(s) still at %s, resuming the rollout to %s\n",
                 service.spec.name.c_str(), images.at(older), older.c_str(), service.spec.image.c_str());
  LiveService before = service;
  before.spec.image = older;
  before.spec.replicas = std::min(service.spec.replicas, images.at(older));
  runtime_->apply(before);
  // Adoption happens as the replicas are placed (the next step of the loop); a replica no host takes
  // within the wait is simply left to the rollout.
  runtime_->wait_until(
      [&](const ControlPlane& cp) {
        const auto id = cp.find_service(service.spec.name);
        if (!id) return true;
        for (const auto& [rid, r] : cp.replicas())
          if (r.service == *id && r.state == ReplicaState::kPending) return false;
        return true;
      },
      10.0);
  runtime_->apply(service);
}

void Manager::stop() {
  if (!started_) return;
  started_ = false;
  stopping_ = true;
  if (lead_loop_.joinable()) lead_loop_.join();  // steps down: the runtime stops, the lease is revoked
  server_->stop();
  if (runtime_) {
    if (!options_.results_dir.empty())
      write_live_results(options_.results_dir, *runtime_, "manager", options_.policy, hosts_);
    runtime_->stop();
  }
}

HttpResponse Manager::handle(const HttpRequest& request) {
  struct Timed {  // every answer, refusals included, counts in the API latency histogram
    LatencyHistogram& histogram;
    std::chrono::steady_clock::time_point began = std::chrono::steady_clock::now();
    ~Timed() { histogram.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count()); }
  } timed{metrics_.api};
  if (!options_.token.empty()) {
    auto it = request.headers.find("authorization");
    const std::string given = it == request.headers.end() ? "" : it->second;
    if (!same_token(given, "Bearer " + options_.token)) return error(401, "missing or wrong token");
  }
  if (request.path == "/v1/leader" && request.method == "GET") return leader_view();
  // Taking over (or stepping down) holds the role for seconds: say so rather than queue requests,
  // whose order a client could no longer tell once one of them timed out.
  std::shared_lock role(role_mu_, std::defer_lock);
  if (!role.try_lock_for(std::chrono::seconds(2)))
    return error(503, "this manager is taking over as leader (or stepping down); nothing changed: send the request again");
  if (etcd_ && !leading_) {
    role.unlock();
    return forward(request);
  }
  try {
    return route(request);
  } catch (const NotLeaderError& e) {
    return error(503, e.what());
  } catch (const EtcdError& e) {
    return error(503, std::string("the desired state cannot be written, nothing changed: ") + e.what());
  } catch (const SpecError& e) {
    return error(400, e.what());
  } catch (const json::exception& e) {
    return error(400, std::string("bad JSON: ") + e.what());
  } catch (const std::exception& e) {
    return error(500, e.what());
  }
}

HttpResponse Manager::route(const HttpRequest& req) {
  const std::string& p = req.path;
  const std::string prefix = "/v1/services/";
  if (p == "/metrics" && req.method == "GET") {
    HttpResponse r;
    r.body = prometheus_text(*runtime_, rejected_hosts_, metrics_);
    r.content_type = kPrometheusContentType;
    return r;
  }
  if (p == "/openapi.json" && req.method == "GET") return reply(200, json::parse(openapi_document()));
  if (p == "/v1/hosts" && req.method == "GET") {
    json out = json::array();
    for (const HostView& h : runtime_->hosts())
      out.push_back({{"name", h.name}, {"endpoint", h.endpoint}, {"health", h.health}, {"reachable", h.reachable},
                     {"api_version", h.api_version}, {"last_error", h.last_error}, {"replicas", h.replicas},
                     {"cpu_allocated", h.allocated.cpu}, {"cpu_capacity", h.capacity.cpu},
                     {"memory_allocated_mib", h.allocated.memory_mib}, {"memory_capacity_mib", h.capacity.memory_mib}});
    // Never probed, never scheduled on: listed so that the operator sees what to fix.
    for (const RejectedHost& r : rejected_hosts_)
      out.push_back({{"name", r.name.empty() ? r.entry : r.name}, {"endpoint", r.endpoint}, {"health", "invalid"},
                     {"reachable", false}, {"api_version", ""}, {"last_error", r.message}, {"replicas", 0},
                     {"cpu_allocated", 0.0}, {"cpu_capacity", 0.0}, {"memory_allocated_mib", 0.0},
                     {"memory_capacity_mib", 0.0}});
    return reply(200, out);
  }
  if (p == "/v1/services" && req.method == "GET") {
    json out = json::array();
    for (const ServiceView& s : runtime_->services()) {
      json j = to_json(s.service);
      j["running"] = s.running;
      j["starting"] = s.starting;
      j["stopping"] = s.stopping;
      out.push_back(j);
    }
    return reply(200, out);
  }
  if (p == "/v1/services" && req.method == "POST") {
    const LiveService s = service_from_json(json::parse(req.body));
    std::lock_guard lock(write_mu_);
    for (const ServiceView& v : runtime_->services())
      if (v.service.spec.name == s.spec.name) return error(409, "service '" + s.spec.name + "' already exists");
    store_->put_service(s);
    runtime_->apply(s);
    return reply(201, to_json(s));
  }
  if (p == "/v1/events" && req.method == "GET") {
    json out = json::array();
    for (const Event& e : runtime_->events())
      out.push_back({{"time", e.time}, {"kind", std::string(to_string(e.kind))}, {"service", e.service},
                     {"replica", e.replica}, {"host", e.host}, {"detail", e.detail}});
    return reply(200, out);
  }
  if (p.rfind(prefix, 0) == 0) {
    std::string rest = p.substr(prefix.size());
    std::string action;
    if (auto slash = rest.find('/'); slash != std::string::npos) {
      action = rest.substr(slash + 1);
      rest.resize(slash);
    }
    const std::string name = rest;
    std::lock_guard lock(write_mu_);
    std::optional<LiveService> current;
    for (const ServiceView& v : runtime_->services())
      if (v.service.spec.name == name) current = v.service;
    if (!current) return error(404, "no service '" + name + "'");
    if (action.empty() && req.method == "DELETE") {
      store_->remove_service(name);
      runtime_->remove(name);
      return reply(200, {{"removed", name}});
    }
    if (action == "scale" && req.method == "POST") {
      const json body = json::parse(req.body);
      if (!body.contains("replicas") || !body["replicas"].is_number_integer() || body["replicas"].get<int>() < 0)
        return error(400, "field 'replicas': expected an integer >= 0");
      current->spec.replicas = body["replicas"].get<int>();
      store_->put_service(*current);
      runtime_->scale(name, current->spec.replicas);
      return reply(200, to_json(*current));
    }
    if (action == "update" && req.method == "POST") {
      // Stored first, as create and scale are, so a restarted manager resumes the rollout (resume()).
      const LiveService next = updated_service(*current, json::parse(req.body));
      store_->put_service(next);
      runtime_->apply(next);
      return reply(200, to_json(next));
    }
    if (action == "replicas" && req.method == "GET") {
      json out = json::array();
      for (const ReplicaView& r : runtime_->replicas(name))
        out.push_back({{"name", r.name}, {"host", r.host}, {"state", r.state}, {"container", r.container},
                       {"since", r.since}});
      return reply(200, out);
    }
  }
  return error(404, req.method + " " + p + ": no such endpoint");
}

void write_live_results(const std::string& dir, LiveRuntime& runtime, const std::string& scenario,
                        const std::string& policy, const std::vector<LiveHost>& hosts) {
  RunInfo info;
  info.scenario = scenario;
  info.runtime = "live";
  info.policy = policy;
  info.duration = runtime.now();
  for (const LiveHost& h : hosts) info.hosts[h.spec.name] = h.spec.capacity;
  for (const ServiceView& s : runtime.services()) info.services[s.service.spec.name] = s.service.spec.request;
  info.detector = runtime.detector_description();
  const std::vector<Event> events = runtime.events();
  std::vector<Sample> samples = runtime.samples();
  const Metrics metrics = compute_metrics_and_power(events, info, samples);
  write_results(dir, info, events, samples, metrics);
}

}  // namespace drydock::live
