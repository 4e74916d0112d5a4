// The manager's OpenAPI document against its real answers: every documented route is called (over one
// unreachable host, no daemon needed), and every response, success or error, must have its status
// documented and its body match the documented schema, with no undocumented field. /metrics must be
// well-formed Prometheus text with the manager's figures in it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "live/manager.h"
#include "live/manager_client.h"
#include "live/openapi.h"

namespace drydock::live {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const json& resolve(const json& doc, const json& node) {
  if (!node.contains("$ref")) return node;
  const std::string ref = node["$ref"];  // "#/components/schemas/Host"
  const json* at = &doc;
  std::stringstream parts(ref.substr(2));
  for (std::string part; std::getline(parts, part, '/');) at = &(*at)[part];
  return resolve(doc, *at);
}

// A JSON Schema subset (type, enum, required, properties, additionalProperties: false, items, $ref).
void validate(const json& doc, const json& value, const json& schema_node, const std::string& at, std::vector<std::string>& errors) {
  const json& schema = resolve(doc, schema_node);
  if (schema.contains("type")) {
    const std::string type = schema["type"];
    const bool ok = type == "object"    ? value.is_object()
                    : type == "array"   ? value.is_array()
                    : type == "string"  ? value.is_string()
                    : type == "integer" ? value.is_number_integer()
                    : type == "number"  ? value.is_number()
                    : type == "boolean" ? value.is_boolean()
                                        : false;
    if (!ok) {
      errors.push_back(at + ": expected " + type + ", got " + value.dump());
      return;
    }
  }
  if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
    errors.push_back(at + ": " + value.dump() + " not in the documented enum");
  if (value.is_object()) {
    if (schema.contains("required"))
      for (const auto& r : schema["required"])
        if (!value.contains(r.get<std::string>())) errors.push_back(at + ": required field " + r.get<std::string>() + " missing");
    for (const auto& [k, v] : value.items()) {
      if (schema.contains("properties") && schema["properties"].contains(k))
        validate(doc, v, schema["properties"][k], at + "." + k, errors);
      else if (schema.value("additionalProperties", true) == false)
        errors.push_back(at + ": undocumented field " + k);
    }
  }
  if (value.is_array() && schema.contains("items"))
    for (std::size_t i = 0; i < value.size(); ++i) validate(doc, value[i], schema["items"], at + "[" + std::to_string(i) + "]", errors);
}

// "/v1/services/web/scale" -> "/v1/services/{name}/scale", the document's path template.
std::string template_of(const json& doc, const std::string& path) {
  for (const auto& [tmpl, item] : doc["paths"].items()) {
    const std::regex re("^" + std::regex_replace(tmpl, std::regex(R"(\{[a-z]+\})"), "[^/]+") + "$");
    if (std::regex_match(path, re)) return tmpl;
  }
  return "";
}

struct Cluster {
  fs::path dir = fs::temp_directory_path() / ("drydock-openapi-" + std::to_string(getpid()));
  ManagerOptions options;
  Cluster() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "hosts.yaml") << "hosts:\n  - name: h1\n    endpoint: unix://" << (dir / "no-daemon.sock").string()
                                      << "\n    capacity: {cpu: 4, memory_mib: 4096}\n"
                                      << "  - {name: h2, endpoint: 'tcp://10.0.0.2:port', capacity: {cpu: 1, memory_mib: 64}}\n";
    options.hosts_file = (dir / "hosts.yaml").string();
    options.state = (dir / "state.db").string();
    options.port = 0;
    options.cluster = "t-openapi-" + std::to_string(getpid());
    options.probe_period = 0.2;
    options.verbose = false;
  }
  ~Cluster() { fs::remove_all(dir); }
};

TEST(ManagerOpenApi, EveryDocumentedRouteAnswersAsDocumented) {
  Cluster c;
  Manager m(c.options);
  m.start();
  const ManagerClient client("http://127.0.0.1:" + std::to_string(m.port()), "");
  const ManagerClient::Reply served = client.call("GET", "/openapi.json");
  ASSERT_EQ(served.status, 200);
  const json doc = json::parse(served.body);
  EXPECT_EQ(doc, json::parse(openapi_document()));
  std::set<std::string> exercised;
  const auto check = [&](const std::string& method, const std::string& path, const std::string& body, int want) {
    SCOPED_TRACE(method + " " + path + " " + body);
    const ManagerClient::Reply r = client.call(method, path, body);
    EXPECT_EQ(r.status, want) << r.body;
    const std::string tmpl = template_of(doc, path);
    ASSERT_FALSE(tmpl.empty()) << "undocumented path";
    std::string lower = method;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    ASSERT_TRUE(doc["paths"][tmpl].contains(lower)) << "undocumented method";
    const json& op = doc["paths"][tmpl][lower];
    exercised.insert(lower + " " + tmpl);
    std::vector<std::string> errors;
    if (!body.empty() && op.contains("requestBody"))
      validate(doc, json::parse(body), op["requestBody"]["content"]["application/json"]["schema"], "request", errors);
    const std::string status = std::to_string(r.status);
    ASSERT_TRUE(op["responses"].contains(status)) << "undocumented status " << status << ": " << r.body;
    const json& response = resolve(doc, op["responses"][status]);
    if (response["content"].contains("application/json"))
      validate(doc, json::parse(r.body), response["content"]["application/json"]["schema"], "response", errors);
    for (const auto& e : errors) ADD_FAILURE() << e;
  };
  check("POST", "/v1/services", R"({"name": "web", "image": "web:v1", "replicas": 4, "cpu": 0.5, "memory_mib": 64})", 201);
  check("POST", "/v1/services", R"({"name": "web", "image": "web:v1"})", 409);
  check("POST", "/v1/services", R"({"name": "bad name!", "image": "web:v1"})", 400);
  check("GET", "/v1/services", "", 200);
  check("GET", "/v1/hosts", "", 200);
  check("POST", "/v1/services/web/scale", R"({"replicas": 2})", 200);
  check("POST", "/v1/services/web/scale", R"({"replicas": -2})", 400);
  check("POST", "/v1/services/nope/scale", R"({"replicas": 2})", 404);
  check("POST", "/v1/services/web/update", R"({"image": "web:v2", "update_config": {"max_surge": "1", "max_unavailable": "0"}})", 200);
  check("POST", "/v1/services/web/update", R"({"image": ""})", 400);
  check("POST", "/v1/services/nope/update", R"({"image": "x:1"})", 404);
  check("GET", "/v1/services/web/replicas", "", 200);
  check("GET", "/v1/services/nope/replicas", "", 404);
  check("GET", "/v1/events", "", 200);
  check("GET", "/metrics", "", 200);
  check("GET", "/openapi.json", "", 200);
  check("DELETE", "/v1/services/web", "", 200);
  check("DELETE", "/v1/services/web", "", 404);
  std::set<std::string> documented;
  for (const auto& [tmpl, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items())
      if (method != "parameters") documented.insert(method + " " + tmpl);
  EXPECT_EQ(exercised, documented);
  m.stop();
}

TEST(ManagerMetrics, MetricsAreWellFormedPrometheusTextWithTheManagersFigures) {
  Cluster c;
  Manager m(c.options);
  m.start();
  const ManagerClient client("http://127.0.0.1:" + std::to_string(m.port()), "");
  ASSERT_EQ(client.call("POST", "/v1/services", R"({"name": "web", "image": "web:v1", "replicas": 3})").status, 201);
  const ManagerClient::Reply r = client.call("GET", "/metrics");
  ASSERT_EQ(r.status, 200);
  const std::regex sample(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|NaN)$)");
  std::set<std::string> typed;
  std::map<std::string, double> values;
  std::istringstream lines(r.body);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# TYPE ", 0) == 0) {
      std::istringstream t(line.substr(7));
      std::string name, type;
      t >> name >> type;
      EXPECT_TRUE(type == "gauge" || type == "counter" || type == "histogram") << line;
      typed.insert(name);
      continue;
    }
    if (line.rfind("# HELP ", 0) == 0) continue;
    std::smatch mm;
    ASSERT_TRUE(std::regex_match(line, mm, sample)) << line;
    std::string family = mm[1];
    for (const char* suffix : {"_bucket", "_sum", "_count"})
      if (family.ends_with(suffix) && typed.count(family.substr(0, family.size() - std::strlen(suffix))))
        family = family.substr(0, family.size() - std::strlen(suffix));
    EXPECT_TRUE(typed.count(family)) << "sample before its TYPE: " << line;
    values[line.substr(0, line.rfind(' '))] = std::stod(line.substr(line.rfind(' ') + 1));
  }
  EXPECT_EQ(values["drydock_services"], 1);
  EXPECT_EQ(values["drydock_service_replicas_desired{service=\"web\"}"], 3);
  EXPECT_EQ(values["drydock_service_replicas_running{service=\"web\"}"], 0);  // its only host has no daemon
  EXPECT_EQ(values["drydock_hosts{health=\"invalid\"}"], 1);
  EXPECT_GE(values["drydock_api_request_duration_seconds_count"], 1);
  EXPECT_GE(values["drydock_reconcile_duration_seconds_count"], 1);
  EXPECT_EQ(values["drydock_reconcile_duration_seconds_bucket{le=\"+Inf\"}"], values["drydock_reconcile_duration_seconds_count"]);
  m.stop();
}

}  // namespace
}  // namespace drydock::live
