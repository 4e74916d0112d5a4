#include "live/openapi.h"

namespace drydock::live {

const std::string& openapi_document() {
  static const std::string kDocument = R"json({
  "openapi": "3.0.3",
  "info": {"title": "drydock manager", "version": "1",
           "description": "Desired state of services on the manager's Docker hosts, the way the docker CLI drives a Swarm manager. Off loopback: HTTPS and Authorization: Bearer TOKEN."},
  "paths": {
    "/v1/hosts": {"get": {"summary": "Hosts with health and allocation; unusable hosts.yaml entries as health invalid",
      "responses": {"200": {"description": "hosts", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Host"}}}}}}}},
    "/v1/services": {
      "get": {"summary": "Services with desired and running counts",
        "responses": {"200": {"description": "services", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/ServiceStatus"}}}}}}},
      "post": {"summary": "Create a service",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ServiceCreate"}}}},
        "responses": {"201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Service"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}},
    "/v1/services/{name}": {
      "parameters": [{"$ref": "#/components/parameters/Name"}],
      "delete": {"summary": "Remove a service and its replicas",
        "responses": {"200": {"description": "removed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Removed"}}}},
                      "404": {"$ref": "#/components/responses/Error"}}}},
    "/v1/services/{name}/scale": {
      "parameters": [{"$ref": "#/components/parameters/Name"}],
      "post": {"summary": "Set the desired replica count",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Scale"}}}},
        "responses": {"200": {"description": "the service", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Service"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
    "/v1/services/{name}/update": {
      "parameters": [{"$ref": "#/components/parameters/Name"}],
      "post": {"summary": "Roll out a new image and/or update budget",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Update"}}}},
        "responses": {"200": {"description": "the service", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Service"}}}},
                      "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
    "/v1/services/{name}/replicas": {
      "parameters": [{"$ref": "#/components/parameters/Name"}],
      "get": {"summary": "One row per replica",
        "responses": {"200": {"description": "replicas", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Replica"}}}}},
                      "404": {"$ref": "#/components/responses/Error"}}}},
    "/v1/events": {"get": {"summary": "The run's event log so far (events.csv's rows)",
      "responses": {"200": {"description": "events", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}}}}}}},
    "/metrics": {"get": {"summary": "Prometheus text exposition format 0.0.4",
      "responses": {"200": {"description": "metrics", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
    "/openapi.json": {"get": {"summary": "This document",
      "responses": {"200": {"description": "OpenAPI 3 document", "content": {"application/json": {"schema": {"type": "object"}}}}}}}
  },
  "components": {
    "parameters": {"Name": {"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}},
    "responses": {"Error": {"description": "what was wrong", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
    "schemas": {
      "Error": {"type": "object", "required": ["message"], "additionalProperties": false,
                "properties": {"message": {"type": "string"}}},
      "Host": {"type": "object", "additionalProperties": false,
               "required": ["name", "endpoint", "health", "reachable", "api_version", "last_error", "replicas", "cpu_allocated",
                            "cpu_capacity", "memory_allocated_mib", "memory_capacity_mib"],
               "properties": {"name": {"type": "string"}, "endpoint": {"type": "string"},
                              "health": {"type": "string", "enum": ["unknown", "alive", "suspected", "down", "invalid"]},
                              "reachable": {"type": "boolean"}, "api_version": {"type": "string"}, "last_error": {"type": "string"},
                              "replicas": {"type": "integer"}, "cpu_allocated": {"type": "number"}, "cpu_capacity": {"type": "number"},
                              "memory_allocated_mib": {"type": "number"}, "memory_capacity_mib": {"type": "number"}}},
      "UpdateConfig": {"type": "object", "additionalProperties": false,
                       "properties": {"max_surge": {"type": "string", "description": "a count or a percentage such as 25%"},
                                      "max_unavailable": {"type": "string"}}},
      "Service": {"type": "object", "additionalProperties": false,
                  "required": ["name", "image", "cmd", "replicas", "cpu", "memory_mib", "restart_delay", "max_per_host", "update_config"],
                  "properties": {"name": {"type": "string"}, "image": {"type": "string"},
                                 "cmd": {"type": "array", "items": {"type": "string"}}, "replicas": {"type": "integer"},
                                 "cpu": {"type": "number"}, "memory_mib": {"type": "number"}, "restart_delay": {"type": "number"},
                                 "max_per_host": {"type": "integer"}, "update_config": {"$ref": "#/components/schemas/UpdateConfig"}}},
      "ServiceStatus": {"type": "object", "additionalProperties": false,
                        "required": ["name", "image", "cmd", "replicas", "cpu", "memory_mib", "restart_delay", "max_per_host",
                                     "update_config", "running", "starting", "stopping"],
                        "properties": {"name": {"type": "string"}, "image": {"type": "string"},
                                       "cmd": {"type": "array", "items": {"type": "string"}}, "replicas": {"type": "integer"},
                                       "cpu": {"type": "number"}, "memory_mib": {"type": "number"}, "restart_delay": {"type": "number"},
                                       "max_per_host": {"type": "integer"}, "update_config": {"$ref": "#/components/schemas/UpdateConfig"},
                                       "running": {"type": "integer"}, "starting": {"type": "integer"}, "stopping": {"type": "integer"}}},
      "ServiceCreate": {"type": "object", "required": ["name", "image"], "additionalProperties": false,
                        "properties": {"name": {"type": "string"}, "image": {"type": "string"},
                                       "cmd": {"type": "array", "items": {"type": "string"}}, "replicas": {"type": "integer"},
                                       "cpu": {"type": "number"}, "memory_mib": {"type": "number"}, "restart_delay": {"type": "number"},
                                       "max_per_host": {"type": "integer"}, "update_config": {"$ref": "#/components/schemas/UpdateConfig"}}},
      "Scale": {"type": "object", "required": ["replicas"], "additionalProperties": false,
                "properties": {"replicas": {"type": "integer"}}},
      "Update": {"type": "object", "additionalProperties": false,
                 "properties": {"image": {"type": "string"}, "update_config": {"$ref": "#/components/schemas/UpdateConfig"}}},
      "Removed": {"type": "object", "required": ["removed"], "additionalProperties": false,
                  "properties": {"removed": {"type": "string"}}},
      "Replica": {"type": "object", "required": ["name", "host", "state", "container", "since"], "additionalProperties": false,
                  "properties": {"name": {"type": "string"}, "host": {"type": "string"}, "state": {"type": "string"},
                                 "container": {"type": "string"}, "since": {"type": "number"}}},
      "Event": {"type": "object", "required": ["time", "kind", "service", "replica", "host", "detail"], "additionalProperties": false,
                "properties": {"time": {"type": "number"}, "kind": {"type": "string"}, "service": {"type": "string"},
                               "replica": {"type": "string"}, "host": {"type": "string"}, "detail": {"type": "string"}}}
    }
  }
})json";
  return kDocument;
}

}  // namespace drydock::live
