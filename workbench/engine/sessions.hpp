// Review sessions in the engine: presenting an agenda item (build its view,
// keep the snapshot), starting a session (fingerprint, pack versions, a
// snapshot of every item) and the minutes as a view tree that the
// renderers (HTML, Markdown, PDF, the Views panel) draw like any view.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "core/tree.hpp"
#include "core/xlsx_writer.hpp"
#include "data/db.hpp"
#include "engine/catalog.hpp"
#include "engine/views.hpp"
#include "script/pack_set.hpp"

namespace gb::engine {

using ViewBuilder = std::function<Tree(const ViewRequest&)>;

// The active packs' names and versions as a JSON array [{name, version}].
std::string packs_json(const script::PackSet& packs);
std::string packs_json(const PackCatalog& packs);

// Builds an agenda item's view and keeps it as the item's snapshot ("as
// presented"); starts the session if it was not started. Returns the tree.
Tree present_agenda_item(data::Db& db, const script::PackSet& packs, const ViewBuilder& build, std::int64_t item_id);
// The same, with the packs given as packs_json() (the window, whose packs
// are in the pack host).
Tree present_agenda_item(data::Db& db, const std::string& packs_json, const ViewBuilder& build, std::int64_t item_id);

struct StartResult {
  bool started_now = false;  // false: it had been started before (its fingerprint is kept)
  int snapshots = 0;
  int view_errors = 0;  // problems in the views as built (shown in place, as in any view)
};
// Records the start (fingerprint, pack versions) and presents every item.
StartResult start_session(data::Db& db, const script::PackSet& packs, const ViewBuilder& build,
                          std::int64_t session_id);

// The minutes: a tree of type "view" (docs/VIEWS.md) with the session's
// title, board and date, its attendees, each agenda item (its note, its
// view as presented from the snapshot, the notes, decisions and actions
// recorded against it) and the scenarios discussed. An item never
// presented says so rather than showing today's data.
Tree minutes_tree(data::Db& db, std::int64_t session_id, const std::string& database_label);

// What a secretariat tracks after the meeting, as a workbook (`session
// export --format xlsx`): a Session sheet (title, board, date, attendees,
// when presented, data fingerprint, database), then Decisions, Actions
// (ref, what, owner, due date as a date, status, risks) and Notes, one row
// each with its agenda item and view, when and by whom it was recorded.
xlsx::Workbook minutes_workbook(data::Db& db, std::int64_t session_id, const std::string& database_label);

}  // namespace gb::engine
