// libFuzzer target: the file path of the readers (gzip detection, zlib streaming, truncated and corrupt
// gzip). The input goes into an in-memory file (memfd) that the Google task_events reader opens by path.
// First byte even: the rest is the file as is (seeds include gzip files, mutated into corrupt ones);
// odd: the rest is gzip-compressed first, so valid gzip carries arbitrary text.
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include <memory>
#include <string>
#include <vector>

#include "fuzz/fuzz_common.h"
#include "traces/google2011.h"

namespace {

std::string gzip(const std::uint8_t* data, std::size_t size) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // 15 + 16: gzip wrapper
  std::string out(deflateBound(&z, size) + 32, '\0');
  z.next_in = const_cast<Bytef*>(data);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace drydock::traces;
  if (size == 0) return 0;
  std::string file = (data[0] & 1) ? gzip(data + 1, size - 1) : std::string(reinterpret_cast<const char*>(data + 1), size - 1);
  static int fd = memfd_create("fuzz-input", 0);
  if (fd < 0) return 0;
  if (ftruncate(fd, 0) != 0 || pwrite(fd, file.data(), file.size(), 0) != static_cast<ssize_t>(file.size())) return 0;
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  fuzz::run_both_modes([&](ReaderOptions o) {
    return std::make_unique<GoogleTaskEventsReader>(std::vector<std::string>{path}, o);
  });
  return 0;
}
