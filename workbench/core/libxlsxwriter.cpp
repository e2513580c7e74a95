// libxlsxwriter, loaded on first use (lazy_library.hpp): only workbooks
// written (xlsx_writer.cpp) need it, and linking it loaded minizip and zlib
// into every command. Each function xlsx_writer.cpp calls is defined here.
#include <xlsxwriter.h>

#include "core/lazy_library.hpp"

namespace {
constexpr gb::LazyLibrary kXlsxwriter{"libxlsxwriter.so.4", "writing workbooks (.xlsx)", "libxlsxwriter4"};
}  // namespace

extern "C" {

GB_LAZY_FUNCTION(kXlsxwriter, void, format_set_align, (lxw_format * format, uint8_t alignment), (format, alignment))
GB_LAZY_FUNCTION(kXlsxwriter, void, format_set_bg_color, (lxw_format * format, lxw_color_t color), (format, color))
GB_LAZY_FUNCTION(kXlsxwriter, void, format_set_bold, (lxw_format * format), (format))
GB_LAZY_FUNCTION(kXlsxwriter, void, format_set_bottom, (lxw_format * format, uint8_t style), (format, style))
GB_LAZY_FUNCTION(kXlsxwriter, void, format_set_font_color, (lxw_format * format, lxw_color_t color), (format, color))
GB_LAZY_FUNCTION(kXlsxwriter, void, format_set_num_format, (lxw_format * format, const char* num_format),
                 (format, num_format))
GB_LAZY_FUNCTION(kXlsxwriter, void, format_set_pattern, (lxw_format * format, uint8_t index), (format, index))
GB_LAZY_FUNCTION(kXlsxwriter, void, format_set_text_wrap, (lxw_format * format), (format))
GB_LAZY_FUNCTION(kXlsxwriter, char*, lxw_strerror, (lxw_error error_num), (error_num))
GB_LAZY_FUNCTION(kXlsxwriter, lxw_format*, workbook_add_format, (lxw_workbook * workbook), (workbook))
GB_LAZY_FUNCTION(kXlsxwriter, lxw_worksheet*, workbook_add_worksheet, (lxw_workbook * workbook, const char* sheetname),
                 (workbook, sheetname))
GB_LAZY_FUNCTION(kXlsxwriter, lxw_workbook*, workbook_new_opt, (const char* filename, lxw_workbook_options* options),
                 (filename, options))
GB_LAZY_FUNCTION(kXlsxwriter, lxw_error, workbook_set_properties,
                 (lxw_workbook * workbook, lxw_doc_properties* properties), (workbook, properties))
GB_LAZY_FUNCTION(kXlsxwriter, void, worksheet_freeze_panes, (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col),
                 (worksheet, row, col))
GB_LAZY_FUNCTION(kXlsxwriter, lxw_error, worksheet_set_column,
                 (lxw_worksheet * worksheet, lxw_col_t first_col, lxw_col_t last_col, double width, lxw_format* format),
                 (worksheet, first_col, last_col, width, format))
GB_LAZY_FUNCTION(kXlsxwriter, lxw_error, worksheet_write_boolean,
                 (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, int value, lxw_format* format),
                 (worksheet, row, col, value, format))
GB_LAZY_FUNCTION(kXlsxwriter, lxw_error, worksheet_write_datetime,
                 (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, lxw_datetime* datetime, lxw_format* format),
                 (worksheet, row, col, datetime, format))
GB_LAZY_FUNCTION(kXlsxwriter, lxw_error, worksheet_write_number,
                 (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, double number, lxw_format* format),
                 (worksheet, row, col, number, format))
GB_LAZY_FUNCTION(kXlsxwriter, lxw_error, worksheet_write_string,
                 (lxw_worksheet * worksheet, lxw_row_t row, lxw_col_t col, const char* string, lxw_format* format),
                 (worksheet, row, col, string, format))
GB_LAZY_FUNCTION(kXlsxwriter, lxw_error, workbook_close, (lxw_workbook * workbook), (workbook))

}  // extern "C"
