// One ordering of table rows for the Views panel and the papers.
#include "core/table_order.hpp"

#include <catch2/catch.hpp>
#include <limits>
#include <string>
#include <vector>

using gb::Tree;

namespace {

std::vector<Tree> rows_of(const std::vector<Tree>& cells) {
  std::vector<Tree> rows;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    Tree r = Tree::object();
    r.set("id", static_cast<int>(i));
    if (!cells[i].is_null()) r.set("v", cells[i]);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::string order(const std::vector<Tree>& rows, const std::string& format, bool descending) {
  std::vector<const Tree*> p;
  for (const auto& r : rows) p.push_back(&r);
  gb::sort_table_rows(p, "v", format, descending);
  std::string out;
  for (const Tree* r : p) {
    const Tree* v = r->find("v");
    if (!out.empty()) out += ' ';
    out += !v ? "-" : v->is_string() ? v->as_string() : std::to_string(static_cast<int>(r->find("id")->as_number()));
  }
  return out;
}

}  // namespace

TEST_CASE("natural order: numbers inside text compare by value", "[unit][table]") {
  CHECK(gb::natural_compare("Q2", "Q10") < 0);
  CHECK(gb::natural_compare("Q10", "Q2") > 0);
  CHECK(gb::natural_compare("R9", "R10") < 0);
  CHECK(gb::natural_compare("risk 10a", "risk 10b") < 0);
  CHECK(gb::natural_compare("abc", "ABD") < 0);  // case does not decide before the letters do
  CHECK(gb::natural_compare("Q07", "Q7") != 0);  // total: equal values still order
  CHECK(gb::natural_compare("Q7", "Q7") == 0);
  CHECK(gb::natural_compare("", "a") < 0);
  CHECK(gb::natural_compare("2021-12-31", "2022-01-01") < 0);                             // ISO dates keep their order
  CHECK(gb::natural_compare("99999999999999999999999", "100000000000000000000000") < 0);  // no overflow
}

TEST_CASE("table rows: the AGS questions sort Q1, Q2, ... Q10, missing last", "[unit][table]") {
  const auto rows = rows_of({"Q10", "Q2", Tree(), "Q1", "Q11", "q3"});
  CHECK(order(rows, "text", false) == "Q1 Q2 q3 Q10 Q11 -");
  CHECK(order(rows, "text", true) == "Q11 Q10 q3 Q2 Q1 -");
}

TEST_CASE("table rows: numbers before text, RAG by severity, non-finite last", "[unit][table]") {
  const double inf = std::numeric_limits<double>::infinity();
  const auto nums = rows_of({3.0, Tree(), 1.0, inf, 2.0});
  CHECK(order(nums, "number", false) == "2 4 0 - 3");  // row ids of 1, 2, 3; missing (-) and inf (row 3) last
  CHECK(order(nums, "number", true) == "0 4 2 - 3");
  const auto bands = rows_of({"green", "Red", "amber", "blue", "none", Tree()});
  CHECK(order(bands, "rag", true) == "Red amber green blue none -");
  CHECK(order(bands, "rag", false) == "blue green amber Red none -");
}
