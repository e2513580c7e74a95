// An RFC 4180 CSV reader that streams its input: a file (read in chunks,
// never whole) or bytes already in memory.
//
// Accepts LF, CRLF and lone-CR line endings, quoted fields with doubled
// quotes and embedded line breaks, and a leading UTF-8 byte order mark.
// Refuses UTF-16 and UTF-32 files (by their byte order mark) and NUL bytes.
// Errors are gb::Error located at file:line:column, columns counted in
// characters from 1.
//
// Memory is bounded whatever the input: the reader holds the record being
// read and one chunk ahead, and refuses, naming its line, a field longer
// than kMaxFieldBytes, a record longer than kMaxRecordBytes or wider than
// kMaxFields. Bytes are checked (UTF-8, NUL) chunk by chunk as they are
// read, so a file that is not text (/dev/zero, a binary) is refused at
// its first bad byte, not after being read whole.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"

namespace gb::data {

struct CsvField {
  std::string_view text;  // unescaped; valid until the next call to next()
  bool quoted = false;
  std::size_t offset = 0;  // byte offset of the field's first character (in the UTF-8 text)
};

// Where the bytes come from (defined in csv_reader.cpp).
class CsvSource;

class CsvReader {
 public:
  // One field: 1 MiB of the file's bytes (quotes included).
  static constexpr std::size_t kMaxFieldBytes = std::size_t{1} << 20;
  // One record (a row, with every field and line break): 16 MiB.
  static constexpr std::size_t kMaxRecordBytes = std::size_t{16} << 20;
  // Fields in one record: SQLite's default SQLITE_MAX_COLUMN, since a wider
  // file could never be a table.
  static constexpr std::size_t kMaxFields = 2000;
  // An import reads its input more than once (types, then rows). A regular
  // file is read again from the disk; what comes from a pipe or a device is
  // kept as it is read, up to this much, and refused beyond it.
  static constexpr std::size_t kMaxStreamBytes = std::size_t{64} << 20;
  // Bytes read at a time.
  static constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

  // `bytes` is the raw file. With Encoding::Utf8 it must be valid UTF-8
  // (else an error names the first bad byte and suggests --encoding); other
  // encodings are converted as they are read. `name` is used in messages.
  CsvReader(std::string name, std::string bytes, Encoding encoding);
  // Streams `file`: a regular file, or a pipe or device (see
  // kMaxStreamBytes). Messages name it as `file.string()`.
  CsvReader(const std::filesystem::path& file, Encoding encoding);
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  ~CsvReader();

  // Reads the next record. Returns false at the end. Lines that are
  // completely empty are skipped, except in a file whose first record has
  // one field: there an empty line after it is a record of one empty,
  // unquoted field (a row whose only cell is blank), since skipping it would
  // lose that row. The line break that ends the last record never starts
  // another.
  bool next(std::vector<CsvField>& fields);

  // Where the last record began (its line is what messages name).
  SourceLocation record_start() const { return locate(record_start_); }
  // Location of a byte offset in the last record read (as given in
  // CsvField::offset), or at or after its start.
  SourceLocation locate(std::size_t offset) const;
  // Location of the end of the last record (for "too few fields").
  SourceLocation end_of_record() const { return locate(record_end_); }
  // Location of the end of the file (once next() has returned false).
  SourceLocation end_of_file() const;

  // How much of the input has been read, 0..1 (0 when its size is unknown).
  double progress() const;
  const std::string& name() const { return name_; }
  // Restart from the first record. A regular file is read again (and
  // refused if it changed meanwhile); a pipe's bytes are replayed.
  void rewind();

 private:
  enum class Step { Record, End, More };
  void start();
  Step parse(std::vector<CsvField>& fields);
  Step more(std::size_t field_start, std::size_t n);
  void fill();
  void check_new_bytes(std::size_t from);

  std::string name_;
  Encoding encoding_;
  std::unique_ptr<CsvSource> source_;
  std::string buf_;             // UTF-8 text from absolute offset base_; size() is its capacity
  std::string raw_;             // a chunk before conversion (other encodings)
  std::size_t base_ = 0;        // absolute offset of buf_[0], always the start of a line
  std::int64_t base_line_ = 1;  // the line buf_[0] is on
  std::size_t filled_ = 0;      // buf_[0, filled_) holds text read
  std::size_t valid_ = 0;       // buf_[0, valid_) is checked; the rest is an unfinished UTF-8 sequence
  bool done_ = false;           // the source is exhausted and every byte is checked
  std::size_t checked_ = 0;     // absolute: bytes before it were checked, in this pass or an earlier one
  std::size_t bom_ = 0;         // 3 after a UTF-8 byte order mark
  std::size_t pos_ = 0;         // absolute; the start of the next record
  std::size_t record_start_ = 0;
  std::size_t record_end_ = 0;
  std::size_t first_width_ = 0;  // fields in the first record; 0 before it
  std::string scratch_;          // unescaped quoted fields
  std::vector<std::pair<std::size_t, std::size_t>> scratch_spans_;
  std::vector<std::size_t> scratch_fields_;
};

}  // namespace gb::data
