// One row of timeseries.csv, in tidy (long) form so that pandas and R read it directly:
// time, scope (cluster | service | host), name, metric, value.
#pragma once

#include <string>

#include "model/time.h"

namespace drydock {

struct Sample {
  Time time = 0;
  std::string scope;
  std::string name;
  std::string metric;
  double value = 0;
};

}  // namespace drydock
