// `drydock explain`: loads a scenario, builds its cluster (every host up), optionally places some
// replicas first with the same policy (as a run would at its start), then asks the policy to explain
// the decision for one more replica of --service: which filter rejected each host, each score plugin's
// normalised value and weight, the totals and the winners (the seeded tie-break picks among them).
#include "cli/explain_command.h"

#include <iostream>

#include "cli/input_options.h"
#include "cli/scenario_overrides.h"
#include "cli/option_checks.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/cluster_state.h"
#include "model/rng.h"
#include "schedulers/scheduler.h"
#include "workloads/scenario.h"

namespace {

struct ExplainArgs {
  drydock::RunInput input;  // the scenario, or Kubernetes objects
  std::string service;
  std::string policy;
  std::vector<std::string> params;  // key=value
  int preplace = 0;                 // replicas placed first, scenario order; -1 = all
  std::vector<std::string> down;    // host names marked down
  int top = 20;
};

int explain(const ExplainArgs& args) {
  using namespace drydock;
  Scenario s = load_run_input(args.input, std::cerr);
  if (!args.policy.empty()) {
    s.policy = args.policy;
    s.policy_params.clear();
  }
  drydock::cli::apply_policy_params(s.policy_params, args.params);
  auto policy = PolicyRegistry::instance().make(s.policy, PolicyParams(s.policy_params));
  std::vector<std::string> host_names;
  for (const HostSpec& h : s.hosts) host_names.push_back(h.name);
  drydock::cli::check_names_option("--down", args.down, host_names, "host");

  ClusterState state;
  for (const HostSpec& h : s.hosts) {
    const HostId id = state.add_host(h);
    const bool is_down = std::find(args.down.begin(), args.down.end(), h.name) != args.down.end();
    state.set_schedulable(id, !is_down);
  }
  std::size_t target = 0;
  if (!args.service.empty()) {
    target = s.services.size();
    for (std::size_t i = 0; i < s.services.size(); ++i)
      if (s.services[i].name == args.service) target = i;
    if (target == s.services.size()) {
      std::vector<std::string> names;
      for (const auto& svc : s.services) names.push_back(svc.name);
      drydock::cli::check_names_option("--service", {args.service}, names, "service");
    }
  }

  // Place replicas first, service by service in scenario order, as one batch.
  std::vector<PlacementRequest> batch;
  std::uint64_t replica = 0;
  for (std::size_t i = 0; i < s.services.size(); ++i)
    for (int r = 0; r < s.services[i].replicas; ++r) {
      if (args.preplace >= 0 && batch.size() >= static_cast<std::size_t>(args.preplace)) break;
      batch.push_back({ReplicaId(replica++), ServiceId(static_cast<ServiceId::repr>(i)), &s.services[i]});
    }
  Rng rng(s.seed);
  std::size_t placed = 0;
  for (const auto& d : policy->place(state, batch, rng)) placed += d.placed();

  const PlacementRequest request{ReplicaId(replica), ServiceId(static_cast<ServiceId::repr>(target)), &s.services[target]};
  Explanation e;
  if (!policy->explain(state, request, e)) {
    std::printf("policy %s does not explain its decisions\n", s.policy.c_str());
    return 1;
  }
  const ServiceSpec& spec = s.services[target];
  std::printf("policy %s; service %s: cpu %g, memory %g MiB, gpu %g; %zu of %zu replicas placed first\n",
              e.policy.c_str(), spec.name.c_str(), spec.request.cpu, spec.request.memory_mib, spec.request.gpu, placed,
              batch.size());
  if (!e.note.empty()) std::printf("note: %s\n", e.note.c_str());

  // Feasible hosts by total (best first), then the rejection tally.
  std::vector<const HostExplanation*> feasible;
  std::map<std::string, std::size_t> rejected;
  for (const auto& h : e.hosts) {
    if (h.rejected_by.empty())
      feasible.push_back(&h);
    else
      ++rejected[h.rejected_by];
  }
  std::stable_sort(feasible.begin(), feasible.end(),
                   [](const HostExplanation* a, const HostExplanation* b) { return a->total > b->total; });
  std::printf("\n%-20s", "host");
  for (std::size_t k = 0; k < e.score_names.size(); ++k) {
    const std::string col = e.score_names[k] + " x" + std::to_string(e.weights[k]).substr(0, 4);
    std::printf(" %22s", col.c_str());
  }
  std::printf(" %12s %5s\n", "total", "rank");
  const std::size_t shown = std::min<std::size_t>(feasible.size(), static_cast<std::size_t>(std::max(args.top, 0)));
  for (std::size_t i = 0; i < shown; ++i) {
    const HostExplanation& h = *feasible[i];
    const bool best = std::find(e.best.begin(), e.best.end(), h.host) != e.best.end();
    std::printf("%-20s", (state.host(h.host).name + (best ? " *" : "")).c_str());
    for (std::size_t k = 0; k < h.scores.size(); ++k) {
      // A packed key reads as noise (-327685.000): show what it is made of instead.
      if (!h.described[k].empty())
        std::printf(" %22s", h.described[k].c_str());
      else
        std::printf(" %22.3f", h.scores[k]);
    }
    std::printf(" %12.6g %5d\n", h.total, h.rank);
  }
  if (feasible.size() > shown) std::printf("... %zu more feasible hosts\n", feasible.size() - shown);
  std::printf("\nfeasible: %zu hosts; best: %zu host%s (*)\n", feasible.size(), e.best.size(),
              e.best.size() == 1 ? "" : "s, the seeded tie-break picks one");
  for (const auto& [why, n] : rejected) std::printf("rejected: %s on %zu host%s\n", why.c_str(), n, n == 1 ? "" : "s");
  if (!e.reason.empty()) std::printf("unschedulable: %s\n", e.reason.c_str());
  return 0;
}

}  // namespace

void add_explain_command(CLI::App& app) {
  auto args = std::make_shared<ExplainArgs>();
  auto* cmd = app.add_subcommand("explain", "Show the per-host filter and score breakdown of one placement decision");
  cmd->add_option("scenario", args->input.path, "Scenario file (YAML), or Kubernetes objects (file or folder)")->required();
  drydock::cli::add_input_options(cmd, args->input);
  cmd->add_option("--service", args->service, "Service whose next replica is explained (default: the first)");
  auto* policy = cmd->add_option("--policy", args->policy, "Placement policy (overrides the scenario's)");
  drydock::cli::add_scheduler_config_option(cmd, args->input, policy);
  cmd->add_option("--param", args->params, "Policy parameter KEY=VALUE (repeatable)");
  cmd->add_option("--preplace", args->preplace,
                  "Place this many replicas first, services in scenario order (-1 = all of them)");
  cmd->add_option("--down", args->down, "Host name to mark down (repeatable)");
  cmd->add_option("--top", args->top, "Feasible hosts to list, best first (default 20)");
  cmd->callback([args] {
    const int status = explain(*args);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}
