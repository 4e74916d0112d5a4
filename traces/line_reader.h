// Lines of one input: a plain file, a gzip file (detected by its magic bytes, not its name) or a buffer.
//
// The reader hands out string_views into its own buffer, valid until the next call, so a parser never
// copies a line. It reads in large blocks because per-line I/O would dominate a 48 MB shard.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::traces {

// Where bytes come from. read() returns 0 at the end and throws std::runtime_error on an I/O error.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::size_t read(char* dst, std::size_t n) = 0;
  // Total bytes when known in advance (0 = unknown): lets a small input use a small buffer.
  virtual std::size_t size_hint() const { return 0; }
};

// Opens `path`, gunzipping when its first two bytes are the gzip magic (1f 8b). Throws when unreadable.
std::unique_ptr<ByteSource> open_byte_source(const std::string& path);
// A source over bytes the caller keeps alive (tests, fuzzing).
std::unique_ptr<ByteSource> memory_byte_source(std::string_view bytes);

class LineReader {
 public:
  LineReader(std::unique_ptr<ByteSource> source, std::string name);
  static LineReader open(const std::string& path) { return LineReader(open_byte_source(path), path); }

  // The next line without its "\n" or "\r\n"; false at the end. A last line without "\n" is returned.
  bool next(std::string_view& line);
  std::uint64_t line_number() const { return line_number_; }  // of the line last returned, 1-based
  std::uint64_t bytes() const { return bytes_; }              // uncompressed bytes consumed so far
  const std::string& name() const { return name_; }

 private:
  bool refill();

  std::unique_ptr<ByteSource> source_;
  std::string name_;
  std::unique_ptr<char[]> buf_;  // uninitialised on purpose: a 1 MiB memset per small input is waste
  std::size_t cap_ = 0;
  std::size_t begin_ = 0, end_ = 0;  // unconsumed bytes are buf_[begin_, end_)
  bool eof_ = false;
  std::uint64_t line_number_ = 0;
  std::uint64_t bytes_ = 0;
};

// The lines of several files read one after the other (sharded tables: part-00000, part-00001, ...).
// Line numbers restart at 1 in each file; file() names the current one.
class ShardedLines {
 public:
  explicit ShardedLines(std::vector<std::string> paths);
  // A single in-memory input called `name`.
  ShardedLines(std::string_view bytes, std::string name);

  bool next(std::string_view& line);
  const std::string& file() const;
  std::uint64_t line_number() const { return current_ ? current_->line_number() : 0; }
  std::uint64_t bytes() const { return done_bytes_ + (current_ ? current_->bytes() : 0); }
  std::size_t shard() const { return index_ == 0 ? 0 : index_ - 1; }  // index of the current input

 private:
  std::vector<std::string> paths_;
  std::string_view memory_;
  std::string memory_name_;
  bool from_memory_ = false;
  std::size_t index_ = 0;  // next input to open
  std::unique_ptr<LineReader> current_;
  std::uint64_t done_bytes_ = 0;
};

}  // namespace drydock::traces
