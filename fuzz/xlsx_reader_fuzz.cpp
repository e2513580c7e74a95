// Fuzz target: the workbook reader (data/xlsx_reader.hpp), which reads
// .xlsx files that arrive by email from anyone. Input: the workbook's
// bytes, as `govbench import FILE.xlsx` and `govbench sheets` read them.
//
// Invariants: only gb::Error (or bad_alloc) escapes; every sheet listed
// reads or is refused with a gb::Error; a sheet read has a used range
// inside Excel's limits, a dense grid exactly the size of its area, its
// hidden rows and columns and merges inside the sheet, formula cells
// without a value listed as real cell references, and every date cell a
// YYYY-MM-DD date (with a time) or a time.
#include <cstdint>
#include <exception>
#include <new>
#include <string>

#include "core/error.hpp"
#include "core/xlsx_writer.hpp"
#include "data/xlsx_reader.hpp"
#include "fuzz_support.hpp"

namespace {
constexpr const char* kTarget = "xlsx_reader";

bool date_like(const std::string& t) {
  auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
      if (i >= t.size() || t[i] < '0' || t[i] > '9') return false;
    return true;
  };
  if (t.size() == 8) return digits(0, 2) && t[2] == ':' && digits(3, 2) && t[5] == ':' && digits(6, 2);
  if (t.size() != 10 && t.size() != 19) return false;
  return digits(0, 4) && t[4] == '-' && digits(5, 2) && t[7] == '-' && digits(8, 2);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gb::data::XlsxLimits limits;  // smaller than an import's, so each input stays quick
  limits.max_part_bytes = 4u << 20;
  limits.max_total_bytes = 16u << 20;
  limits.max_shared_strings = 20000;
  limits.max_cells = 200000;
  limits.max_cell_bytes = 64u << 10;
  try {
    gb::data::XlsxBook book("fuzz.xlsx", std::string(gbfuzz::as_view(data, size)), limits);
    for (std::size_t i = 0; i < book.sheets().size() && i < 8; ++i) {
      gb::data::XlsxSheet s;
      try {
        s = book.read_sheet(i);
      } catch (const gb::Error&) {
        continue;
      }
      if (!s.used.empty()) {
        GBFUZZ_CHECK(kTarget, s.used.first_row >= 0 && s.used.last_row < gb::xlsx::kMaxRows,
                     "used range outside the rows");
        GBFUZZ_CHECK(kTarget, s.used.first_col >= 0 && s.used.last_col < gb::xlsx::kMaxColumns,
                     "used range outside the columns");
        GBFUZZ_CHECK(kTarget, static_cast<std::int64_t>(s.rows.size()) == s.area.rows(), "grid rows != area rows");
        for (const auto& row : s.rows) {
          GBFUZZ_CHECK(kTarget, static_cast<std::int64_t>(row.size()) == s.area.cols(), "a ragged grid");
          for (const auto& c : row)
            if (c.kind == gb::data::XlsxCell::Kind::Date)
              GBFUZZ_CHECK(kTarget, date_like(c.text), "a date cell that is no date: " + c.text);
        }
      }
      for (auto r : s.hidden_rows) GBFUZZ_CHECK(kTarget, r >= 0 && r < gb::xlsx::kMaxRows, "hidden row outside");
      for (auto c : s.hidden_cols) GBFUZZ_CHECK(kTarget, c >= 0 && c < gb::xlsx::kMaxColumns, "hidden column outside");
      for (const auto& ref : s.uncached)
        GBFUZZ_CHECK(kTarget, gb::data::parse_cell_ref(ref).has_value(), "uncached formula at a non-cell: " + ref);
    }
  } catch (const gb::Error&) {
    return 0;
  } catch (const std::bad_alloc&) {
    return 0;
  } catch (const std::exception& e) {
    gbfuzz::violated(kTarget, std::string("threw something else than gb::Error: ") + e.what());
  }
  return 0;
}
