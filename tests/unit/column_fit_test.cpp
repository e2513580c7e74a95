// Table column widths (core/column_fit.hpp), shared by the PDF paper and the
// Views panel.
#include "core/column_fit.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

using gb::fit_columns;

namespace {
double total(const std::vector<double>& w) {
  return std::accumulate(w.begin(), w.end(), 0.0);
}
}  // namespace

TEST_CASE("fit_columns: spare width is shared in proportion", "[unit][layout]") {
  const auto w = fit_columns({100, 300}, {50, 80}, 800);
  CHECK(w[0] == Approx(200));
  CHECK(w[1] == Approx(600));
}

TEST_CASE("fit_columns: long text gives way, short values keep to one line", "[unit][layout]") {
  // A ref (natural = minimum), a band (natural = minimum), a description of 900.
  const auto w = fit_columns({30, 60, 900}, {30, 60, 90}, 500);
  CHECK(w[0] == Approx(30));
  CHECK(w[1] == Approx(60));
  CHECK(w[2] == Approx(410));
  CHECK(total(w) == Approx(500));
  // Two long columns shrink in proportion to what each can give.
  const auto v = fit_columns({600, 300}, {100, 100}, 500);
  CHECK((v[0] - 100) / (v[1] - 100) == Approx(500.0 / 200));  // room above the minimum, 500 : 200
  CHECK(total(v) == Approx(500));
}

TEST_CASE("fit_columns: minimums that do not fit are scaled together", "[unit][layout]") {
  const auto w = fit_columns({200, 400}, {200, 200}, 200);
  CHECK(w[0] == Approx(100));
  CHECK(w[1] == Approx(100));
}

TEST_CASE("fit_columns: odd input still gives positive widths", "[unit][layout]") {
  const auto w = fit_columns({0, -5, NAN, INFINITY}, {}, 100);
  REQUIRE(w.size() == 4);
  for (double x : w) CHECK((std::isfinite(x) && x > 0));
  CHECK(total(w) == Approx(100));
  CHECK(fit_columns({}, {}, 100).empty());
  CHECK(fit_columns({10, 20}, {5, 5}, 0) == std::vector<double>{10, 20});
  // A minimum above the natural width is the natural width.
  CHECK(fit_columns({10, 20}, {50, 50}, 1000)[0] == Approx(1000.0 / 3));
}
