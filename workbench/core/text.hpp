// Text encoding and small string helpers shared by importers and exporters.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gb {

enum class Encoding { Utf8, Cp1252, Latin1 };

// Parses "utf-8", "utf8", "cp1252", "windows-1252", "latin1", "iso-8859-1"
// (case-insensitive). Returns nullopt for anything else.
std::optional<Encoding> parse_encoding(std::string_view name);

// Offset of the first byte that is not part of valid UTF-8 (overlongs,
// surrogates and code points above U+10FFFF are invalid), or nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view bytes);

// Converts single-byte text to UTF-8. Bytes that cp1252 leaves undefined
// (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control of the same value,
// as Windows itself does when converting.
std::string to_utf8(std::string_view bytes, Encoding from);

// Number of code points in a valid UTF-8 string.
std::size_t utf8_length(std::string_view s);
// At most `width` code points of `s` (width >= 1): when longer, its first
// width - 1 code points and "…".
std::string clip_utf8(std::string_view s, std::size_t width);

std::string_view trim(std::string_view s);

// The trimmed, non-blank lines of s: one-per-line fields such as attendees.
std::vector<std::string> nonblank_lines(std::string_view s);

// The records of a line-based settings file (lock file, trusted keys,
// permission answers): every line that is neither blank nor a '#' comment,
// trimmed, with its 1-based line number for error messages.
struct NumberedLine {
  int number = 0;
  std::string_view text;  // points into the text passed in
};
std::vector<NumberedLine> record_lines(std::string_view text);
std::string to_lower_ascii(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);

// Edit distance between a and b, ignoring ASCII case: insertions,
// deletions, substitutions and swaps of two neighbouring characters each
// count one.
std::size_t edit_distance_icase(std::string_view a, std::string_view b);

// The candidates nearest to `name` ("did you mean"), ignoring ASCII case:
// those at the smallest edit distance, provided it is small for names of
// their length (about one edit in three characters; long names such as
// survey column headers of 100+ characters allow proportionally more).
// Empty when none is close.
std::vector<std::string> nearest_names(std::string_view name, const std::vector<std::string>& candidates);

// Writes s as a JSON string literal (with quotes) to out.
void append_json_string(std::string& out, std::string_view s);

// Text from data made safe to show on a terminal: control characters that
// a terminal would act on (ESC starting an escape sequence, CR and BS that
// overwrite what is shown, BEL, DEL and the C1 controls U+0080..U+009F) are
// written as visible escapes ("\x1B", "\u009B"); newline, tab and CR
// directly before a newline (CSV's CRLF) are kept. Fed in pieces, the
// result is the same as for the whole text.
class TerminalEscaper {
 public:
  std::string feed(std::string_view chunk);
  std::string finish();  // a lead byte still held back at the end

 private:
  bool pending_c2_ = false;  // the last byte was 0xC2, the lead byte of U+0080..U+00BF
  bool pending_cr_ = false;  // the last byte was CR: kept only before LF
};
std::string terminal_safe(std::string_view s);

// Shortest decimal text that reads back as the same double. Infinities
// are "Inf" and "-Inf", NaN is "NaN": callers that write files decide what
// those become.
std::string format_double(double v);

// How an unquoted CSV cell reads as a number. Only plain decimal notation
// counts: no inf/nan/hex, no surrounding spaces. A leading zero ("007",
// "007.5") marks a code, which stays text. The importer infers column types
// with these, and the exporter quotes any TEXT value they would accept, so
// that "123" stored as text comes back as text.
std::optional<std::int64_t> parse_integer_cell(std::string_view s);
std::optional<double> parse_real_cell(std::string_view s);

}  // namespace gb
