// libFuzzer target: the GoogleMachineEventsReader parser on arbitrary bytes (see fuzz/fuzz_common.h for what is checked).
#include <memory>
#include <string_view>

#include "fuzz/fuzz_common.h"
#include "traces/google2011.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace drydock::traces;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  fuzz::run_both_modes([&](ReaderOptions o) { return std::make_unique<GoogleMachineEventsReader>(text, "fuzz-input", o); });
  return 0;
}
