// libzip, loaded on first use (core/lazy_library.hpp): pack bundles
// (script/bundle.cpp) and workbooks read (xlsx_reader.cpp) are its only
// users, and linking it loaded OpenSSL's libcrypto, bzip2 and zlib into
// every command. Each function those files call is defined here.
#include <zip.h>

#include "core/lazy_library.hpp"

namespace {
constexpr gb::LazyLibrary kLibzip{"libzip.so.4", "reading pack bundles and workbooks", "libzip4"};
}  // namespace

extern "C" {

GB_LAZY_FUNCTION(kLibzip, const char*, zip_strerror, (zip_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, void, zip_stat_init, (zip_stat_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, zip_source_t*, zip_source_buffer_create,
                 (const void* a0, zip_uint64_t a1, int a2, zip_error_t* a3), (a0, a1, a2, a3))
GB_LAZY_FUNCTION(kLibzip, zip_t*, zip_open_from_source, (zip_source_t * a0, int a1, zip_error_t* a2), (a0, a1, a2))
GB_LAZY_FUNCTION(kLibzip, int, zip_stat_index, (zip_t * a0, zip_uint64_t a1, zip_flags_t a2, zip_stat_t* a3),
                 (a0, a1, a2, a3))
GB_LAZY_FUNCTION(kLibzip, void, zip_source_free, (zip_source_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, zip_int64_t, zip_get_num_entries, (zip_t * a0, zip_flags_t a1), (a0, a1))
GB_LAZY_FUNCTION(kLibzip, const char*, zip_get_name, (zip_t * a0, zip_uint64_t a1, zip_flags_t a2), (a0, a1, a2))
GB_LAZY_FUNCTION(kLibzip, zip_int64_t, zip_fread, (zip_file_t * a0, void* a1, zip_uint64_t a2), (a0, a1, a2))
GB_LAZY_FUNCTION(kLibzip, zip_file_t*, zip_fopen_index, (zip_t * a0, zip_uint64_t a1, zip_flags_t a2), (a0, a1, a2))
GB_LAZY_FUNCTION(kLibzip, const char*, zip_file_strerror, (zip_file_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, int, zip_source_stat, (zip_source_t * a0, zip_stat_t* a1), (a0, a1))
GB_LAZY_FUNCTION(kLibzip, zip_int64_t, zip_source_read, (zip_source_t * a0, void* a1, zip_uint64_t a2), (a0, a1, a2))
GB_LAZY_FUNCTION(kLibzip, int, zip_source_open, (zip_source_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, void, zip_source_keep, (zip_source_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, int, zip_source_close, (zip_source_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, zip_source_t*, zip_source_buffer, (zip_t * a0, const void* a1, zip_uint64_t a2, int a3),
                 (a0, a1, a2, a3))
GB_LAZY_FUNCTION(kLibzip, int, zip_set_file_compression, (zip_t * a0, zip_uint64_t a1, zip_int32_t a2, zip_uint32_t a3),
                 (a0, a1, a2, a3))
GB_LAZY_FUNCTION(kLibzip, int, zip_file_set_external_attributes,
                 (zip_t * a0, zip_uint64_t a1, zip_flags_t a2, zip_uint8_t a3, zip_uint32_t a4), (a0, a1, a2, a3, a4))
GB_LAZY_FUNCTION(kLibzip, int, zip_file_set_dostime,
                 (zip_t * a0, zip_uint64_t a1, zip_uint16_t a2, zip_uint16_t a3, zip_flags_t a4), (a0, a1, a2, a3, a4))
GB_LAZY_FUNCTION(kLibzip, int, zip_file_get_external_attributes,
                 (zip_t * a0, zip_uint64_t a1, zip_flags_t a2, zip_uint8_t* a3, zip_uint32_t* a4), (a0, a1, a2, a3, a4))
GB_LAZY_FUNCTION(kLibzip, zip_int64_t, zip_file_add, (zip_t * a0, const char* a1, zip_source_t* a2, zip_flags_t a3),
                 (a0, a1, a2, a3))
GB_LAZY_FUNCTION(kLibzip, int, zip_fclose, (zip_file_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, const char*, zip_error_strerror, (zip_error_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, void, zip_error_init, (zip_error_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, void, zip_error_fini, (zip_error_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, int, zip_error_code_zip, (const zip_error_t* a0), (a0))
GB_LAZY_FUNCTION(kLibzip, void, zip_discard, (zip_t * a0), (a0))
GB_LAZY_FUNCTION(kLibzip, int, zip_close, (zip_t * a0), (a0))

}  // extern "C"
