// Requests served by a service's replicas: a load balancer splits the offered rate over the replicas,
// and each replica is an M/M/1/K queue (Poisson arrivals, exponential service at `service_rate`
// requests/s, room for `queue_limit` requests including the one in service; arrivals finding it full
// are dropped). A fluid, steady-state model evaluated at each instant: it answers "with this many
// replicas at this load, what utilisation, latency and loss", not the path of each request.
//
// Replicas are identical, so balancers differ only in what they do with replicas that are running but
// stuck (on a hung host: they accept connections and never answer):
//   round-robin        every replica gets 1/n of the requests; a stuck replica's share is lost
//   least-outstanding  a stuck replica's outstanding count only grows, so it gets nothing
//   power-of-two       two replicas sampled at random, the less loaded wins: a request reaches a stuck
//                      replica only when both samples are stuck, a share (stuck/n)^2
#pragma once

#include "model/queue_model.h"

namespace drydock {

struct ServiceLoad {
  double offered = 0;      // requests/s arriving
  double served = 0;       // requests/s completed
  double dropped = 0;      // requests/s lost: queues full, stuck replicas, or no replica at all
  double utilization = 0;  // busy fraction of a serving replica (the HPA's metric)
  double latency_mean = 0, latency_p50 = 0, latency_p99 = 0;  // seconds, of served requests
  bool has_latency = false;  // false when no request is served
};

// `serving` replicas work; `stuck` ones are running but never answer.
ServiceLoad evaluate_load(double offered, int serving, int stuck, Balancer balancer, const QueueModel& queue);

// One M/M/1/K queue with arrival rate `lambda`: utilisation, blocking probability and the response-time
// distribution of admitted requests (a mixture of Erlangs, by the state an arrival finds).
struct QueueState {
  double utilization = 0, blocking = 0, mean_response = 0;
  double p50 = 0, p99 = 0;
};
QueueState mm1k(double lambda, const QueueModel& queue);

}  // namespace drydock
