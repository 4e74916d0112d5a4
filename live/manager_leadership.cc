// Managers on etcd: campaign, lead while the lease holds, stand by and forward otherwise.
//
// The leader is the only manager with a LiveRuntime: it alone decides and touches containers, and
// only while its lease holds (LiveConfig::may_act). Taking over is a restart: a new generation
// re-adopts the containers by label and resumes what was in flight (Manager::take_over). Stepping down
// stops the runtime and leaves the containers running for the next leader.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "live/etcd_store.h"
#include "live/manager.h"
#include "live/manager_client.h"

namespace drydock::live {
namespace {

using nlohmann::json;

HttpResponse unavailable(const std::string& message) {
  HttpResponse r;
  r.status = 503;
  r.body = json{{"message", message}}.dump();
  return r;
}

std::string url_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') out += static_cast<char>(c);
    else out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

}  // namespace

void Manager::lead_loop() {
  while (!stopping_) {
    if (!lease_->campaign(stopping_)) break;
    try {
      become_leader();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "manager: could not take over: %s; standing by again\n", e.what());
      step_down();
      continue;
    }
    // Renew three times per TTL; a lost lease ends the reign at once.
    const auto period = std::chrono::milliseconds(lease_->ttl() * 1000 / 3);
    auto next = std::chrono::steady_clock::now() + period;
    while (!stopping_) {
      if (std::chrono::steady_clock::now() >= next) {
        if (!lease_->renew()) {
          std::fprintf(stderr, "manager: lost the lead (etcd lease expired); standing by\n");
          break;
        }
        next = std::chrono::steady_clock::now() + period;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    step_down();
  }
}

void Manager::become_leader() {
  std::unique_lock role(role_mu_);
  store_ = std::make_unique<EtcdStore>(*etcd_, options_.cluster, lease_->fence());
  generation_ = store_->next_generation();
  std::fprintf(stderr, "manager: leading %s as generation %llu (lease TTL %d s)\n", options_.cluster.c_str(),
               static_cast<unsigned long long>(generation_), lease_->ttl());
  runtime_ = make_runtime();
  take_over();
  leading_ = true;
}

void Manager::step_down() {
  std::unique_lock role(role_mu_);
  leading_ = false;
  if (runtime_) runtime_->stop();  // containers keep running: the next leader adopts them
  runtime_.reset();
  store_.reset();
  lease_->resign();
}

HttpResponse Manager::forward(const HttpRequest& request) {
  std::optional<std::string> leader;
  try {
    leader = lease_->leader();
  } catch (const EtcdError& e) {
    return unavailable(std::string("no leader known: etcd does not answer (") + e.what() + "); nothing changed");
  }
  if (!leader || *leader == options_.advertise)
    return unavailable("no manager leads right now (election under way, at most " + std::to_string(2 * lease_->ttl()) +
                       " s); nothing changed: send the request again");
  std::string target = url_encode(request.path);
  char sep = '?';
  for (const auto& [k, v] : request.query) {
    target += sep + url_encode(k) + "=" + url_encode(v);
    sep = '&';
  }
  std::string token;
  if (auto it = request.headers.find("authorization"); it != request.headers.end() && it->second.rfind("Bearer ", 0) == 0)
    token = it->second.substr(7);
  try {
    const auto reply = ManagerClient(*leader, token, 30000, options_.tls_cert).call(request.method, target, request.body);
    HttpResponse r;
    r.status = static_cast<int>(reply.status);
    r.body = reply.body;
    return r;
  } catch (const std::exception& e) {
    // The request may or may not have reached the leader: every write of the API is idempotent or
    // refused when repeated (create answers 409), so sending it again is safe.
    return unavailable("the leader at " + *leader + " does not answer (" + e.what() +
                       "); a new one is elected within " + std::to_string(2 * lease_->ttl()) +
                       " s: send the request again");
  }
}

HttpResponse Manager::leader_view() {
  json out = {{"me", options_.advertise.empty() ? "sqlite" : options_.advertise}};
  if (!etcd_) {
    out["leader"] = out["me"];
    out["leading"] = true;
  } else {
    std::shared_lock role(role_mu_, std::defer_lock);
    if (!role.try_lock_for(std::chrono::seconds(2))) return unavailable("taking over or stepping down");
    out["leading"] = leading_;
    out["generation"] = leading_ ? generation_ : 0;
    try {
      out["leader"] = lease_->leader().value_or("");
    } catch (const EtcdError& e) {
      out["leader"] = "";
      out["error"] = e.what();
    }
  }
  HttpResponse r;
  r.body = out.dump();
  return r;
}

}  // namespace drydock::live
