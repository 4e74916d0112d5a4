#include "workloads/kubernetes/objects.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace drydock::kube {
namespace {

namespace fs = std::filesystem;

bool is_object(const YAML::Node& n) { return n.IsMap() && n["apiVersion"] && n["kind"]; }

std::string line_of(const std::string& file, const YAML::Node& n) {
  if (!n.IsDefined() || n.Mark().line < 0) return file;
  return file + ":" + std::to_string(n.Mark().line + 1);
}

std::vector<YAML::Node> load_documents(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::invalid_argument(file + ": cannot open");
  try {
    return YAML::LoadAll(in);
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(file + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg);
  }
}

std::vector<std::string> files_of(const std::string& path) {
  if (!fs::is_directory(path)) return {path};
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(path)) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".json")) files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void add_object(const YAML::Node& n, const std::string& file, std::vector<KubeObject>& out) {
  if (!is_object(n))
    throw std::invalid_argument(line_of(file, n) + ": expected a Kubernetes object (apiVersion and kind)");
  KubeObject o;
  o.node = n;
  o.file = file;
  o.api_version = n["apiVersion"].as<std::string>();
  o.kind = n["kind"].as<std::string>();
  if (o.kind == "List" || (o.kind.size() > 4 && o.kind.ends_with("List") && n["items"])) {
    const YAML::Node items = n["items"];
    if (items && !items.IsSequence()) throw std::invalid_argument(line_of(file, items) + ": items: expected a list");
    if (items)
      for (const auto& item : items) add_object(item, file, out);
    return;
  }
  const YAML::Node meta = n["metadata"];
  if (!meta || !meta.IsMap() || !meta["name"])
    throw std::invalid_argument(line_of(file, n) + ": " + o.kind + ": metadata.name: missing");
  o.name = meta["name"].as<std::string>();
  o.ns = meta["namespace"] ? meta["namespace"].as<std::string>() : "default";
  out.push_back(std::move(o));
}

}  // namespace

std::string short_kind(const std::string& kind) {
  static const std::pair<const char*, const char*> kShort[] = {
      {"Deployment", "deploy"}, {"ReplicaSet", "rs"}, {"StatefulSet", "sts"}, {"DaemonSet", "ds"},
      {"Job", "job"},           {"Pod", "pod"},       {"Node", "node"},     {"CronJob", "cj"}};
  for (const auto& [k, s] : kShort)
    if (kind == k) return s;
  std::string lower = kind;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string KubeObject::ref() const {
  const std::string base = short_kind(kind) + "/" + name;
  return ns == "default" || kind == "Node" ? base : ns + ":" + base;
}

std::string KubeObject::where(const YAML::Node& at) const { return line_of(file, at.IsDefined() ? at : node); }

// Looks at the first YAML document's top-level keys only, without parsing the file (a dump of a large
// cluster is megabytes of YAML that read_kubernetes_objects parses once, later).
static bool first_document_is_object(const std::string& file) {
  std::ifstream in(file);
  bool api_version = false, kind = false, content = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("---", 0) == 0) {
      if (content) break;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    content = true;
    if (line[0] == '{' || line[0] == '"' || line[0] == ' ') {  // JSON, or an indented line: look inside
      api_version = api_version || line.find("\"apiVersion\"") != std::string::npos;
      kind = kind || line.find("\"kind\"") != std::string::npos;
    }
    api_version = api_version || line.rfind("apiVersion:", 0) == 0;
    kind = kind || line.rfind("kind:", 0) == 0;
    if (api_version && kind) return true;
  }
  return false;
}

bool is_kubernetes_input(const std::string& path) {
  if (!fs::exists(path)) return false;
  for (const std::string& file : files_of(path))
    if (first_document_is_object(file)) return true;
  return false;
}

std::vector<KubeObject> read_kubernetes_objects(const std::string& path) {
  if (!fs::exists(path)) throw std::invalid_argument(path + ": no such file or folder");
  std::vector<KubeObject> out;
  for (const std::string& file : files_of(path))
    for (const auto& d : load_documents(file))
      if (d.IsDefined() && !d.IsNull()) add_object(d, file, out);
  return out;
}

std::string join_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

void Findings::not_modelled(const KubeObject& o, const YAML::Node& at, const std::string& path, const std::string& why) {
  findings_.push_back({o.where(at), o.ref(), path, why.empty() ? "not modelled" : "not modelled (" + why + ")"});
}

void Findings::check_keys(const KubeObject& o, const YAML::Node& map, const std::string& path,
                          std::initializer_list<const char*> modelled, std::initializer_list<const char*> ignored) {
  if (!map || !map.IsMap()) return;
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    const auto known = [&](std::initializer_list<const char*> list) {
      return std::any_of(list.begin(), list.end(), [&](const char* k) { return key == k; });
    };
    if (!known(modelled) && !known(ignored)) not_modelled(o, kv.first, join_path(path, key));
  }
}

}  // namespace drydock::kube

#include <charconv>

namespace drydock::kube {
std::string number_text(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}
}  // namespace drydock::kube

namespace drydock::kube {
YAML::Node child(const YAML::Node& n, std::initializer_list<const char*> keys) {
  YAML::Node at;
  at.reset(n);  // yaml-cpp's operator= would assign into the tree, not rebind the handle
  for (const char* k : keys) {
    const YAML::Node& here = at;  // const lookups do not add the key
    if (!here || !here.IsMap() || !here[k]) return YAML::Node(YAML::NodeType::Undefined);
    at.reset(here[k]);
  }
  return at;
}
}  // namespace drydock::kube
