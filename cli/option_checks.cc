#include "cli/option_checks.h"

#include <stdexcept>

#include "model/closest_name.h"
#include "workloads/units.h"

namespace drydock::cli {

double seconds_option(const std::string& option, const std::string& text, bool allow_zero) {
  double value = 0;
  try {
    value = parse_seconds(text);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(option + " '" + text + "': " + e.what());
  }
  if (value < 0 || (!allow_zero && value == 0))
    throw std::invalid_argument(option + " '" + text + "': must be " + (allow_zero ? "zero or more" : "positive"));
  return value;
}

Window window_option(const std::string& from_text, const std::string& to_text) {
  Window w;
  w.from = seconds_option("--from", from_text, /*allow_zero=*/true);
  if (to_text.empty()) return w;
  w.to = seconds_option("--to", to_text, /*allow_zero=*/true);
  if (w.to <= w.from)
    throw std::invalid_argument("--to " + to_text + " is not after --from " + from_text +
                                ": the window [from, to) would be empty");
  return w;
}

void check_names_option(const std::string& option, const std::vector<std::string>& names,
                        const std::vector<std::string>& known, const std::string& what) {
  for (const auto& n : names) {
    bool found = false;
    for (const auto& k : known) found = found || k == n;
    if (!found)
      throw std::invalid_argument(option + " " + n + ": no " + what + " '" + n + "' in the scenario" +
                                  did_you_mean(n, known));
  }
}

}  // namespace drydock::cli
