#include "live/service_json.h"

#include <cctype>

namespace drydock::live {

using nlohmann::json;

void check_service_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 63 && std::isalnum(static_cast<unsigned char>(name[0]));
  for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-');
  if (!ok)
    throw SpecError("field 'name': '" + name + "' is not a valid service name (letters, digits, '_', '.', '-', " +
                    "starting with a letter or digit, at most 63)");
}

namespace {

std::string to_text(const CountOrPercent& c) { return std::to_string(c.value) + (c.percent ? "%" : ""); }

// A count (3 or "3") or a percentage of the desired replicas ("25%"), as in a scenario's update_config.
CountOrPercent count_or_percent(const json& v, const std::string& at) {
  const std::string text = v.is_number_integer() ? std::to_string(v.get<long long>()) : v.is_string() ? v.get<std::string>() : "";
  CountOrPercent out;
  out.percent = !text.empty() && text.back() == '%';
  const std::string digits = out.percent ? text.substr(0, text.size() - 1) : text;
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
    throw SpecError("field '" + at + "': expected a non-negative count or a percentage such as \"25%\", got " + v.dump());
  out.value = std::stoi(digits);
  return out;
}

UpdateConfig update_config_from_json(const json& j, UpdateConfig base) {
  if (!j.is_object()) throw SpecError("field 'update_config': expected an object, got " + j.dump());
  for (auto& [k, v] : j.items()) {
    if (k == "max_surge") base.max_surge = count_or_percent(v, "update_config.max_surge");
    else if (k == "max_unavailable") base.max_unavailable = count_or_percent(v, "update_config.max_unavailable");
    else throw SpecError("field 'update_config." + k + "': unknown (max_surge, max_unavailable)");
  }
  return base;
}

}  // namespace

json to_json(const LiveService& s) {
  return {{"name", s.spec.name},
          {"image", s.spec.image},
          {"cmd", s.cmd},
          {"replicas", s.spec.replicas},
          {"cpu", s.spec.request.cpu},
          {"memory_mib", s.spec.request.memory_mib},
          {"restart_delay", s.spec.restart.delay},
          {"max_per_host", s.spec.max_replicas_per_host},
          {"update_config", {{"max_surge", to_text(s.spec.update.max_surge)},
                             {"max_unavailable", to_text(s.spec.update.max_unavailable)}}}};
}

namespace {
template <class T>
T field(const json& j, const char* key, T fallback) {
  if (!j.contains(key)) return fallback;
  try {
    return j.at(key).get<T>();
  } catch (const json::exception&) {
    throw SpecError(std::string("field '") + key + "': wrong type, got " + j.at(key).dump());
  }
}
}  // namespace

LiveService service_from_json(const json& j) {
  if (!j.is_object()) throw SpecError("expected a JSON object describing a service");
  static const std::set<std::string> known = {"name", "image", "cmd", "replicas", "cpu", "memory_mib",
                                              "restart_delay", "max_per_host", "update_config"};
  for (auto& [k, v] : j.items())
    if (!known.count(k)) throw SpecError("field '" + k + "': unknown");
  LiveService s;
  s.spec.name = field<std::string>(j, "name", "");
  check_service_name(s.spec.name);
  s.spec.image = field<std::string>(j, "image", "");
  if (s.spec.image.empty()) throw SpecError("field 'image': missing");
  s.cmd = field<std::vector<std::string>>(j, "cmd", {});
  s.spec.replicas = field<int>(j, "replicas", 1);
  if (s.spec.replicas < 0) throw SpecError("field 'replicas': must be >= 0, got " + std::to_string(s.spec.replicas));
  s.spec.request.cpu = field<double>(j, "cpu", 0.01);
  if (s.spec.request.cpu < 0) throw SpecError("field 'cpu': must be >= 0");
  s.spec.request.memory_mib = field<double>(j, "memory_mib", 16);
  // Docker refuses memory limits under 6 MiB; say so here rather than through 100 failed starts.
  if (s.spec.request.memory_mib != 0 && s.spec.request.memory_mib < 6)
    throw SpecError("field 'memory_mib': Docker's minimum limit is 6 MiB (0 = no limit)");
  s.spec.restart.delay = field<double>(j, "restart_delay", 5.0);
  s.spec.max_replicas_per_host = field<int>(j, "max_per_host", 0);
  if (j.contains("update_config")) s.spec.update = update_config_from_json(j.at("update_config"), {});
  return s;
}

LiveService updated_service(LiveService current, const json& update) {
  if (!update.is_object()) throw SpecError("expected a JSON object describing the update");
  for (auto& [k, v] : update.items())
    if (k != "image" && k != "update_config") throw SpecError("field '" + k + "': unknown (image, update_config)");
  if (!update.contains("image") && !update.contains("update_config"))
    throw SpecError("nothing to update: give 'image' and/or 'update_config'");
  // The budget first: the rollout the new image starts runs under it.
  if (update.contains("update_config"))
    current.spec.update = update_config_from_json(update.at("update_config"), current.spec.update);
  if (update.contains("image")) {
    const std::string image = field<std::string>(update, "image", "");
    if (image.empty()) throw SpecError("field 'image': must not be empty");
    current.spec.image = image;
  }
  return current;
}

}  // namespace drydock::live
