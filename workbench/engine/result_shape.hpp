// Reading what an indicator's compute returned (see docs/INDICATORS.md):
// a number, nil, a series, a breakdown, or the explicit table form.
#pragma once
#include <string>

#include "core/indicator_result.hpp"
#include "core/tree.hpp"

namespace gb::engine {

// True for period labels: 2021, 2021-Q1, 2021-03, 2021-03-31, 2021/22, 2021/22-Q3.
bool is_period_label(const std::string& s);

// Fills kind, value, series, breakdown, explanation and note of `out` from
// the compute result. Returns false with `why` when the shape is not one
// the contract allows.
bool read_result_shape(const Tree& returned, IndicatorResult& out, std::string& why);

}  // namespace gb::engine
