// Command-line options read with the scenario file's own units and checks, so that `--duration 1h`
// means what `duration: 1h` means, and a value the file would refuse is refused here too, with the
// option's name in the message. Every function throws std::invalid_argument ("--duration '5x': ...");
// main turns that into exit status 1 (see the README's exit statuses).
#pragma once

#include <string>
#include <vector>

namespace drydock::cli {

// A duration as the scenario writes one ("90s", "1h", "250ms"; a bare number is seconds). Refuses a
// negative value, and zero unless `allow_zero`.
double seconds_option(const std::string& option, const std::string& text, bool allow_zero = false);

// A trace window [from, to): `to_text` empty means the trace's end (returns a negative `to`). Refuses
// a negative start and an end at or before the start.
struct Window {
  double from = 0, to = -1;
};
Window window_option(const std::string& from_text, const std::string& to_text);

// Every name in `names` must be one of `known` (the scenario's hosts, services, ...); the error names
// the option, the unknown value and the closest known one.
void check_names_option(const std::string& option, const std::vector<std::string>& names,
                        const std::vector<std::string>& known, const std::string& what);

}  // namespace drydock::cli
