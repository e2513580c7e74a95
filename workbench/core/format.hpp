// How a value reads: one set of rules for the window, the papers (HTML,
// PDF, Markdown), the CLI and the engine's own explanations, so the same
// value reads the same wherever a person meets it.
//
//   unit             reads            rule
//   (none)           1,234.57         thousands grouped, at most two
//                                     decimals, trailing zeros dropped
//   %                45%              the sign attached, as the papers print it
//   pp               -12.3 pp         percentage points: a space, like any word
//   a plural noun    1 risk, 3 risks  singular for exactly one (risks,
//                                     priorities, actions, changes, ...)
//   count            12               the indicator's title names what is counted
//   anything else    3.4 per 1,000    a space, then the unit (x, points, days)
//
// CSV keeps numbers as numbers (a spreadsheet formats them); JSON keeps the
// tree as it is. Chart axes pick their own decimals for the tick step, but
// use the same unit rule.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/rag.hpp"
#include "core/tree.hpp"

namespace gb {

// "—": what a paper shows where there is no number (NaN, infinity).
inline constexpr const char* kNoValue = "\u2014";

// A number for people: thousands separators, at most `decimals` decimals,
// trailing zeros dropped ("1,234", "2.7", "12.35"). Not finite: "NaN",
// "inf", "-inf" (callers that show a paper use format_value).
std::string format_number(double v, int decimals = 2);

// A value with its unit by the rules above; "—" when v is not finite.
std::string format_value(double v, std::string_view unit, int decimals = 2);
// The same in two parts, for a renderer that sets the unit apart (smaller,
// muted): the number, and the unit as it follows it, with its space
// ("%", " pp", " risk", or "" for no unit).
struct ValueParts {
  std::string number;
  std::string unit;
};
ValueParts format_value_parts(double v, std::string_view unit, int decimals = 2);
// A value with its interval, as the window's tooltips, the papers' <title>s
// and the explanations say it: "4.22, 95% CI 4.05 to 4.40". The ends keep
// the decimals of the estimate (and of each other), so "4.4" reads "4.40"
// beside "4.05"; at most `decimals`.
std::string format_interval(double v, double lower, double upper, std::string_view unit, double level = 0.95,
                            int decimals = 2);
// A percentage: format_value(v, "%").
std::string format_percent(double v, int decimals = 2);
// A change on the previous period, with its direction: "↑ +1.5 pp",
// "↓ −2.5%", "→ 0%" (a true minus sign; arrows, not RAG symbols).
std::string format_change(double change, std::string_view unit);
// A resolved tile's change line, the same in the window and the papers:
// "↑ +1.5 pp on previous", or "No significant change" when the tile says
// its change is within noise (change_significant = false); "" without a
// change.
std::string tile_change_text(const Tree& tile);
// A resolved tile's uncertainty in words, one line each: the interval and
// n ("61%, 95% CI 57.1 to 64.8, 610 respondents"), the SPC verdict
// ("Special cause: concerning") and the assurance verdict.
std::vector<std::string> tile_uncertainty_lines(const Tree& tile);

// A count with its noun: format_count(1, "risks") is "1 risk",
// format_count(3, "risk") is "3 risks". The noun may be given singular or
// plural; a noun of several words is left as given.
std::string format_count(long long n, std::string_view noun);
// The noun in the form that suits n: noun_for(1, "priorities") is
// "priority", noun_for(2, "priority") is "priorities".
std::string noun_for(long long n, std::string_view noun);

// A RAG band in words, as the papers and the window show it: "Red",
// "Amber", "Green", "Blue"; "" for no band or anything else.
const char* rag_word(Rag band);
const char* rag_word(std::string_view band);

// A date or timestamp for people: an ISO date stays as written
// ("2021-12-31", the form the papers and the register use); a UTC
// timestamp "2021-12-31T10:05:00Z" reads "2021-12-31 10:05 UTC"; anything
// else is returned as it is.
std::string format_date(std::string_view iso);

// A real ISO date in words, as a paper writes it: "2021-12-31" reads
// "31 December 2021"; anything else is returned as it is.
std::string date_in_words(std::string_view iso);

// The provenance line for when a paper's figures are as at: the date of its
// latest data, and the date it was drawn as at when that is later:
// "31 December 2021 (the latest data on or before 3 December 2026)".
std::string figures_as_at_text(std::string_view figures_as_at, std::string_view as_of);

// A table cell by its column's format (docs/VIEWS.md: text, number,
// percent, integer, date, rag): numbers by format_value (integer: no
// decimals, percent: "%"; in a text column plainly, "2021" not "2,021"),
// RAG words by rag_word, dates by format_date; null is "", a boolean "yes"
// or "no", an array or object "—".
std::string format_cell(const Tree* v, std::string_view column_format);

}  // namespace gb
