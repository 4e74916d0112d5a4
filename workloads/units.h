// Quantities with units as people write them in scenario files: "300MB", "512MiB", "1Gbps", "0.1ms".
// Each parser throws std::invalid_argument with a message that says what was expected.
#pragma once

#include <string>

namespace drydock {

double parse_seconds(const std::string& text);        // "5s", "0.1ms", "2m", "1h", "250us"; a bare number = s
double parse_bytes(const std::string& text);          // "300MB", "512MiB", "32GiB", "1.5TB"; bare = bytes
// A memory size ("32GiB", "512MiB"): as parse_bytes, but a bare number other than 0 is refused, since
// `memory: 32` meaning 32 bytes is never what was meant.
double parse_memory(const std::string& text);
double parse_bytes_per_second(const std::string& text);  // "1Gbps" (bits), "125MBps" (bytes); bare = bytes/s

}  // namespace drydock
