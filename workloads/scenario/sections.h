// The section parsers of a scenario file, one file each under workloads/scenario/; parse_scenario()
// (workloads/scenario.cc) reads the top-level fields and calls them in this order. Each fills its part
// of the Scenario and fails through Where with the file, line, column and field.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "workloads/scenario.h"
#include "workloads/scenario/fields.h"

namespace drydock::scenario_parser {

// cluster: network, registry, daemon and host groups (expanded into Scenario::hosts). cluster.cc
void parse_cluster(const Where& w, const YAML::Node& cluster, Scenario& s);
// services: specs, placement rules, restart and update policies; load and autoscale fields go to
// parse_dynamics. services.cc
void parse_services(const Where& w, const YAML::Node& services, Scenario& s);
// A service's traffic: its load curve, queue, balancer and SLO; autoscale through parse_autoscale. load.cc
ServiceDynamics parse_dynamics(const Where& w, const YAML::Node& n, const std::string& at);
// services[i].autoscale: the HPA's settings (needs the load parsed first). autoscale.cc
void parse_autoscale(const Where& w, const YAML::Node& a, const std::string& as, ServiceDynamics& d);
// faults: single faults and generators, with the hosts they select. faults.cc
void parse_faults(const Where& w, const YAML::Node& faults, Scenario& s);
// changes: scale and image updates during the run. changes.cc
void parse_changes(const Where& w, const YAML::Node& changes, Scenario& s);
// cluster_autoscaler: the pool (a host group) and its settings; needs the cluster parsed. cluster_autoscaler.cc
void parse_cluster_autoscaler(const Where& w, const YAML::Node& root, Scenario& s);
// control: heartbeat and sample period; the detector through parse_detector. control.cc
void parse_control(const Where& w, const YAML::Node& control, Scenario& s);
// control.detector: kind, preset and parameters, scaled to the heartbeat period. detector.cc
void parse_detector(const Where& w, const YAML::Node& d, Scenario& s);

}  // namespace drydock::scenario_parser
