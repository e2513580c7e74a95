// What the workbook reader's files share (xlsx_reader.cpp: the archive, the
// XML stream and the package; xlsx_sheet.cpp: a sheet). Internal to data/.
#pragma once
#include <zip.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"
#include "data/describe.hpp"  // printable
#include "data/xlsx_reader.hpp"
#include "data/zip_handles.hpp"

namespace gb::data {

namespace xlsx_detail {

using data::ZipErrorText;  // data/zip_handles.hpp, shared with pack bundles
using data::ZipFilePtr;
using data::ZipPtr;
using data::ZipSourcePtr;

// "256 MiB"
std::string mib(std::uint64_t bytes);

// What a part's parser hears: element starts and ends (local names, without
// a namespace prefix) and text.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
  // Set by a handler to stop the parse with a message.
  std::optional<std::string> failure;
};

// An attribute's value by local name (no namespace prefix), or nullptr.
const char* attr(const char** attrs, std::string_view name);

}  // namespace xlsx_detail

struct XlsxBook::Impl {
  std::string name;
  XlsxLimits limits;
  std::string bytes;  // the archive reads from here
  xlsx_detail::ZipPtr zip;
  std::map<std::string, zip_uint64_t> entries;
  std::vector<XlsxSheetEntry> sheets;
  bool date1904 = false;
  std::vector<std::string> shared;
  std::vector<bool> date_styles;  // cellXfs index -> a date or time format
  std::vector<bool> time_styles;  // ... a time of day alone

  Error error(const std::string& why) const { return Error(SourceLocation{name, 0, 0}, why); }
  Error part_error(const std::string& part, const std::string& why) const {
    return error("part " + printable(part, 200) + ": " + why);
  }

  void open_archive();

  bool has(const std::string& part) const { return entries.count(part) > 0; }

  // Streams `part` through `h`. Throws on a missing part, bad XML, a DTD,
  // more bytes than the limit, or the handler's failure.
  void parse(const std::string& part, xlsx_detail::XmlHandler& h) const;

  void load();
  void load_styles(const std::string& part);
  void load_shared_strings(const std::string& part);
};

}  // namespace gb::data
