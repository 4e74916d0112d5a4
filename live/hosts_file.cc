#include "live/hosts_file.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

namespace drydock::live {
namespace {

int line_of(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

[[noreturn]] void bad(const std::string& origin, const YAML::Node& node, const std::string& field,
                      const std::string& what) {
  throw HostsFileError(origin + ":" + std::to_string(line_of(node)) + ": " + field + ": " + what);
}

double positive(const std::string& origin, const YAML::Node& parent, const YAML::Node& node,
                const std::string& field, bool required) {
  if (!node) {
    if (required) bad(origin, parent, field, "missing (a number > 0)");
    return 0;
  }
  double v = 0;
  try {
    v = node.as<double>();
  } catch (const YAML::Exception&) {
    bad(origin, node, field, "must be a number, got '" + node.as<std::string>("?") + "'");
  }
  if (!(v > 0)) bad(origin, node, field, "must be > 0, got " + node.as<std::string>("?"));
  return v;
}

void only_known_keys(const std::string& origin, const YAML::Node& map, const std::string& at,
                     const std::set<std::string>& known, const std::string& known_text) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    const std::string key = it->first.as<std::string>("?");
    if (!known.count(key)) bad(origin, it->first, at + "." + key, "unknown field (known: " + known_text + ")");
  }
}

std::string text_of(const std::string& origin, const YAML::Node& node, const std::string& field) {
  if (!node || node.IsNull()) return "";
  if (!node.IsScalar()) bad(origin, node, field, "expected a string");
  return node.as<std::string>();
}

std::string resolve(const std::string& base_dir, const std::string& p) {
  if (p.empty() || std::filesystem::path(p).is_absolute()) return p;
  return (std::filesystem::path(base_dir) / p).string();
}

// One entry of the list; throws HostsFileError naming its line and field. `names` holds the names of
// the entries before it, whether they were usable or not: the first one written keeps the name.
LiveHost parse_entry(const YAML::Node& h, const std::string& at, const std::string& origin,
                     const std::string& base_dir, std::set<std::string>& names) {
  if (!h.IsMap()) bad(origin, h, at, "expected a map with name, endpoint, capacity");
  only_known_keys(origin, h, at, {"name", "endpoint", "address", "capacity", "labels", "tls", "standby"},
                  "name, endpoint, address, capacity, labels, tls, standby");
  LiveHost host;
  host.spec.name = text_of(origin, h["name"], at + ".name");
  if (host.spec.name.empty()) bad(origin, h, at + ".name", "missing");
  if (!names.insert(host.spec.name).second)
    bad(origin, h["name"], at + ".name", "duplicate host name '" + host.spec.name + "'");
  if (!h["endpoint"]) bad(origin, h, at + ".endpoint", "missing (unix:///path, tcp://host:port or https://host:port)");
  try {
    host.endpoint = DockerEndpoint::parse(text_of(origin, h["endpoint"], at + ".endpoint"));
  } catch (const DockerError& e) {
    bad(origin, h["endpoint"], at + ".endpoint", e.what());
  }
  host.address = text_of(origin, h["address"], at + ".address");
  if (const YAML::Node standby = h["standby"]) {
    if (!standby.IsScalar() || (standby.Scalar() != "true" && standby.Scalar() != "false"))
      bad(origin, standby, at + ".standby", "expected true or false");
    host.standby = standby.Scalar() == "true";
  }
  const YAML::Node cap = h["capacity"];
  if (!cap || !cap.IsMap()) bad(origin, cap ? cap : h, at + ".capacity", "missing (a map: {cpu: N, memory_mib: N})");
  only_known_keys(origin, cap, at + ".capacity", {"cpu", "memory_mib", "gpu"}, "cpu, memory_mib, gpu");
  host.spec.capacity.cpu = positive(origin, cap, cap["cpu"], at + ".capacity.cpu", true);
  host.spec.capacity.memory_mib = positive(origin, cap, cap["memory_mib"], at + ".capacity.memory_mib", true);
  if (cap["gpu"]) host.spec.capacity.gpu = cap["gpu"].as<double>(0);
  if (const YAML::Node labels = h["labels"]) {
    if (!labels.IsMap()) bad(origin, labels, at + ".labels", "expected a map of strings");
    for (auto it = labels.begin(); it != labels.end(); ++it)
      host.spec.labels[it->first.as<std::string>()] = it->second.as<std::string>("");
  }
  if (const YAML::Node tls = h["tls"]) {
    if (!tls.IsMap()) bad(origin, tls, at + ".tls", "expected a map: {ca: FILE, cert: FILE, key: FILE}");
    only_known_keys(origin, tls, at + ".tls", {"ca", "cert", "key"}, "ca, cert, key");
    host.endpoint.tls_ca = resolve(base_dir, text_of(origin, tls["ca"], at + ".tls.ca"));
    host.endpoint.tls_cert = resolve(base_dir, text_of(origin, tls["cert"], at + ".tls.cert"));
    host.endpoint.tls_key = resolve(base_dir, text_of(origin, tls["key"], at + ".tls.key"));
    if (host.endpoint.tls_cert.empty() != host.endpoint.tls_key.empty())
      bad(origin, tls, at + ".tls", "cert and key go together");
    const std::pair<const char*, const std::string*> files[] = {
        {"ca", &host.endpoint.tls_ca}, {"cert", &host.endpoint.tls_cert}, {"key", &host.endpoint.tls_key}};
    for (const auto& [key, file] : files)
      if (!file->empty() && !std::filesystem::exists(*file)) bad(origin, tls[key], at + ".tls." + key, "no such file " + *file);
  }
  return host;
}

}  // namespace

HostsInventory parse_hosts_inventory(const std::string& text, const std::string& origin, const std::string& base_dir) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw HostsFileError(origin + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  }
  const YAML::Node list = root.IsMap() ? root["hosts"] : YAML::Node();
  if (!list || !list.IsSequence() || list.size() == 0)
    bad(origin, root, "hosts", "expected a non-empty list of hosts");
  HostsInventory out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node h = list[i];
    const std::string at = "hosts[" + std::to_string(i) + "]";
    try {
      out.hosts.push_back(parse_entry(h, at, origin, base_dir, names));
    } catch (const std::exception& e) {
      // HostsFileError says where; a yaml-cpp conversion error (a map where a string belongs) does not
      // always, so it is given the entry's line and field.
      RejectedHost r;
      r.entry = at;
      r.message = dynamic_cast<const HostsFileError*>(&e)
                      ? e.what()
                      : origin + ":" + std::to_string(line_of(h)) + ": " + at + ": " + e.what();
      if (h.IsMap()) {
        if (h["name"] && h["name"].IsScalar()) r.name = h["name"].as<std::string>();
        if (h["endpoint"] && h["endpoint"].IsScalar()) r.endpoint = h["endpoint"].as<std::string>();
      }
      out.rejected.push_back(std::move(r));
    }
  }
  if (out.hosts.empty()) {
    std::string message = origin + ": no usable host (every entry is wrong):";
    for (const RejectedHost& r : out.rejected) message += "\n  " + r.message;
    throw HostsFileError(message);
  }
  return out;
}

std::vector<LiveHost> parse_hosts(const std::string& text, const std::string& origin, const std::string& base_dir) {
  HostsInventory inventory = parse_hosts_inventory(text, origin, base_dir);
  if (!inventory.rejected.empty()) {
    std::string message = inventory.rejected.front().message;
    for (std::size_t i = 1; i < inventory.rejected.size(); ++i) message += "\n" + inventory.rejected[i].message;
    throw HostsFileError(message);
  }
  return std::move(inventory.hosts);
}

namespace {
std::string read_file(const std::string& path) {
  if (std::filesystem::is_directory(path)) throw HostsFileError(path + ": is a directory, not a hosts file");
  std::ifstream in(path);
  if (!in) throw HostsFileError(path + ": cannot read the hosts file");
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) throw HostsFileError(path + ": cannot read the hosts file");
  return text.str();
}
std::string dir_of(const std::string& path) { return std::filesystem::path(path).parent_path().string(); }
}  // namespace

std::vector<LiveHost> load_hosts_file(const std::string& path) { return parse_hosts(read_file(path), path, dir_of(path)); }

HostsInventory load_hosts_inventory(const std::string& path) {
  return parse_hosts_inventory(read_file(path), path, dir_of(path));
}

}  // namespace drydock::live
