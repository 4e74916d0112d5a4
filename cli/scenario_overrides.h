// `--set key=value` on a scenario file, for the parameter grids of `drydock compare`: the YAML is
// edited as YAML (dotted keys, [i] for list items, the value parsed as YAML), then re-read by the normal
// scenario parser, so an override is checked exactly like a hand-written file.
//   cluster.hosts[0].count=40   duration=600s   control.detector.down_after=10s
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace drydock::cli {

// Returns the YAML text of `yaml_text` with every setting applied, in order. Throws
// std::invalid_argument naming the key when its path does not exist (an index past a list's end, a
// key below a scalar); a new key in an existing mapping is added and left to the scenario parser to
// accept or reject.
std::string apply_scenario_settings(const std::string& yaml_text,
                                    const std::vector<std::pair<std::string, std::string>>& settings);

// `drydock run --param key=value` (repeatable): each "key=value" sets one policy parameter in
// `params`, in order (a later one wins). Throws std::invalid_argument naming the argument when it has
// no '=' or an empty key; whether the policy knows the key is for the policy to say when it is built.
void apply_policy_params(std::map<std::string, std::string>& params, const std::vector<std::string>& settings);

}  // namespace drydock::cli
