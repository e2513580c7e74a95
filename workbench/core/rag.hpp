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

struct Thresholds {
  double green = 0;
  double amber = 0;
};

// higher_is_better: >= green is green, >= amber is amber, else red;
// lower_is_better: <= green is green, <= amber is amber, else red.
Rag rag_from_thresholds(double value, const Thresholds& t, Polarity p);

// The worse of two bands (red over amber over green; blue = complete is
// the best; None is ignored).
Rag worse(Rag a, Rag b);

}  // namespace gb
