// Calendar dates written YYYY-MM-DD: the one check every path that writes a
// date uses (edits, sessions, scenarios, --as-of), so they agree with the
// database's triggers (schemas/006_real_dates.sql).
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

// The local time of day, "14:03:07": for status lines a person reads
// (last reload, a watch run), never for anything stored.
std::string local_clock_text();

// The number written by the n characters of s from `from`, or -1 when one
// of them is not an ASCII digit (or they run past the end of s).
int date_digits(std::string_view s, std::size_t from, std::size_t n);

// Days in a month (1..12) of a year; 0 for a month that does not exist.
int days_in_month(int year, int month);

}  // namespace gb
