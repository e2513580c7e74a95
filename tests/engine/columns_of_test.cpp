// ctx.columns_of and ctx.tuples (script/api_ctx.cpp): big results without
// a table per row, under ctx.sql's guards.
#include <catch2/catch.hpp>
#include <string>

#include "engine/evaluator.hpp"
#include "support.hpp"
#include "support/pack_fixtures.hpp"

using namespace gb;

namespace {

constexpr auto* ind = &gbtest::indicator_source;

IndicatorResult eval(gbtest::PacksOnDemo& f, const std::string& id) {
  return f.eval->evaluate(id, {"2022-12-31", {}});
}

}  // namespace

TEST_CASE("ctx.columns_of gives one array per column and the row count", "[script][columns_of]") {
  gbtest::PacksOnDemo f(
      {{"indicators/a.lua",
        ind("t.same", "",
            "local q = 'SELECT ref, name, term FROM risks WHERE ref <= ? ORDER BY ref'\n"
            "local rows = ctx.sql(q, 5)\n"
            "local cols, n = ctx.columns_of(q, 5)\n"
            "assert(n == #rows and n == 5, 'n ' .. tostring(n))\n"
            "for i = 1, n do\n"
            "  for _, c in ipairs({ 'ref', 'name', 'term' }) do\n"
            "    assert(cols[c][i] == rows[i][c], c .. ' ' .. i)\n"
            "  end\n"
            "end\n"
            "assert(math.type(cols.ref[1]) == 'integer')\n"
            "return n") +
            ind("t.nulls", "",
                "local cols, n = ctx.columns_of(\"SELECT 1 AS a, NULL AS b UNION ALL SELECT NULL, 'x' UNION ALL "
                "SELECT 2.5, NULL\")\n"
                "assert(n == 3)\n"
                "assert(cols.a[1] == 1 and cols.a[2] == nil and cols.a[3] == 2.5)\n"
                "assert(cols.b[1] == nil and cols.b[2] == 'x' and cols.b[3] == nil)\n"
                "return n") +
            ind("t.empty", "",
                "local cols, n = ctx.columns_of('SELECT ref FROM risks WHERE ref < 0')\n"
                "assert(n == 0 and type(cols.ref) == 'table' and next(cols.ref) == nil)\n"
                "return 0") +
            ind("t.write", "", "return ctx.columns_of('DELETE FROM risks')") +
            ind("t.params", "", "return ctx.columns_of('SELECT ? AS a')") +
            ind("t.typo", "", "return ctx.columns_of('SELECT nmae FROM risks')")}});
  CHECK(eval(f, "t.same").status == IndicatorResult::Status::Ok);
  CHECK(eval(f, "t.nulls").status == IndicatorResult::Status::Ok);
  CHECK(eval(f, "t.empty").status == IndicatorResult::Status::Ok);
  auto r = eval(f, "t.write");
  CHECK(r.status == IndicatorResult::Status::Error);
  CHECK_THAT(r.error, Catch::Contains("ctx.columns_of:") && Catch::Contains("read-only"));
  r = eval(f, "t.params");
  CHECK_THAT(r.error, Catch::Contains("ctx.columns_of: the query has 1 parameter but 0 values were given"));
  r = eval(f, "t.typo");
  CHECK_THAT(r.error, Catch::Contains("ctx.columns_of: no such column: nmae") && Catch::Contains("name"));
}

TEST_CASE("ctx.tuples gives each row's values after its row number", "[script][columns_of]") {
  gbtest::PacksOnDemo f({{"indicators/a.lua",
                          ind("t.loop", "",
                              "local q = 'SELECT ref, name FROM risks ORDER BY ref'\n"
                              "local rows, seen = ctx.sql(q), 0\n"
                              "for i, ref, name in ctx.tuples(q) do\n"
                              "  assert(rows[i].ref == ref and rows[i].name == name, 'row ' .. i)\n"
                              "  seen = i\n"
                              "end\n"
                              "assert(seen == #rows)\n"
                              "return seen") +
                              ind("t.null_first", "",
                                  "local n = 0\n"
                                  "for i, a, b in ctx.tuples(\"SELECT NULL, 1 UNION ALL SELECT NULL, 2\") do\n"
                                  "  assert(a == nil and b == i)\n"
                                  "  n = i\n"
                                  "end\n"
                                  "return n") +
                              ind("t.break", "",
                                  "for i = 1, 500 do\n"
                                  "  for _, ref in ctx.tuples('SELECT ref FROM risks') do break end\n"
                                  "end\n"
                                  "return 1") +
                              ind("t.write", "", "for i in ctx.tuples('UPDATE risks SET name = 1') do end return 1")}});
  auto r = eval(f, "t.loop");
  CHECK(r.status == IndicatorResult::Status::Ok);
  CHECK(*r.value >= 11);
  r = eval(f, "t.null_first");
  CHECK(r.status == IndicatorResult::Status::Ok);
  CHECK(*r.value == 2);
  CHECK(eval(f, "t.break").status == IndicatorResult::Status::Ok);
  r = eval(f, "t.write");
  CHECK_THAT(r.error, Catch::Contains("ctx.tuples:") && Catch::Contains("read-only"));
}

TEST_CASE("texts that come back after others, past the kept ones, are read as they are", "[script][columns_of]") {
  // A text column cycling through more values than ctx.sql and
  // ctx.columns_of keep (TextCache: four a column), with repeats, empty
  // texts, blobs and NULLs between: every value read back exactly.
  const char* rows =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) "
      "SELECT i, CASE WHEN i % 11 = 0 THEN NULL ELSE 'v' || (i * 7 % 6) END AS t, "
      "CASE i % 3 WHEN 0 THEN '' WHEN 1 THEN 'x' ELSE 'xy' END AS u, "
      "CASE WHEN i % 4 = 0 THEN x'00ff' || i ELSE NULL END AS b FROM n";
  const std::string check = std::string("local q = \"") + rows +
                            "\"\n"
                            "local cols, n = ctx.columns_of(q)\n"
                            "local list = ctx.sql(q)\n"
                            "assert(n == 60 and #list == 60)\n"
                            "for i = 1, n do\n"
                            "  local t = 'v' .. (i * 7 % 6)\n"
                            "  if i % 11 == 0 then t = nil end\n"
                            "  local u = ({ [0] = '', [1] = 'x', [2] = 'xy' })[i % 3]\n"
                            "  local b = (i % 4 == 0) and ('\\0\\255' .. i) or nil\n"
                            "  assert(cols.t[i] == t and list[i].t == t, 't ' .. i)\n"
                            "  assert(cols.u[i] == u and list[i].u == u, 'u ' .. i)\n"
                            "  assert(cols.b[i] == b and list[i].b == b, 'b ' .. i)\n"
                            "end\n"
                            "return n";
  gbtest::PacksOnDemo f({{"indicators/a.lua", ind("t.cycle", "", check)}});
  const auto r = eval(f, "t.cycle");
  INFO(r.error);
  CHECK(r.status == IndicatorResult::Status::Ok);
  CHECK(r.value == 60);
}
