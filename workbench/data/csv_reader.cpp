#include "data/csv_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace gb::data {

// Where a reader's bytes come from: read in order, and read again from the
// start after rewind().
class CsvSource {
 public:
  virtual ~CsvSource() = default;
  // Up to `n` bytes; 0 at the end.
  virtual std::size_t read(char* out, std::size_t n) = 0;
  virtual void rewind() = 0;
  virtual std::uint64_t size() const = 0;  // 0 when not known
  virtual std::uint64_t position() const = 0;
};

namespace {

class StringSource final : public CsvSource {
 public:
  explicit StringSource(std::string bytes) : bytes_(std::move(bytes)) {}
  std::size_t read(char* out, std::size_t n) override {
    n = std::min(n, bytes_.size() - pos_);
    std::memcpy(out, bytes_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  void rewind() override { pos_ = 0; }
  std::uint64_t size() const override { return bytes_.size(); }
  std::uint64_t position() const override { return pos_; }

 private:
  std::string bytes_;
  std::size_t pos_ = 0;
};

std::string sizes_text(std::size_t bytes) {
  return std::to_string(bytes >> 20) + " MiB";
}

// A file, streamed. A regular file is read again from the disk after a
// rewind (refused if it changed in between); the bytes of a pipe or device
// can be read only once, so they are kept, up to kMaxStreamBytes.
class FileSource final : public CsvSource {
 public:
  explicit FileSource(const std::filesystem::path& file) : name_(file.string()) {
    fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw Error(where(), std::string("cannot open the file for reading: ") + std::strerror(errno));
    if (::fstat(fd_, &st_) != 0) {
      const int e = errno;
      ::close(fd_);
      throw Error(where(), std::string("cannot read the file: ") + std::strerror(e));
    }
    if (S_ISDIR(st_.st_mode)) {
      ::close(fd_);
      throw Error(where(), "is a folder, not a file");
    }
    regular_ = S_ISREG(st_.st_mode);
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  ~FileSource() override { ::close(fd_); }

  std::size_t read(char* out, std::size_t n) override {
    if (replay_pos_ < replay_.size()) {  // a pipe's bytes, again
      n = std::min(n, replay_.size() - replay_pos_);
      std::memcpy(out, replay_.data() + replay_pos_, n);
      replay_pos_ += n;
      position_ += n;
      return n;
    }
    for (;;) {
      const ssize_t got = ::read(fd_, out, n);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) throw Error(where(), std::string("cannot read the file: ") + std::strerror(errno));
      const auto g = static_cast<std::size_t>(got);
      if (!regular_) {
        if (replay_.size() + g > CsvReader::kMaxStreamBytes)
          throw Error(where(), "is a pipe or device, not a regular file, and gave more than " +
                                   sizes_text(CsvReader::kMaxStreamBytes) +
                                   ": an import reads its input twice (the types, then the rows), so from a pipe it "
                                   "keeps what it read, up to that much. Save it to a file and import the file");
        replay_.append(out, g);
        replay_pos_ = replay_.size();
      }
      position_ += g;
      return g;
    }
  }

  void rewind() override {
    position_ = 0;
    if (!regular_) {
      replay_pos_ = 0;
      return;
    }
    struct stat now {};
    if (::fstat(fd_, &now) != 0) throw Error(where(), std::string("cannot read the file: ") + std::strerror(errno));
    if (now.st_size != st_.st_size || now.st_mtim.tv_sec != st_.st_mtim.tv_sec ||
        now.st_mtim.tv_nsec != st_.st_mtim.tv_nsec)
      throw Error(where(),
                  "changed while it was being imported (it is read twice: the types, then the rows); "
                  "import it again once nothing is writing to it");
    if (::lseek(fd_, 0, SEEK_SET) != 0)
      throw Error(where(), std::string("cannot read the file again: ") + std::strerror(errno));
  }

  std::uint64_t size() const override {
    return regular_ && st_.st_size > 0 ? static_cast<std::uint64_t>(st_.st_size) : 0;
  }
  std::uint64_t position() const override { return position_; }

 private:
  SourceLocation where() const { return {name_, 0, 0}; }

  std::string name_;
  int fd_ = -1;
  struct stat st_ {};
  bool regular_ = false;
  std::string replay_;
  std::size_t replay_pos_ = 0;
  std::uint64_t position_ = 0;
};

// The name of a UTF-16 or UTF-32 byte order mark at the start of `bytes`.
const char* wide_encoding(std::string_view bytes) {
  if (bytes.starts_with(std::string_view("\xFF\xFE\0\0", 4)) || bytes.starts_with(std::string_view("\0\0\xFE\xFF", 4)))
    return "UTF-32";
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return "UTF-16";
  return nullptr;
}

// Bytes of `w` equal to `c`, as their top bits (exact up to the first one,
// which is all the caller uses).
inline std::uint64_t bytes_equal(std::uint64_t w, char c) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const std::uint64_t x = w ^ (ones * static_cast<unsigned char>(c));
  return (x - ones) & ~x & highs;
}

// The number of bytes of `w` equal to `c` (exact).
inline int count_equal(std::uint64_t w, char c) {
  constexpr std::uint64_t lows = 0x7F7F7F7F7F7F7F7FULL;
  const std::uint64_t x = w ^ (0x0101010101010101ULL * static_cast<unsigned char>(c));
  return std::popcount(~(((x & lows) + lows) | x | lows));
}

// The end of an unquoted field starting at `pos`: the first ',', '\n' or
// '\r', or `n`. Eight bytes at a time, since most of a CSV is unquoted text.
std::size_t unquoted_end(const char* d, std::size_t pos, std::size_t n) {
  while (pos + 8 <= n) {
    std::uint64_t w;
    std::memcpy(&w, d + pos, 8);
    const std::uint64_t hit = bytes_equal(w, ',') | bytes_equal(w, '\n') | bytes_equal(w, '\r');
    if (hit) {
      if constexpr (std::endian::native == std::endian::little)
        return pos + static_cast<std::size_t>(std::countr_zero(hit)) / 8;
      break;  // big-endian: finish byte by byte
    }
    pos += 8;
  }
  while (pos < n && d[pos] != ',' && d[pos] != '\n' && d[pos] != '\r') ++pos;
  return pos;
}

// Lines that start in d[0, k) after its first byte: each LF, each CR not
// followed by LF (d[k] is a line start, so a CR at k - 1 is alone).
std::int64_t line_breaks(const char* d, std::size_t k) {
  std::int64_t n = 0;
  std::size_t i = 0;
  for (; i + 8 <= k; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, d + i, 8);
    n += count_equal(w, '\n');
  }
  for (; i < k; ++i) n += d[i] == '\n';
  for (const char* p = d; (p = static_cast<const char*>(std::memchr(p, '\r', static_cast<std::size_t>(d + k - p))));) {
    if (p + 1 == d + k || p[1] != '\n') ++n;
    ++p;
  }
  return n;
}

// Where checking may stop in d[from, n) while more bytes may follow: before
// a UTF-8 sequence whose last bytes have not been read yet.
std::size_t complete_utf8_end(const char* d, std::size_t from, std::size_t n) {
  std::size_t i = n;
  for (int back = 0; back < 3 && i > from; ++back) {
    const auto c = static_cast<unsigned char>(d[i - 1]);
    if ((c & 0xC0) != 0x80) {
      const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      return n - (i - 1) < len ? i - 1 : n;
    }
    --i;
  }
  return n;
}

}  // namespace

CsvReader::CsvReader(std::string name, std::string bytes, Encoding encoding)
    : name_(std::move(name)), encoding_(encoding), source_(std::make_unique<StringSource>(std::move(bytes))) {
  start();
}

CsvReader::CsvReader(const std::filesystem::path& file, Encoding encoding)
    : name_(file.string()), encoding_(encoding), source_(std::make_unique<FileSource>(file)) {
  start();
}

CsvReader::~CsvReader() = default;

void CsvReader::start() {
  base_ = 0;
  base_line_ = 1;
  filled_ = valid_ = 0;
  done_ = false;
  bom_ = 0;
  pos_ = 0;
  fill();
  pos_ = record_start_ = record_end_ = bom_;
  first_width_ = 0;
}

void CsvReader::rewind() {
  source_->rewind();
  start();
}

double CsvReader::progress() const {
  const auto size = source_->size();
  if (size == 0) return 0;
  return std::min(1.0, static_cast<double>(source_->position()) / static_cast<double>(size));
}

void CsvReader::fill() {
  // Drop what is before the next record, counting its lines.
  const std::size_t k = pos_ - base_;
  if (k > 0) {
    base_line_ += line_breaks(buf_.data(), k);
    std::memmove(buf_.data(), buf_.data() + k, filled_ - k);
    filled_ -= k;
    valid_ -= k;
    base_ += k;
  }
  // At least a chunk, and at least as much as is held, so that a long
  // record is parsed again only a few times; never much past the limit.
  std::size_t want = std::max(kChunkBytes, filled_);
  if (filled_ + want > kMaxRecordBytes + kChunkBytes)
    want = std::max(kChunkBytes, kMaxRecordBytes + kChunkBytes - std::min(filled_, kMaxRecordBytes));
  const bool first = base_ == 0 && filled_ == 0;
  char* into;
  if (encoding_ == Encoding::Utf8) {
    if (buf_.size() < filled_ + want) buf_.resize(filled_ + want);
    into = buf_.data() + filled_;
  } else {
    raw_.resize(want);
    into = raw_.data();
  }
  std::size_t got = 0;
  bool exhausted = false;
  while (got < want) {
    const std::size_t g = source_->read(into + got, want - got);
    if (g == 0) {
      exhausted = true;
      break;
    }
    got += g;
  }
  // Excel's "Unicode text" is UTF-16: without this check its NUL bytes
  // would be the first complaint, which says nothing useful.
  if (first)
    if (const char* wide = wide_encoding(std::string_view(into, got)))
      throw Error(SourceLocation{name_, 1, 1},
                  std::string("the file is ") + wide + "; save it as CSV UTF-8 (in Excel: Save As, \"CSV UTF-8\")");
  if (encoding_ == Encoding::Utf8) {
    filled_ += got;
  } else {
    const std::string text = to_utf8(std::string_view(into, got), encoding_);
    if (buf_.size() < filled_ + text.size()) buf_.resize(filled_ + text.size());
    std::memcpy(buf_.data() + filled_, text.data(), text.size());
    filled_ += text.size();
  }
  // The byte order mark is found before anything is located, so that
  // columns on line 1 are counted from after it.
  if (first && std::string_view(buf_.data(), filled_).starts_with("\xEF\xBB\xBF")) bom_ = 3;
  const std::size_t from = valid_;
  valid_ = exhausted || encoding_ != Encoding::Utf8 ? filled_ : complete_utf8_end(buf_.data(), valid_, filled_);
  // Bytes an earlier pass checked are the same bytes (a file is refused if
  // it changed; a pipe's are replayed): check only what is new.
  const std::size_t unchecked = std::max(from, std::min(checked_ > base_ ? checked_ - base_ : 0, valid_));
  if (unchecked < valid_) check_new_bytes(unchecked);
  checked_ = std::max(checked_, base_ + valid_);
  done_ = exhausted;
}

void CsvReader::check_new_bytes(std::size_t from) {
  const std::string_view text(buf_.data() + from, valid_ - from);
  const void* nul_at = std::memchr(text.data(), '\0', text.size());
  const std::size_t nul =
      nul_at ? static_cast<std::size_t>(static_cast<const char*>(nul_at) - text.data()) : text.size();
  if (encoding_ == Encoding::Utf8) {
    if (const auto bad = find_invalid_utf8(text); bad && *bad < nul) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[*bad]));
      throw Error(locate(base_ + from + *bad), std::string("the file is not valid UTF-8 (byte ") + hex +
                                                   "); if it was saved from Excel, try --encoding cp1252 (or latin1)");
    }
  }
  if (nul < text.size())
    throw Error(locate(base_ + from + nul),
                "a NUL byte: the file may be UTF-16 or binary, not CSV text (save it as CSV UTF-8)");
}

SourceLocation CsvReader::locate(std::size_t offset) const {
  const char* d = buf_.data();
  const std::size_t rel = offset < base_ ? 0 : std::min(offset - base_, filled_);
  std::int64_t line = base_line_;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < rel; ++i) {
    if (d[i] == '\n') {
      ++line;
      begin = i + 1;
    } else if (d[i] == '\r') {
      const std::size_t next = i + 1 < filled_ && d[i + 1] == '\n' ? i + 2 : i + 1;
      if (next > rel) break;
      ++line;
      begin = next;
      i = next - 1;
    }
  }
  if (line == 1 && bom_ > base_ + begin) begin = std::min(bom_ - base_, rel);
  const std::size_t column = utf8_length(std::string_view(d + begin, rel - begin)) + 1;
  return {name_, line, static_cast<std::int64_t>(column)};
}

SourceLocation CsvReader::end_of_file() const {
  return locate(base_ + filled_);
}

CsvReader::Step CsvReader::more(std::size_t field_start, std::size_t n) {
  if (n - field_start > kMaxFieldBytes) {
    const bool quoted = buf_[field_start] == '"';
    throw Error(locate(base_ + field_start),
                quoted ? "the quoted field that starts here is longer than " + sizes_text(kMaxFieldBytes) +
                             ", the most one cell may hold: check that its closing quote is there"
                       : "this field is longer than " + sizes_text(kMaxFieldBytes) +
                             ", the most one cell may hold (is the file CSV text?)");
  }
  if (n - (record_start_ - base_) > kMaxRecordBytes)
    throw Error(locate(record_start_), "this record is longer than " + sizes_text(kMaxRecordBytes) +
                                           ", the most one row may hold (is the file CSV text?)");
  return Step::More;
}

bool CsvReader::next(std::vector<CsvField>& fields) {
  for (;;) {
    switch (parse(fields)) {
      case Step::Record:
        return true;
      case Step::End:
        return false;
      case Step::More:
        fill();
        break;
    }
  }
}

// One record from the bytes read so far: Step::More when they end inside it
// (or where the next byte decides, as after a CR) and more may come. Nothing
// but skipped empty lines is committed until the record is complete.
CsvReader::Step CsvReader::parse(std::vector<CsvField>& fields) {
  fields.clear();
  scratch_.clear();
  scratch_spans_.clear();
  scratch_fields_.clear();
  const char* d = buf_.data();
  const std::size_t n = valid_;
  std::size_t p = pos_ - base_;

  if (first_width_ == 1) {
    if (p >= n) return done_ ? Step::End : Step::More;
    if (d[p] == '\n' || d[p] == '\r') {
      if (d[p] == '\r' && p + 1 >= n && !done_) return Step::More;
      record_start_ = record_end_ = base_ + p;
      // Empty, but pointing at p: a null data() would bind as SQL NULL.
      fields.push_back(CsvField{std::string_view(d + p, d + p), false, base_ + p});
      if (d[p] == '\r' && p + 1 < n && d[p + 1] == '\n') ++p;
      pos_ = base_ + p + 1;
      return Step::Record;
    }
  } else {
    // Skip completely empty lines (a CR pair's LF is skipped either way; a
    // CR at the end of what is read waits for the byte after it).
    while (p < n && (d[p] == '\n' || d[p] == '\r')) {
      if (d[p] == '\r' && p + 1 >= n && !done_) break;
      ++p;
    }
    pos_ = base_ + p;
    if (p >= n) return done_ ? Step::End : Step::More;
    if (d[p] == '\r') return Step::More;
  }
  record_start_ = base_ + p;
  const std::size_t rec = p;

  // Quoted fields are unescaped into scratch_; their views are fixed up at
  // the end because scratch_ may reallocate while the record is read.
  for (;;) {
    if (p >= n && !done_) return more(p, n);
    if (fields.size() == kMaxFields)
      throw Error(locate(base_ + p), "this record has more than " + std::to_string(kMaxFields) +
                                         " fields, but an SQLite table can have at most " + std::to_string(kMaxFields) +
                                         " columns (this is field " + std::to_string(kMaxFields + 1) + ")");
    CsvField f;
    f.offset = base_ + p;
    if (p < n && d[p] == '"') {
      f.quoted = true;
      const std::size_t open = p;
      ++p;
      const std::size_t begin = scratch_.size();
      for (;;) {
        const char* q = static_cast<const char*>(std::memchr(d + p, '"', n - p));
        if (!q) {
          if (!done_) return more(open, n);
          throw Error(locate(base_ + open), "unterminated quoted field: the quote opened here is never closed");
        }
        const std::size_t qpos = static_cast<std::size_t>(q - d);
        scratch_.append(d + p, qpos - p);
        p = qpos + 1;
        if (p >= n && !done_) return more(open, n);
        if (p < n && d[p] == '"') {  // doubled quote
          scratch_.push_back('"');
          ++p;
          continue;
        }
        break;
      }
      if (p - open > kMaxFieldBytes) return more(open, p);  // throws
      scratch_spans_.emplace_back(begin, scratch_.size() - begin);
      scratch_fields_.push_back(fields.size());
      if (p < n && d[p] != ',' && d[p] != '\n' && d[p] != '\r') {
        throw Error(locate(base_ + p), std::string("unexpected character '") + d[p] +
                                           "' after a closing quote (a quote inside a quoted field must be doubled)");
      }
    } else {
      const std::size_t e = unquoted_end(d, p, n);
      if (e >= n && !done_) return more(p, n);
      if (e - p > kMaxFieldBytes) return more(p, e);  // throws
      f.text = std::string_view(d + p, e - p);
      p = e;
    }
    fields.push_back(f);
    if (p - rec > kMaxRecordBytes) return more(p, p);  // throws
    if (p >= n) {
      record_end_ = base_ + n;
      break;
    }
    if (d[p] == ',') {
      ++p;
      continue;
    }
    if (d[p] == '\r' && p + 1 >= n && !done_) return more(p, n);
    record_end_ = base_ + p;  // the line break that ends the record
    if (d[p] == '\r' && p + 1 < n && d[p + 1] == '\n') ++p;
    ++p;
    break;
  }
  for (std::size_t k = 0; k < scratch_fields_.size(); ++k) {
    const auto [b, len] = scratch_spans_[k];
    fields[scratch_fields_[k]].text = std::string_view(scratch_).substr(b, len);
  }
  if (first_width_ == 0) first_width_ = fields.size();
  pos_ = base_ + p;
  return Step::Record;
}

}  // namespace gb::data
