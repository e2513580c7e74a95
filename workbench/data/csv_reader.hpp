// An RFC 4180 CSV reader over a UTF-8 buffer.
//
// Accepts LF, CRLF and lone-CR line endings, quoted fields with doubled
// quotes and embedded line breaks, and a leading UTF-8 byte order mark.
// Refuses UTF-16 and UTF-32 files (by their byte order mark) and NUL bytes.
// Errors are gb::Error located at file:line:column, columns counted in
// characters from 1.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"

namespace gb::data {

struct CsvField {
  std::string_view text;  // unescaped; valid until the next call to next()
  bool quoted = false;
  std::size_t offset = 0;  // byte offset of the field's first character
};

class CsvReader {
 public:
  // `bytes` is the raw file. With Encoding::Utf8 it must be valid UTF-8
  // (else an error names the first bad byte and suggests --encoding); other
  // encodings are converted first. `name` is used in messages.
  CsvReader(std::string name, std::string bytes, Encoding encoding);

  // Reads the next record. Returns false at the end. Lines that are
  // completely empty are skipped, except in a file whose first record has
  // one field: there an empty line after it is a record of one empty,
  // unquoted field (a row whose only cell is blank), since skipping it would
  // lose that row. The line break that ends the last record never starts
  // another.
  bool next(std::vector<CsvField>& fields);

  // Where the last record began (its line is what messages name).
  SourceLocation record_start() const { return locate(record_start_); }
  // Location of a byte offset (as given in CsvField::offset).
  SourceLocation locate(std::size_t offset) const;
  // Location of the end of the last record (for "too few fields").
  SourceLocation end_of_record() const { return locate(record_end_); }
  // Location of the end of the file.
  SourceLocation end_of_file() const { return locate(data_.size()); }

  std::size_t position() const { return pos_; }
  std::size_t size() const { return data_.size(); }
  const std::string& name() const { return name_; }
  // Restart from the first record.
  void rewind();

 private:
  std::string name_;
  std::string data_;
  std::size_t start_ = 0;  // after the BOM
  std::size_t pos_ = 0;
  std::size_t record_start_ = 0;
  std::size_t record_end_ = 0;
  std::size_t first_width_ = 0;     // fields in the first record; 0 before it
  std::string scratch_;             // unescaped quoted fields
  std::vector<std::pair<std::size_t, std::size_t>> scratch_spans_;
  // Line starts seen so far, for locate(); lines are found lazily.
  mutable std::vector<std::size_t> line_starts_;
};

}  // namespace gb::data
