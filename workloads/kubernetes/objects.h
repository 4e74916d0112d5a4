// Kubernetes objects as `kubectl get -o yaml` prints them, read from a file (one object, a `List`, or
// several YAML documents) or a folder of such files, and the findings of their import: every field
// drydock cannot model is reported with the object and the field's path, never silently dropped.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace drydock::kube {

struct KubeObject {
  YAML::Node node;
  std::string file;
  std::string api_version, kind, name, ns;  // ns: "default" when the object has none

  // How messages and users name it, as kubectl's short names do: "deploy/web", "kube-system:ds/proxy".
  std::string ref() const;
  // "FILE:LINE" of a node inside the object (of the object itself when `at` is undefined).
  std::string where(const YAML::Node& at) const;
};

// kubectl's short name of a kind ("Deployment" -> "deploy"); the kind itself, lower-cased, otherwise.
std::string short_kind(const std::string& kind);

// True when the file's first YAML document (or any file of the folder) is a Kubernetes object or List:
// a mapping with `apiVersion` and `kind`.
bool is_kubernetes_input(const std::string& path);

// Every object of the file or folder (files *.yaml, *.yml, *.json in name order), Lists flattened.
// Throws std::invalid_argument naming file and line for unreadable YAML or a document that is not an
// object.
std::vector<KubeObject> read_kubernetes_objects(const std::string& path);

struct Finding {
  std::string where;   // FILE:LINE
  std::string object;  // deploy/web
  std::string path;    // spec.template.spec.affinity.podAffinity
  std::string what;    // "not modelled" and why
  std::string text() const { return where + ": " + object + ": " + path + ": " + what; }
};

// Collects what an import could not model.
class Findings {
 public:
  void not_modelled(const KubeObject& o, const YAML::Node& at, const std::string& path, const std::string& why = "");
  // Every key of the mapping `map` must be in `modelled` or `ignored` (known to make no difference to
  // placement in drydock's model); any other key is reported as not modelled.
  void check_keys(const KubeObject& o, const YAML::Node& map, const std::string& path,
                  std::initializer_list<const char*> modelled, std::initializer_list<const char*> ignored);
  const std::vector<Finding>& all() const { return findings_; }

 private:
  std::vector<Finding> findings_;
};

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
std::string join_path(const std::string& path, const std::string& key);

}  // namespace drydock::kube

namespace drydock::kube {
// The shortest text that reads back as exactly `v` ("0.1", "4", "134217728").
std::string number_text(double v);
}  // namespace drydock::kube

namespace drydock::kube {
// n[k1][k2]...: undefined (false) as soon as a level is missing or not a mapping, where yaml-cpp's own
// chained lookups throw.
YAML::Node child(const YAML::Node& n, std::initializer_list<const char*> keys);
}  // namespace drydock::kube
