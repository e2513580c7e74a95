// RAII for libzip's handles, for every reader of a zip the project did not
// write (pack bundles, script/bundle.cpp; workbooks, data/xlsx_reader.cpp).
#pragma once
#include <zip.h>

#include <memory>
#include <string>

namespace gb::data {

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct ZipSourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileClose>;
using ZipSourcePtr = std::unique_ptr<zip_source_t, ZipSourceFree>;

// A zip_error_t, initialised and freed, with its message.
struct ZipErrorText {
  zip_error_t e{};
  ZipErrorText() { zip_error_init(&e); }
  ~ZipErrorText() { zip_error_fini(&e); }
  ZipErrorText(const ZipErrorText&) = delete;
  ZipErrorText& operator=(const ZipErrorText&) = delete;
  std::string text() { return zip_error_strerror(&e); }
};

}  // namespace gb::data
