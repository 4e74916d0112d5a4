#include "traces/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace drydock::traces {

namespace {

constexpr std::size_t kBlock = 1 << 20;  // 1 MiB: large enough that syscalls and inflate calls amortise

// The size of a regular file (0 when unknown): a small file gets a small buffer.
std::size_t file_size(int fd) {
  struct stat st;
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0;
}

class FdSource : public ByteSource {
 public:
  FdSource(int fd, std::string path) : fd_(fd), path_(std::move(path)), size_(file_size(fd)) {}
  std::size_t size_hint() const override { return size_; }
  ~FdSource() override { ::close(fd_); }
  std::size_t read(char* dst, std::size_t n) override {
    for (;;) {
      ssize_t got = ::read(fd_, dst, n);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno != EINTR) throw std::runtime_error(path_ + ": read: " + std::strerror(errno));
    }
  }

 private:
  int fd_;
  std::string path_;
  std::size_t size_;
};

class GzSource : public ByteSource {
 public:
  // zlib's own buffer: 1 MiB for big files, the compressed size (at least 8 KiB) for small ones.
  GzSource(gzFile f, std::string path, std::size_t compressed)
      : f_(f), path_(std::move(path)) {
    std::size_t want = compressed > 0 ? std::clamp<std::size_t>(compressed, 8192, kBlock) : kBlock;
    gzbuffer(f_, static_cast<unsigned>(want));
  }
  ~GzSource() override { gzclose(f_); }
  std::size_t read(char* dst, std::size_t n) override {
    int got = gzread(f_, dst, static_cast<unsigned>(n));
    int err = Z_OK;
    const char* msg = gzerror(f_, &err);
    // A truncated download ends mid-stream: gzread then returns what it has and later 0 with
    // Z_BUF_ERROR set, which must not pass for a clean end of file.
    if (got < 0 || (got == 0 && err != Z_OK))
      throw std::runtime_error(path_ + ": gzip: " + (err == Z_BUF_ERROR ? "truncated input (unexpected end of file)"
                                                                        : (msg ? msg : "error")));
    return static_cast<std::size_t>(got);
  }

 private:
  gzFile f_;
  std::string path_;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  std::size_t read(char* dst, std::size_t n) override {
    n = std::min(n, bytes_.size());
    std::memcpy(dst, bytes_.data(), n);
    bytes_.remove_prefix(n);
    return n;
  }
  std::size_t size_hint() const override { return bytes_.size(); }

 private:
  std::string_view bytes_;
};

}  // namespace

std::unique_ptr<ByteSource> open_byte_source(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(path + ": " + std::strerror(errno));
  unsigned char magic[2] = {0, 0};
  ssize_t got = ::pread(fd, magic, 2, 0);
  if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    std::size_t compressed = file_size(fd);
    gzFile f = gzdopen(fd, "rb");  // takes ownership of fd
    if (!f) {
      ::close(fd);
      throw std::runtime_error(path + ": cannot open as gzip");
    }
    return std::make_unique<GzSource>(f, path, compressed);
  }
  return std::make_unique<FdSource>(fd, path);
}

std::unique_ptr<ByteSource> memory_byte_source(std::string_view bytes) {
  return std::make_unique<MemorySource>(bytes);
}

LineReader::LineReader(std::unique_ptr<ByteSource> source, std::string name)
    : source_(std::move(source)), name_(std::move(name)) {
  std::size_t hint = source_->size_hint();
  cap_ = hint > 0 ? std::min(kBlock, hint + 1) : kBlock;
  buf_.reset(new char[cap_]);
}

bool LineReader::refill() {
  if (eof_) return false;
  // Keep the partial line, move it to the front, grow only when one line is longer than the buffer.
  if (begin_ > 0) {
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == cap_) {
    std::unique_ptr<char[]> bigger(new char[cap_ * 2]);
    std::memcpy(bigger.get(), buf_.get(), end_);
    buf_ = std::move(bigger);
    cap_ *= 2;
  }
  std::size_t got = source_->read(buf_.get() + end_, cap_ - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool LineReader::next(std::string_view& line) {
  std::size_t scan_from = begin_;
  for (;;) {
    const char* start = buf_.get() + scan_from;
    const void* nl = std::memchr(start, '\n', end_ - scan_from);
    if (nl) {
      const char* b = buf_.get() + begin_;
      const char* e = static_cast<const char*>(nl);
      std::size_t consumed = static_cast<std::size_t>(e - b) + 1;
      if (e > b && e[-1] == '\r') --e;
      line = std::string_view(b, static_cast<std::size_t>(e - b));
      begin_ += consumed;
      bytes_ += consumed;
      ++line_number_;
      return true;
    }
    std::size_t scanned = end_ - begin_;
    if (!refill()) break;
    scan_from = begin_ + scanned;  // do not rescan what had no newline
  }
  if (begin_ == end_) return false;
  // The last line has no newline.
  const char* b = buf_.get() + begin_;
  std::size_t n = end_ - begin_;
  bytes_ += n;
  begin_ = end_;
  if (n > 0 && b[n - 1] == '\r') --n;
  line = std::string_view(b, n);
  ++line_number_;
  return true;
}

ShardedLines::ShardedLines(std::vector<std::string> paths) : paths_(std::move(paths)) {}

ShardedLines::ShardedLines(std::string_view bytes, std::string name)
    : memory_(bytes), memory_name_(std::move(name)), from_memory_(true) {}

const std::string& ShardedLines::file() const {
  static const std::string kNone;
  return current_ ? current_->name() : kNone;
}

bool ShardedLines::next(std::string_view& line) {
  for (;;) {
    if (current_ && current_->next(line)) return true;
    std::size_t inputs = from_memory_ ? 1 : paths_.size();
    if (index_ >= inputs) return false;
    if (current_) done_bytes_ += current_->bytes();
    if (from_memory_)
      current_ = std::make_unique<LineReader>(memory_byte_source(memory_), memory_name_);
    else
      current_ = std::make_unique<LineReader>(LineReader::open(paths_[index_]));
    ++index_;
  }
}

}  // namespace drydock::traces
