// services[i].autoscale: the Horizontal Pod Autoscaler's settings (model/hpa_config.h).
#include "workloads/scenario/sections.h"

#include "workloads/units.h"

namespace drydock::scenario_parser {

void parse_autoscale(const Where& w, const YAML::Node& a, const std::string& as, ServiceDynamics& d) {
  w.only(a, as, {"min", "max", "target_utilization", "tolerance", "sync_period", "scale_down_window", "scale_up_window"});
  if (!d.load.active()) w.fail(a, as, "needs a load: the HPA scales on the utilisation the load causes");
  d.autoscale = true;
  HpaConfig& h = d.hpa;
  if (a["min"]) h.min_replicas = w.scalar<int>(a["min"], as + ".min", "an integer");
  if (a["max"]) h.max_replicas = w.scalar<int>(a["max"], as + ".max", "an integer");
  if (h.min_replicas < 1) w.fail(a["min"], as + ".min", "must be at least 1");
  if (h.max_replicas < h.min_replicas) w.fail(a["max"], as + ".max", "must not be below min");
  if (a["target_utilization"]) h.target_utilization = w.scalar<double>(a["target_utilization"], as + ".target_utilization", "a fraction such as 0.6");
  if (!(h.target_utilization > 0 && h.target_utilization <= 1)) w.fail(a["target_utilization"], as + ".target_utilization", "must be in (0, 1]");
  if (a["tolerance"]) h.tolerance = w.scalar<double>(a["tolerance"], as + ".tolerance", "a fraction such as 0.1");
  if (h.tolerance < 0) w.fail(a["tolerance"], as + ".tolerance", "must not be negative");
  if (a["sync_period"]) h.sync_period = w.unit(a["sync_period"], as + ".sync_period", parse_seconds);
  if (h.sync_period <= 0) w.fail(a["sync_period"], as + ".sync_period", "must be positive");
  if (a["scale_down_window"]) h.scale_down_window = w.unit(a["scale_down_window"], as + ".scale_down_window", parse_seconds);
  if (a["scale_up_window"]) h.scale_up_window = w.unit(a["scale_up_window"], as + ".scale_up_window", parse_seconds);
  if (h.scale_down_window < 0) w.fail(a["scale_down_window"], as + ".scale_down_window", "must not be negative");
  if (h.scale_up_window < 0) w.fail(a["scale_up_window"], as + ".scale_up_window", "must not be negative");
}

}  // namespace drydock::scenario_parser
