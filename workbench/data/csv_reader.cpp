#include "data/csv_reader.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>

namespace gb::data {

namespace {

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

}  // namespace

CsvReader::CsvReader(std::string name, std::string bytes, Encoding encoding) : name_(std::move(name)) {
  // Excel's "Unicode text" is UTF-16: without this check its NUL bytes
  // would be the first complaint, which says nothing useful.
  if (const char* wide = wide_encoding(bytes))
    throw Error(SourceLocation{name_, 1, 1},
                std::string("the file is ") + wide + "; save it as CSV UTF-8 (in Excel: Save As, \"CSV UTF-8\")");
  if (encoding == Encoding::Utf8) {
    data_ = std::move(bytes);
    // The byte order mark is found before anything is located, so that
    // columns on line 1 are counted from after it.
    if (data_.starts_with("\xEF\xBB\xBF")) start_ = 3;
    const auto bad = find_invalid_utf8(data_);
    const auto nul = data_.find('\0');
    if (bad && (nul == std::string::npos || *bad < nul)) {
      SourceLocation where = locate(*bad);
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(data_[*bad]));
      throw Error(where, std::string("the file is not valid UTF-8 (byte ") + hex +
                             "); if it was saved from Excel, try --encoding cp1252 (or latin1)");
    }
  } else {
    data_ = to_utf8(bytes, encoding);
    if (data_.starts_with("\xEF\xBB\xBF")) start_ = 3;
  }
  if (const auto nul = data_.find('\0'); nul != std::string::npos)
    throw Error(locate(nul), "a NUL byte: the file may be UTF-16 or binary, not CSV text (save it as CSV UTF-8)");
  rewind();
}

void CsvReader::rewind() {
  pos_ = start_;
  record_start_ = start_;
  record_end_ = start_;
  first_width_ = 0;
}

SourceLocation CsvReader::locate(std::size_t offset) const {
  // Line starts are collected lazily: errors are rare, so this is only
  // paid for when a message needs it.
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < data_.size(); ++i) {
      if (data_[i] == '\n') {
        line_starts_.push_back(i + 1);
      } else if (data_[i] == '\r') {
        if (i + 1 < data_.size() && data_[i + 1] == '\n') ++i;
        line_starts_.push_back(i + 1);
      }
    }
  }
  offset = std::min(offset, data_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  std::size_t begin = line_starts_[line_index];
  if (line_index == 0) begin = std::max(begin, start_);
  const std::size_t column = utf8_length(std::string_view(data_).substr(begin, offset - begin)) + 1;
  return {name_, static_cast<std::int64_t>(line_index + 1), static_cast<std::int64_t>(column)};
}

bool CsvReader::next(std::vector<CsvField>& fields) {
  fields.clear();
  scratch_.clear();
  scratch_spans_.clear();
  const char* d = data_.data();
  const std::size_t n = data_.size();

  if (first_width_ == 1 && pos_ < n && (d[pos_] == '\n' || d[pos_] == '\r')) {
    record_start_ = record_end_ = pos_;
    fields.push_back(CsvField{std::string_view(d + pos_, 0), false, pos_});
    if (d[pos_] == '\r' && pos_ + 1 < n && d[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    return true;
  }
  // Skip completely empty lines.
  while (pos_ < n && (d[pos_] == '\n' || d[pos_] == '\r')) {
    if (d[pos_] == '\r' && pos_ + 1 < n && d[pos_ + 1] == '\n') ++pos_;
    ++pos_;
  }
  if (pos_ >= n) return false;
  record_start_ = pos_;

  // Quoted fields are unescaped into scratch_; their views are fixed up at
  // the end because scratch_ may reallocate while the record is read.
  std::vector<std::size_t> scratch_field;  // indexes into fields
  for (;;) {
    CsvField f;
    f.offset = pos_;
    if (pos_ < n && d[pos_] == '"') {
      f.quoted = true;
      const std::size_t open = pos_;
      ++pos_;
      const std::size_t begin = scratch_.size();
      for (;;) {
        const char* q = static_cast<const char*>(std::memchr(d + pos_, '"', n - pos_));
        if (!q) {
          throw Error(locate(open), "unterminated quoted field: the quote opened here is never closed");
        }
        const std::size_t qpos = static_cast<std::size_t>(q - d);
        scratch_.append(d + pos_, qpos - pos_);
        pos_ = qpos + 1;
        if (pos_ < n && d[pos_] == '"') {  // doubled quote
          scratch_.push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
      scratch_spans_.emplace_back(begin, scratch_.size() - begin);
      scratch_field.push_back(fields.size());
      if (pos_ < n && d[pos_] != ',' && d[pos_] != '\n' && d[pos_] != '\r') {
        throw Error(locate(pos_), std::string("unexpected character '") + d[pos_] +
                                      "' after a closing quote (a quote inside a quoted field must be doubled)");
      }
    } else {
      const std::size_t e = unquoted_end(d, pos_, n);
      f.text = std::string_view(d + pos_, e - pos_);
      pos_ = e;
    }
    fields.push_back(f);
    if (pos_ >= n) {
      record_end_ = n;
      break;
    }
    if (d[pos_] == ',') {
      ++pos_;
      continue;
    }
    record_end_ = pos_;  // the line break that ends the record
    if (d[pos_] == '\r' && pos_ + 1 < n && d[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    break;
  }
  for (std::size_t k = 0; k < scratch_field.size(); ++k) {
    const auto [b, len] = scratch_spans_[k];
    fields[scratch_field[k]].text = std::string_view(scratch_).substr(b, len);
  }
  if (first_width_ == 0) first_width_ = fields.size();
  return true;
}

}  // namespace gb::data
