#include "core/rag.hpp"

namespace gb {

const char* rag_name(Rag r) {
  switch (r) {
    case Rag::Green:
      return "green";
    case Rag::Amber:
      return "amber";
    case Rag::Red:
      return "red";
    case Rag::Blue:
      return "blue";
    case Rag::None:
      return "none";
  }
  return "none";
}

std::optional<Rag> parse_rag(std::string_view s) {
  if (s == "green") return Rag::Green;
  if (s == "amber") return Rag::Amber;
  if (s == "red") return Rag::Red;
  if (s == "blue") return Rag::Blue;
  return std::nullopt;
}

const char* polarity_name(Polarity p) {
  switch (p) {
    case Polarity::HigherIsBetter:
      return "higher_is_better";
    case Polarity::LowerIsBetter:
      return "lower_is_better";
    case Polarity::Neutral:
      return "neutral";
  }
  return "neutral";
}

Rag rag_from_thresholds(double v, const Thresholds& t, Polarity p) {
  if (p == Polarity::HigherIsBetter) return v >= t.green ? Rag::Green : v >= t.amber ? Rag::Amber : Rag::Red;
  if (p == Polarity::LowerIsBetter) return v <= t.green ? Rag::Green : v <= t.amber ? Rag::Amber : Rag::Red;
  return Rag::None;
}

const char* rag_mode_name(RagMode m) {
  return m == RagMode::Significant ? "significant" : "plain";
}

Rag rag_with_noise(double v, std::optional<double> lower, std::optional<double> upper, std::optional<bool> spc,
                   const Thresholds& t, Polarity p) {
  const Rag plain = rag_from_thresholds(v, t, p);
  if (t.mode == RagMode::Plain || p == Polarity::Neutral) return plain;
  if (spc && *spc) return Rag::Red;
  if (plain != Rag::Red) return plain;
  if (lower && upper) {
    const bool beyond = p == Polarity::HigherIsBetter ? *upper < t.amber : *lower > t.amber;
    return beyond ? Rag::Red : Rag::Amber;
  }
  return spc ? Rag::Amber : plain;
}

Rag worse(Rag a, Rag b) {
  auto rank = [](Rag r) {
    switch (r) {
      case Rag::Red:
        return 4;
      case Rag::Amber:
        return 3;
      case Rag::Green:
        return 2;
      case Rag::Blue:
        return 1;
      case Rag::None:
        return 0;
    }
    return 0;
  };
  return rank(a) >= rank(b) ? a : b;
}

}  // namespace gb
