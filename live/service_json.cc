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

json to_json(const LiveService& s) {
  return {{"name", s.spec.name},
          {"image", s.spec.image},
          {"cmd", s.cmd},
          {"replicas", s.spec.replicas},
          {"cpu", s.spec.request.cpu},
          {"memory_mib", s.spec.request.memory_mib},
          {"restart_delay", s.spec.restart.delay},
          {"max_per_host", s.spec.max_replicas_per_host}};
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
                                              "restart_delay", "max_per_host"};
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
  return s;
}

}  // namespace drydock::live
