// Calendar dates written YYYY-MM-DD: the one check every path that writes a
// date uses (edits, sessions, scenarios, --as-of), so they agree with the
// database's triggers (schemas/006_real_dates.sql); and the one "today" of
// the program, in UTC, which tests set through the environment.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace gb {

// True when `s` is exactly YYYY-MM-DD (ten characters, ASCII digits) and
// names a day that exists in the proleptic Gregorian calendar, with the
// year between first_year and last_year: 2024-02-29 and 2000-02-29 pass;
// 2023-02-29, 1900-02-29, 2023-04-31 and 2022-13-01 do not. SQLite's
// date() alone lets 2022-02-30 through.
bool is_real_date(std::string_view s, int first_year = 1, int last_year = 9999);

// What is wrong with `s` as a date, for a message that names the field
// first ("--as-of must be a real date written YYYY-MM-DD, like 2021-12-31
// (got '2021-02-30')"): "must be ... (got '...')", or empty when `s` is a
// real date (is_real_date with the default years).
std::string date_problem(std::string_view s);

// Today's date, YYYY-MM-DD, in UTC: the one "today" of the program (the
// default as-of date of every evaluation, view and score, a new session's
// date, a paper's suggested file name), so a paper made at 00:30 in June
// is dated as the database's UTC timestamps are. GOVBENCH_TODAY=YYYY-MM-DD
// in the environment sets it (tests; reproducing a paper). Throws gb::Error
// when GOVBENCH_TODAY is set and not a real date.
std::string today_utc();

// Now, YYYY-MM-DDTHH:MM:SSZ (UTC): when a result was computed or a paper
// generated (provenance). The real clock, also under GOVBENCH_TODAY.
std::string now_utc();

// The local time of day, "14:03:07": for status lines a person reads
// (last reload, a watch run), never for anything stored.
std::string local_clock_text();

// The number written by the n characters of s from `from`, or -1 when one
// of them is not an ASCII digit (or they run past the end of s).
int date_digits(std::string_view s, std::size_t from, std::size_t n);

// Days in a month (1..12) of a year; 0 for a month that does not exist.
int days_in_month(int year, int month);

}  // namespace gb
