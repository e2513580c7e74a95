#include "core/indicator_result.hpp"

#include <cmath>
#include <cstdio>

namespace gb {

const char* status_name(IndicatorResult::Status s) {
  switch (s) {
    case IndicatorResult::Status::Ok:
      return "ok";
    case IndicatorResult::Status::NoData:
      return "no_data";
    case IndicatorResult::Status::Error:
      return "error";
  }
  return "error";
}

const char* kind_name(IndicatorResult::Kind k) {
  switch (k) {
    case IndicatorResult::Kind::None:
      return "none";
    case IndicatorResult::Kind::Number:
      return "number";
    case IndicatorResult::Kind::Series:
      return "series";
    case IndicatorResult::Kind::Breakdown:
      return "breakdown";
  }
  return "none";
}

std::optional<double> IndicatorResult::previous() const {
  if (kind != Kind::Series || series.size() < 2) return std::nullopt;
  return series[series.size() - 2].value;
}

Tree IndicatorResult::to_tree() const {
  Tree t = Tree::object();
  t.set("id", id);
  t.set("title", title);
  t.set("unit", unit);
  t.set("status", status_name(status));
  t.set("kind", kind_name(kind));
  t.set("value", value ? Tree(*value) : Tree());
  t.set("rag", rag == Rag::None ? Tree() : Tree(rag_name(rag)));
  t.set("polarity", polarity_name(polarity));
  if (kind == Kind::Series) {
    Tree s = Tree::object();
    for (const auto& p : series) s.set(p.period, p.value);
    t.set("series", std::move(s));
  }
  if (kind == Kind::Breakdown) {
    Tree b = Tree::object();
    Tree rags = Tree::object();
    for (const auto& item : breakdown) {
      if (!item.series.empty()) {
        Tree s = Tree::object();
        for (const auto& p : item.series) s.set(p.period, p.value);
        b.set(item.group, std::move(s));
      } else {
        b.set(item.group, item.value ? Tree(*item.value) : Tree());
      }
      if (item.rag != Rag::None) rags.set(item.group, rag_name(item.rag));
    }
    t.set("breakdown", std::move(b));
    if (rags.size()) t.set("breakdown_rag", std::move(rags));
  }
  if (!explanation.empty()) t.set("explain", explanation);
  if (!note.empty()) t.set("note", note);
  if (!error.empty()) t.set("error", error);
  if (!warning.empty()) t.set("warning", warning);
  Tree p = Tree::object();
  p.set("pack", provenance.pack);
  p.set("pack_version", provenance.pack_version);
  p.set("file", provenance.file);
  p.set("line", provenance.line);
  p.set("definition_hash", provenance.definition_hash);
  p.set("data_version", provenance.data_version);
  p.set("as_of", provenance.as_of);
  p.set("evaluated_at", provenance.evaluated_at);
  t.set("provenance", std::move(p));
  return t;
}

}  // namespace gb
