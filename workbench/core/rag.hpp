// RAG bands and polarity: how a value becomes red, amber or green.
#pragma once
#include <optional>
#include <string_view>

namespace gb {

enum class Rag { None, Green, Amber, Red, Blue };  // None: no band (no data, error, or no rule)
enum class Polarity { HigherIsBetter, LowerIsBetter, Neutral };

const char* rag_name(Rag r);  // "green", ..., "none"
std::optional<Rag> parse_rag(std::string_view s);
const char* polarity_name(Polarity p);

// plain: the value alone decides the band. significant (noise-aware): a
// value turns red only when its whole interval lies beyond the amber line,
// or its series' SPC verdict says special cause concerning; a red value
// whose interval reaches back over the line, or whose series shows only
// common-cause variation, is amber. Without an interval or SPC, plain.
enum class RagMode { Plain, Significant };
const char* rag_mode_name(RagMode m);  // "plain", "significant"

struct Thresholds {
  double green = 0;
  double amber = 0;
  RagMode mode = RagMode::Plain;
};

// higher_is_better: >= green is green, >= amber is amber, else red;
// lower_is_better: <= green is green, <= amber is amber, else red.
Rag rag_from_thresholds(double value, const Thresholds& t, Polarity p);

// The band under t.mode. lower/upper: the value's interval, if any;
// spc: nullopt without SPC, else whether its verdict is concerning.
Rag rag_with_noise(double value, std::optional<double> lower, std::optional<double> upper, std::optional<bool> spc,
                   const Thresholds& t, Polarity p);

// The worse of two bands (red over amber over green; blue = complete is
// the best; None is ignored).
Rag worse(Rag a, Rag b);

}  // namespace gb
