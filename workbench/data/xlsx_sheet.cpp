// A worksheet's cells, merges and hidden rows (xlsx_reader.hpp).
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>

#include "core/dates.hpp"
#include "core/xlsx_writer.hpp"  // cell_ref and the sheet limits
#include "data/xlsx_internal.hpp"

namespace gb::data {

using namespace xlsx_detail;

// ---- a sheet ------------------------------------------------------------------------

namespace {

struct SheetContext {
  const std::vector<std::string>* shared = nullptr;
  const std::vector<bool>* date_styles = nullptr;
  const std::vector<bool>* time_styles = nullptr;
  bool date1904 = false;
  const XlsxLimits* limits = nullptr;
  std::optional<XlsxRange> want;
  bool store = true;
};

class SheetHandler : public XmlHandler {
 public:
  explicit SheetHandler(const SheetContext& ctx) : ctx_(ctx) {}

  XlsxRange used{0, 0, -1, -1};
  std::vector<std::pair<std::int64_t, std::vector<std::pair<std::int64_t, XlsxCell>>>> rows;
  std::vector<XlsxRange> merges;
  std::vector<std::int64_t> hidden_rows, hidden_cols;
  std::vector<std::string> uncached;

  void start(std::string_view name, const char** attrs) override {
    if (name == "row") {
      const char* r = attr(attrs, "r");
      std::int64_t n = row_ + 1;
      if (r) {
        const auto [end, ec] = std::from_chars(r, r + std::strlen(r), n);
        if (ec != std::errc() || *end || n < 1 || n > xlsx::kMaxRows) {
          failure = "row '" + printable(r, 20) + "' is not a row number from 1 to 1048576";
          return;
        }
        --n;
      }
      if (n <= row_ && row_ >= 0) {
        failure = "row " + std::to_string(n + 1) + " comes after row " + std::to_string(row_ + 1) + ": refused";
        return;
      }
      row_ = n;
      col_ = -1;
      if (const char* h = attr(attrs, "hidden"); h && (std::string_view(h) == "1" || std::string_view(h) == "true"))
        hidden_rows.push_back(row_);
    } else if (name == "c") {
      in_cell_ = true;
      has_formula_ = false;
      has_value_ = false;
      value_.clear();
      type_ = attr(attrs, "t") ? attr(attrs, "t") : "n";
      const char* st = attr(attrs, "s");
      style_ = st ? std::atoi(st) : 0;
      if (const char* r = attr(attrs, "r")) {
        const auto ref = parse_cell_ref(r);
        if (!ref) {
          failure = "cell reference '" + printable(r, 20) + "' is not a cell (A1 to XFD1048576)";
          return;
        }
        if (row_ < 0) row_ = ref->first;
        if (ref->first != row_) {
          failure = "cell " + printable(r, 20) + " is inside row " + std::to_string(row_ + 1) + ": refused";
          return;
        }
        col_ = ref->second;
      } else {
        if (row_ < 0) row_ = 0;
        if (++col_ >= xlsx::kMaxColumns) failure = "row " + std::to_string(row_ + 1) + " has too many cells";
      }
    } else if (in_cell_ && name == "f") {
      has_formula_ = true;
    } else if (in_cell_ && name == "v") {
      in_v_ = true;
      has_value_ = true;
    } else if (in_cell_ && name == "is") {
      has_value_ = true;
    } else if (in_cell_ && name == "rPh") {
      ++phonetic_;
    } else if (in_cell_ && name == "t") {
      in_t_ = true;
    } else if (name == "col") {
      const char* h = attr(attrs, "hidden");
      if (!h || (std::string_view(h) != "1" && std::string_view(h) != "true")) return;
      const char* lo = attr(attrs, "min");
      const char* hi = attr(attrs, "max");
      const std::int64_t a = lo ? std::atoll(lo) : 0, b = hi ? std::atoll(hi) : a;
      for (std::int64_t c = std::max<std::int64_t>(a, 1); c <= std::min<std::int64_t>(b, xlsx::kMaxColumns); ++c)
        hidden_cols.push_back(c - 1);
    } else if (name == "mergeCell") {
      if (const char* ref = attr(attrs, "ref"))
        if (const auto r = parse_range(ref)) {
          if (merges.size() >= 100000) {
            failure = "has more than 100,000 merged ranges: refused";
            return;
          }
          merges.push_back(*r);
        }
    }
  }

  void end(std::string_view name) override {
    if (name == "v") in_v_ = false;
    if (name == "t") in_t_ = false;
    if (name == "rPh") --phonetic_;
    if (name == "c") finish_cell();
  }

  void text(std::string_view t) override {
    if (!in_cell_ || !(in_v_ || (in_t_ && phonetic_ == 0))) return;
    if (value_.size() + t.size() > ctx_.limits->max_cell_bytes) {
      failure = "cell " + xlsx::cell_ref(row_, col_) + " holds more than " + mib(ctx_.limits->max_cell_bytes) +
                " of text, more than a cell holds: refused";
      return;
    }
    value_.append(t);
  }

 private:
  const SheetContext& ctx_;
  std::int64_t row_ = -1, col_ = -1;
  bool in_cell_ = false, in_v_ = false, in_t_ = false, has_formula_ = false, has_value_ = false;
  int phonetic_ = 0;
  std::string type_;
  int style_ = 0;
  std::string value_;
  std::uint64_t stored_ = 0;

  bool style_is(const std::vector<bool>& v) const {
    return style_ >= 0 && static_cast<std::size_t>(style_) < v.size() && v[static_cast<std::size_t>(style_)];
  }

  void finish_cell() {
    in_cell_ = false;
    const std::string ref = xlsx::cell_ref(row_, col_);
    XlsxCell cell;
    cell.formula = has_formula_;
    if (!has_value_ || (value_.empty() && type_ != "inlineStr" && type_ != "str")) {
      if (has_formula_) uncached.push_back(ref);
      return;
    }
    if (type_ == "s") {
      std::size_t i = 0;
      const auto [end, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), i);
      if (ec != std::errc() || end != value_.data() + value_.size() || i >= ctx_.shared->size()) {
        failure =
            "cell " + ref + " names shared string " + printable(value_, 20) + ", which the workbook does not have";
        return;
      }
      cell.kind = XlsxCell::Kind::Text;
      cell.text = (*ctx_.shared)[i];
    } else if (type_ == "str" || type_ == "inlineStr") {
      cell.kind = XlsxCell::Kind::Text;
      cell.text = std::move(value_);
    } else if (type_ == "b") {
      cell.kind = XlsxCell::Kind::Bool;
      cell.number = value_ == "1" || value_ == "true" ? 1 : 0;
    } else if (type_ == "e") {
      cell.kind = XlsxCell::Kind::Error;
      cell.text = std::move(value_);
    } else if (type_ == "d") {
      // An ISO 8601 date-time: the date, and the time when not midnight;
      // anything else is kept as the text it is.
      std::string v = std::string(trim(value_));
      if (v.size() >= 19 && v[10] == 'T')
        v = v.substr(0, 10) + (v.substr(11, 8) == "00:00:00" ? "" : " " + v.substr(11, 8));
      const bool time_ok =
          v.size() == 10 ||
          (v.size() == 19 && v[13] == ':' && v[16] == ':' && std::isdigit(static_cast<unsigned char>(v[11])) &&
           std::isdigit(static_cast<unsigned char>(v[12])) && std::isdigit(static_cast<unsigned char>(v[14])) &&
           std::isdigit(static_cast<unsigned char>(v[15])) && std::isdigit(static_cast<unsigned char>(v[17])) &&
           std::isdigit(static_cast<unsigned char>(v[18])));
      cell.kind = time_ok && is_real_date(v.substr(0, 10)) ? XlsxCell::Kind::Date : XlsxCell::Kind::Text;
      cell.text = time_ok ? std::move(v) : std::string(trim(value_));
    } else {
      const std::string_view v = trim(value_);
      double d = 0;
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
      if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(d)) {
        failure = "cell " + ref + " should hold a number but holds '" + printable(v, 40) + "'";
        return;
      }
      cell.kind = XlsxCell::Kind::Number;
      cell.number = d;
      if (style_is(*ctx_.date_styles))
        if (auto text = excel_date_text(d, ctx_.date1904, style_is(*ctx_.time_styles))) {
          cell.kind = XlsxCell::Kind::Date;
          cell.text = std::move(*text);
        }
    }
    if (cell.kind == XlsxCell::Kind::Text && cell.text.empty()) return;
    if (used.empty()) {
      used = {row_, col_, row_, col_};
    } else {
      used.first_row = std::min(used.first_row, row_);
      used.last_row = std::max(used.last_row, row_);
      used.first_col = std::min(used.first_col, col_);
      used.last_col = std::max(used.last_col, col_);
    }
    if (!ctx_.store || (ctx_.want && !ctx_.want->contains(row_, col_))) return;
    if (++stored_ > ctx_.limits->max_cells) {
      failure = "has more than " + std::to_string(ctx_.limits->max_cells) +
                " cells, more than an import reads at once: give --range, or save the sheet as CSV";
      return;
    }
    if (rows.empty() || rows.back().first != row_) rows.push_back({row_, {}});
    rows.back().second.emplace_back(col_, std::move(cell));
  }
};

}  // namespace

XlsxSheet XlsxBook::read_sheet(std::size_t index, const std::optional<XlsxRange>& range, bool cells) const {
  const XlsxSheetEntry& entry = impl_->sheets.at(index);
  SheetContext ctx{&impl_->shared, &impl_->date_styles, &impl_->time_styles, impl_->date1904, &impl_->limits, range,
                   cells};
  SheetHandler h(ctx);
  try {
    impl_->parse(entry.part, h);
  } catch (const Error& e) {
    throw impl_->error("sheet '" + printable(entry.name, 200) + "': " + e.message());
  }
  XlsxSheet s;
  s.name = entry.name;
  s.used = h.used;
  s.merges = std::move(h.merges);
  s.hidden_rows = std::move(h.hidden_rows);
  s.hidden_cols = std::move(h.hidden_cols);
  s.uncached = std::move(h.uncached);
  if (!cells || h.used.empty()) return s;
  XlsxRange area = h.used;
  if (range) {
    area = *range;
    area.last_row = std::min(area.last_row, h.used.last_row);
    area.last_col = std::min(area.last_col, h.used.last_col);
  }
  if (area.empty()) {
    s.area = area;
    return s;
  }
  const auto dense = static_cast<std::uint64_t>(area.rows()) * static_cast<std::uint64_t>(area.cols());
  if (dense > impl_->limits.max_cells)
    throw impl_->error("sheet '" + printable(entry.name, 200) + "': its cells span " + range_text(area) + " (" +
                       std::to_string(dense) + " cells), more than the " + std::to_string(impl_->limits.max_cells) +
                       " an import reads at once: give --range, or save the sheet as CSV");
  s.area = area;
  s.rows.assign(static_cast<std::size_t>(area.rows()), std::vector<XlsxCell>(static_cast<std::size_t>(area.cols())));
  for (auto& [r, row_cells] : h.rows)
    for (auto& [c, cell] : row_cells)
      if (area.contains(r, c))
        s.rows[static_cast<std::size_t>(r - area.first_row)][static_cast<std::size_t>(c - area.first_col)] =
            std::move(cell);
  return s;
}

}  // namespace gb::data
