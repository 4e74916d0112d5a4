#include "live/hosts_file.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace drydock::live {
namespace {

[[noreturn]] void bad(const std::string& origin, const YAML::Node& node, const std::string& field,
                      const std::string& what) {
  const int line = node.Mark().line >= 0 ? node.Mark().line + 1 : 0;
  throw HostsFileError(origin + ":" + std::to_string(line) + ": " + field + ": " + what);
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

std::string resolve(const std::string& base_dir, const std::string& p) {
  if (p.empty() || std::filesystem::path(p).is_absolute()) return p;
  return (std::filesystem::path(base_dir) / p).string();
}

}  // namespace

std::vector<LiveHost> parse_hosts(const std::string& text, const std::string& origin, const std::string& base_dir) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw HostsFileError(origin + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  }
  const YAML::Node list = root["hosts"];
  if (!list || !list.IsSequence() || list.size() == 0)
    bad(origin, root, "hosts", "expected a non-empty list of hosts");
  std::vector<LiveHost> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node h = list[i];
    const std::string at = "hosts[" + std::to_string(i) + "]";
    if (!h.IsMap()) bad(origin, h, at, "expected a map with name, endpoint, capacity");
    for (auto it = h.begin(); it != h.end(); ++it) {
      const std::string key = it->first.as<std::string>();
      static const std::set<std::string> known = {"name", "endpoint", "address", "capacity", "labels", "tls"};
      if (!known.count(key)) bad(origin, it->first, at + "." + key, "unknown field (known: name, endpoint, address, capacity, labels, tls)");
    }
    LiveHost host;
    if (!h["name"] || h["name"].as<std::string>("").empty()) bad(origin, h, at + ".name", "missing");
    host.spec.name = h["name"].as<std::string>();
    if (!names.insert(host.spec.name).second)
      bad(origin, h["name"], at + ".name", "duplicate host name '" + host.spec.name + "'");
    if (!h["endpoint"]) bad(origin, h, at + ".endpoint", "missing (unix:///path, tcp://host:port or https://host:port)");
    try {
      host.endpoint = DockerEndpoint::parse(h["endpoint"].as<std::string>());
    } catch (const DockerError& e) {
      bad(origin, h["endpoint"], at + ".endpoint", e.what());
    }
    host.address = h["address"].as<std::string>("");
    const YAML::Node cap = h["capacity"];
    if (!cap || !cap.IsMap()) bad(origin, h, at + ".capacity", "missing (a map: {cpu: N, memory_mib: N})");
    host.spec.capacity.cpu = positive(origin, cap, cap["cpu"], at + ".capacity.cpu", true);
    host.spec.capacity.memory_mib = positive(origin, cap, cap["memory_mib"], at + ".capacity.memory_mib", true);
    if (cap["gpu"]) host.spec.capacity.gpu = cap["gpu"].as<double>(0);
    if (const YAML::Node labels = h["labels"]) {
      if (!labels.IsMap()) bad(origin, labels, at + ".labels", "expected a map of strings");
      for (auto it = labels.begin(); it != labels.end(); ++it)
        host.spec.labels[it->first.as<std::string>()] = it->second.as<std::string>("");
    }
    if (const YAML::Node tls = h["tls"]) {
      host.endpoint.tls_ca = resolve(base_dir, tls["ca"].as<std::string>(""));
      host.endpoint.tls_cert = resolve(base_dir, tls["cert"].as<std::string>(""));
      host.endpoint.tls_key = resolve(base_dir, tls["key"].as<std::string>(""));
      if (host.endpoint.tls_cert.empty() != host.endpoint.tls_key.empty())
        bad(origin, tls, at + ".tls", "cert and key go together");
      for (const std::string* f : {&host.endpoint.tls_ca, &host.endpoint.tls_cert, &host.endpoint.tls_key})
        if (!f->empty() && !std::filesystem::exists(*f)) bad(origin, tls, at + ".tls", "no such file " + *f);
    }
    out.push_back(std::move(host));
  }
  return out;
}

std::vector<LiveHost> load_hosts_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw HostsFileError(path + ": cannot read the hosts file");
  std::stringstream text;
  text << in.rdbuf();
  return parse_hosts(text.str(), path, std::filesystem::path(path).parent_path().string());
}

}  // namespace drydock::live
