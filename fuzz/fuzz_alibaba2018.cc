// libFuzzer target: the Alibaba 2018 parsers on arbitrary bytes. The first byte picks the table
// (machine_meta, container_meta, batch_task, batch_instance), the rest is the file.
#include <memory>
#include <string_view>

#include "fuzz/fuzz_common.h"
#include "traces/alibaba2018.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace drydock::traces;
  if (size == 0) return 0;
  auto table = static_cast<AlibabaTable>(data[0] % 4);
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  fuzz::run_both_modes([&](ReaderOptions o) { return std::make_unique<Alibaba2018Reader>(table, text, "fuzz-input", o); });
  return 0;
}
