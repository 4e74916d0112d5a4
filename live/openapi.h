// The manager's HTTP API as an OpenAPI 3.0 document, served at GET /openapi.json. The tests check
// every documented route's real responses against its schemas (tests/live/test_openapi.cc), so the
// document cannot drift from the handlers in manager.cc without a test failing.
#pragma once

#include <string>

namespace drydock::live {

const std::string& openapi_document();  // JSON text

}  // namespace drydock::live
