// A bar between two side-by-side areas that the mouse drags to resize the
// left one (a double-click puts it back). Widths are remembered between
// runs (UiSettings::splits, in units of the font size, so that zoom keeps
// the proportions) under a name such as "sessions.list".
#pragma once
#include <map>
#include <string>

namespace gb::ui {

using Splits = std::map<std::string, float>;

// The left area's width in pixels: the remembered one, else `default_em`
// font sizes; never under `min_em` nor over `max_fraction` of the room.
float split_width(const Splits* splits, const std::string& name, float default_em, float min_em, float max_fraction);

// The bar, drawn between the left area (just ended) and the right one:
// call with SameLine(0, 0) around it. Dragging it changes the remembered
// width; `splits` null (a panel drawn alone) drags for this run only.
void splitter(Splits* splits, const std::string& name, float default_em, float min_em, float max_fraction);

}  // namespace gb::ui
