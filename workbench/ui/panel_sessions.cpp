// The Sessions panel: review sessions, their agenda and what is recorded in
// the meeting; and presentation mode of a session's agenda.
//
// Sections: state and helpers; the list; a session (details, agenda, an
// item's records); presentation.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <charconv>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "engine/sessions.hpp"
#include "ui/panels.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/splitter.hpp"
#include "ui/team_link.hpp"
#include "ui/theme.hpp"

namespace gb::ui {

// ---- state and helpers ----------------------------------------------------------

namespace {

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// The title of an agenda item's view, or its id when no pack defines it.
std::string item_title(const engine::Workspace& ws, const data::AgendaItem& it) {
  if (auto ref = ws.packs().find_view(it.view_id)) return ref->def->title;
  return it.view_id;
}

// Two builds of a view show the same thing (the time they were built aside).
bool same_view(const Tree& a, const Tree& b) {
  auto without_time = [](Tree t) {
    if (const Tree* p = t.find("provenance"); p && p->is_object()) {
      Tree prov = *p;
      prov.set("generated_at", "");
      t.set("provenance", std::move(prov));
    }
    return t;
  };
  return without_time(a) == without_time(b);
}

void text_error(const std::string& s) {
  ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(Rag::Red));
  ImGui::TextWrapped("%s %s", rag_symbol(Rag::Red), s.c_str());
  ImGui::PopStyleColor();
}

}  // namespace

void SessionsPanel::open(std::int64_t session_id, int position) {
  session_ = session_id;
  position_ = std::max(1, position);
  dirty_ = true;
  shown_.reset();
  drill_.reset();
}

void SessionsPanel::report(const std::exception& e, PanelContext& ctx) {
  ctx.say(e.what(), true);
  ctx.workspace.log(script::ConsoleMessage::Level::Error, std::string("sessions: ") + e.what());
}

// The agenda item at `position`, as a copy: what a frame draws of it stays
// valid whatever the frame does to the agenda (agenda_ is read again only at
// the start of a frame, in refresh()).
std::optional<data::AgendaItem> SessionsPanel::item_at(int position) const {
  if (position < 1 || position > static_cast<int>(agenda_.size())) return std::nullopt;
  return agenda_[static_cast<std::size_t>(position - 1)];
}

void SessionsPanel::refresh(PanelContext& ctx) {
  if (!dirty_ && loaded_generation_ == ctx.workspace.generation() && loaded_edits_ == ctx.workspace.edit_generation())
    return;
  auto& db = ctx.workspace.db();
  try {
    sessions_ = data::list_sessions(db);
    if (session_ == 0 && !sessions_.empty()) session_ = sessions_.front().id;
    const bool exists =
        std::any_of(sessions_.begin(), sessions_.end(), [&](const auto& s) { return s.id == session_; });
    if (!exists) session_ = sessions_.empty() ? 0 : sessions_.front().id;
    agenda_.clear();
    records_.clear();
    if (session_) {
      agenda_ = data::agenda(db, session_);
      records_ = data::session_records(db, session_);
      // The details form starts from the session as stored; what is being
      // typed in it is kept while the same session stays open.
      if (edit_session_ != session_) {
        const data::Session& s =
            *std::find_if(sessions_.begin(), sessions_.end(), [&](const auto& x) { return x.id == session_; });
        edit_title_ = s.title;
        edit_board_ = s.board;
        edit_date_ = s.held_on;
        edit_attendees_ = joined(s.attendees, "\n");
        edit_session_ = session_;
      }
    }
    // Keep what is being typed in the box that has the keyboard; every
    // other box shows the record as stored (made elsewhere, or put back by
    // an undo or redo).
    for (const auto& r : records_)
      if (r.kind != data::RecordKind::Action && r.id != typing_record_) texts_[r.id] = r.text;
  } catch (const std::exception& e) {
    report(e, ctx);
  }
  if (select_last_) position_ = static_cast<int>(agenda_.size());  // the item just added
  select_last_ = false;
  position_ = std::clamp(position_, 1, std::max<int>(1, static_cast<int>(agenda_.size())));
  loaded_generation_ = ctx.workspace.generation();
  loaded_edits_ = ctx.workspace.edit_generation();
  dirty_ = false;
}

void SessionsPanel::draw(PanelContext& ctx) {
  if (!ctx.workspace.db().table_exists("sessions")) {
    ImGui::TextWrapped("This database has no review sessions (schema version %lld). Open it read-write to upgrade it.",
                       static_cast<long long>(ctx.workspace.db().user_version()));
    return;
  }
  refresh(ctx);
  follow(ctx);
  refresh(ctx);  // again when following moved (open() marks it dirty)
  if (ctx.team) {
    // Presenting (and not following someone else): this is the presenter.
    if (ctx.presentation && !follow_ && session_ && !agenda_.empty()) {
      ctx.team->announce(session_, position_);
      announcing_ = true;
    } else if (announcing_) {
      ctx.team->stop_announcing();
      announcing_ = false;
    }
  }
  if (ctx.presentation) return draw_presentation(ctx);
  ImGui::BeginChild("session_list", ImVec2(split_width(ctx.splits, "sessions.list", 16, 9, 0.5f), 0), true);
  draw_list(ctx);
  ImGui::EndChild();
  ImGui::SameLine(0, 0);
  splitter(ctx.splits, "sessions.list", 16, 9, 0.5f);
  ImGui::SameLine(0, 0);
  ImGui::BeginChild("session_body", ImVec2(0, 0), false);
  if (session_)
    draw_session(ctx);
  else
    ImGui::TextWrapped("No session yet. Create one on the left: a title, the board, the date and who attends.");
  ImGui::EndChild();
}

// ---- the list ----------------------------------------------------------------------

void SessionsPanel::draw_list(PanelContext& ctx) {
  if (heading_font()) ImGui::PushFont(heading_font());
  ImGui::TextUnformatted("Sessions");
  if (heading_font()) ImGui::PopFont();
  for (const auto& s : sessions_) {
    const std::string label = s.held_on + "  " + s.title + "##s" + std::to_string(s.id);
    if (ImGui::Selectable(label.c_str(), s.id == session_)) open(s.id, 1);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s\n%d agenda item%s%s", s.board.c_str(), s.items, s.items == 1 ? "" : "s",
                        s.started_at.empty() ? "" : ("\nstarted " + s.started_at).c_str());
  }
  draw_follow(ctx);
  ImGui::Separator();
  ImGui::TextDisabled("New session");
  if (new_date_.empty()) new_date_ = today_utc();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##new_title", "Title", &new_title_);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##new_board", "Board", &new_board_);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##new_date", "Date YYYY-MM-DD", &new_date_);
  ImGui::TextDisabled("Attendees, one a line");
  ImGui::InputTextMultiline("##new_att", &new_attendees_, ImVec2(-1, ImGui::GetTextLineHeight() * 4));
  if (ImGui::Button("Create session")) {
    try {
      const auto id = ctx.workspace.edits()
                          .create_session({.title = new_title_,
                                           .board = new_board_,
                                           .held_on = new_date_,
                                           .attendees = nonblank_lines(new_attendees_)})
                          .row_id;
      open(id, 1);
      ctx.say("Created session " + std::to_string(id));
      new_title_.clear();
      new_attendees_.clear();
    } catch (const std::exception& e) {
      report(e, ctx);
    }
  }
}

// ---- a session ------------------------------------------------------------------------

void SessionsPanel::draw_session(PanelContext& ctx) {
  const auto it = std::find_if(sessions_.begin(), sessions_.end(), [&](const auto& s) { return s.id == session_; });
  if (it == sessions_.end()) return;
  if (heading_font()) ImGui::PushFont(heading_font());
  ImGui::TextWrapped("%s", it->title.c_str());
  if (heading_font()) ImGui::PopFont();
  ImGui::TextDisabled("%s  |  %s  |  %s", it->board.empty() ? "no board" : it->board.c_str(), it->held_on.c_str(),
                      it->started_at.empty()
                          ? "not presented yet"
                          : ("started " + it->started_at + ", data " + it->data_fingerprint).c_str());
  ImGui::BeginDisabled(agenda_.empty());
  if (ImGui::Button("Present from this item (F11)")) ctx.request_presentation = true;
  ImGui::EndDisabled();
  if (ImGui::CollapsingHeader("Details and attendees")) draw_details(ctx);
  ImGui::Spacing();
  ImGui::BeginChild("agenda", ImVec2(ImGui::GetContentRegionAvail().x * 0.45f, 0), true);
  draw_agenda(ctx);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("item", ImVec2(0, 0), true);
  draw_item(ctx);
  ImGui::EndChild();
}

void SessionsPanel::draw_details(PanelContext& ctx) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
  ImGui::InputText("Title", &edit_title_);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
  ImGui::InputText("Board", &edit_board_);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  ImGui::InputText("Date", &edit_date_);
  ImGui::InputTextMultiline("Attendees", &edit_attendees_,
                            ImVec2(ImGui::GetFontSize() * 24, ImGui::GetTextLineHeight() * 5));
  if (ImGui::Button("Save details")) {
    try {
      ctx.workspace.edits().update_session(session_, {.title = edit_title_,
                                                      .board = edit_board_,
                                                      .held_on = edit_date_,
                                                      .attendees = nonblank_lines(edit_attendees_)});
      ctx.say("Saved");
      dirty_ = true;
      edit_session_ = 0;  // read back as stored
    } catch (const std::exception& e) {
      report(e, ctx);
    }
  }
}

void SessionsPanel::draw_agenda(PanelContext& ctx) {
  auto& ws = ctx.workspace;
  ImGui::TextUnformatted("Agenda");
  std::optional<std::pair<int, int>> move;
  std::optional<int> remove;
  for (const auto& item : agenda_) {
    ImGui::PushID(static_cast<int>(item.id));
    // The title fitted to what the row leaves beside its three buttons.
    const ImGuiStyle& st = ImGui::GetStyle();
    const float buttons_w = ImGui::CalcTextSize("^").x + ImGui::CalcTextSize("v").x + ImGui::CalcTextSize("x").x +
                            st.FramePadding.x * 6 + st.ItemSpacing.x * 3;
    const float label_w = std::max(ImGui::GetFontSize() * 4, ImGui::GetContentRegionAvail().x - buttons_w);
    const std::string full = std::to_string(item.position) + ". " + item_title(ws, item);
    const std::string label = fit_text(full, label_w - st.ItemSpacing.x);
    if (ImGui::Selectable((label + "##item").c_str(), item.position == position_, 0, ImVec2(label_w, 0)))
      position_ = item.position;
    if (ImGui::IsItemHovered()) {
      std::string tip = label == full ? item.view_id : full + "\n" + item.view_id;
      for (const auto& [k, v] : item.params) tip += "\n" + k + " = " + v;
      if (!item.note.empty()) tip += "\n\n" + item.note;
      ImGui::SetTooltip("%s", tip.c_str());
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("^") && item.position > 1) move = std::pair{item.position, item.position - 1};
    ImGui::SameLine();
    if (ImGui::SmallButton("v") && item.position < static_cast<int>(agenda_.size()))
      move = std::pair{item.position, item.position + 1};
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) remove = item.position;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this item from the agenda (Undo or Ctrl+Z puts it back)");
    ImGui::PopID();
  }
  if (agenda_.empty()) ImGui::TextDisabled("The agenda is empty: add a board view below.");
  try {
    if (move) {
      ws.edits().move_agenda_item(session_, move->first, move->second);
      if (position_ == move->first) position_ = move->second;
      dirty_ = true;
    }
    if (remove) {
      const auto r = ws.edits().remove_agenda_item(session_, *remove);
      ctx.say_undoable("Removed " + r.message.substr(0, r.message.rfind(" removed")) + " (Ctrl+Z puts it back)");
      dirty_ = true;
    }
  } catch (const std::exception& e) {
    report(e, ctx);
  }
  ImGui::Separator();
  const auto views = ws.packs().views();
  if (views.empty()) {
    ImGui::TextDisabled("No pack defines a board view.");
    return;
  }
  add_view_ = std::clamp(add_view_, 0, static_cast<int>(views.size()) - 1);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##add_view", views[static_cast<std::size_t>(add_view_)].def->title.c_str())) {
    for (std::size_t i = 0; i < views.size(); ++i)
      if (ImGui::Selectable((views[i].def->title + "##" + views[i].def->id).c_str(), static_cast<int>(i) == add_view_))
        add_view_ = static_cast<int>(i);
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##add_note", "What the item is for (optional)", &add_note_);
  if (ImGui::Button("Add to agenda")) {
    try {
      ws.edits().add_agenda_item(session_, {.view_id = views[static_cast<std::size_t>(add_view_)].def->id,
                                            .params = {},
                                            .note = add_note_,
                                            .position = 0});
      add_note_.clear();
      dirty_ = true;
      select_last_ = true;  // selected once the agenda is read again, at the next frame
    } catch (const std::exception& e) {
      report(e, ctx);
    }
  }
}

void SessionsPanel::draw_item(PanelContext& ctx) {
  auto& ws = ctx.workspace;
  const auto selected = item_at(position_);
  if (!selected) return;
  const data::AgendaItem& item = *selected;
  if (heading_font()) ImGui::PushFont(heading_font());
  ImGui::TextWrapped("%d. %s", item.position, item_title(ws, item).c_str());
  if (heading_font()) ImGui::PopFont();
  if (!item.note.empty()) ImGui::TextWrapped("%s", item.note.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Typing is saved as you type. Ctrl+Z, outside the box, takes it back.");
  ImGui::PopStyleColor();

  std::optional<std::int64_t> remove;
  bool saved = false;
  std::int64_t typing = 0;
  for (auto kind : {data::RecordKind::Note, data::RecordKind::Decision}) {
    ImGui::Spacing();
    ImGui::TextUnformatted(kind == data::RecordKind::Note ? "Notes" : "Decisions");
    for (const auto& r : records_) {
      if (r.item_id != item.id || r.kind != kind) continue;
      ImGui::PushID(static_cast<int>(r.id));
      std::string& text = texts_[r.id];
      if (ImGui::InputTextMultiline("##t", &text,
                                    ImVec2(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 2.5f,
                                           ImGui::GetTextLineHeight() * 3.2f))) {
        // Each keystroke batch (what changed this frame) is committed at
        // once; typing in one go is one edit (one Ctrl+Z takes it back).
        try {
          ws.edits().set_record_text(r.id, text);
          saved = true;
        } catch (const std::exception& e) {
          report(e, ctx);
        }
      }
      if (ImGui::IsItemActive()) typing = r.id;
      ImGui::SameLine();
      if (ImGui::SmallButton("x")) remove = r.id;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this record (Undo or Ctrl+Z puts it back)");
      ImGui::PopID();
    }
    const char* add = kind == data::RecordKind::Note ? "Add note" : "Add decision";
    if (ImGui::SmallButton(add)) {
      try {
        const auto id = ws.edits().add_record(item.id, kind, "").row_id;
        texts_[id] = "";
        dirty_ = true;
      } catch (const std::exception& e) {
        report(e, ctx);
      }
    }
  }
  typing_record_ = typing;
  if (saved) {
    ctx.say("Saved");
  }
  if (remove) {
    try {
      const auto r = ws.edits().delete_record(*remove);
      texts_.erase(*remove);
      dirty_ = true;
      ctx.say_undoable(r.message + " (Ctrl+Z puts it back)");
    } catch (const std::exception& e) {
      report(e, ctx);
    }
  }

  ImGui::Spacing();
  ImGui::TextUnformatted("Actions");
  for (const auto& r : records_) {
    if (r.item_id != item.id || r.kind != data::RecordKind::Action) continue;
    ImGui::Bullet();
    ImGui::TextWrapped("%s  %s  (owner %s%s%s)", r.action_ref.c_str(), r.text.c_str(), r.owner.c_str(),
                       r.due.empty() ? "" : (", due " + r.due).c_str(),
                       r.risks.empty() ? "" : (", risks " + r.risks).c_str());
  }
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##a_title", "Action: what is to be done", &action_title_);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  ImGui::InputTextWithHint("##a_owner", "Owner", &action_owner_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  ImGui::InputTextWithHint("##a_due", "Due YYYY-MM-DD", &action_due_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputTextWithHint("##a_risks", "Risks 10, 4", &action_risks_);
  if (ImGui::Button("Record action")) {
    try {
      data::SessionActionEdit e{.agenda_item_id = item.id,
                                .title = action_title_,
                                .owner = action_owner_,
                                .due = action_due_,
                                .risk_refs = {}};
      std::string refs = action_risks_;
      std::replace(refs.begin(), refs.end(), ',', ' ');
      std::size_t from = 0;
      while (from < refs.size()) {
        const auto end = std::min(refs.find(' ', from), refs.size());
        const std::string_view tok = trim(std::string_view(refs).substr(from, end - from));
        if (!tok.empty()) {
          std::int64_t v = 0;
          const auto [p, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), v);
          if (ec != std::errc() || p != tok.data() + tok.size())
            throw Error("risks must be register refs such as 10, 4 (got '" + std::string(tok) + "')");
          e.risk_refs.push_back(v);
        }
        from = end + 1;
      }
      const auto r = ws.edits().session_action(e);
      ws.log(script::ConsoleMessage::Level::Info, "edit: " + r.message);
      ctx.say("Recorded " + r.message + " (Ctrl+Z undoes it)");
      action_title_.clear();
      action_due_.clear();
      action_risks_.clear();
      dirty_ = true;
    } catch (const std::exception& e) {
      report(e, ctx);
    }
  }
}

// ---- following the presenter (team mode) ------------------------------------------------

void SessionsPanel::follow(PanelContext& ctx) {
  if (!ctx.team || !follow_) return;
  const auto& p = ctx.team->presenter();
  if (!p || p->number == followed_) return;
  // A session this replica does not hold yet (its change not yet pulled):
  // tried again at the next frame.
  if (!std::any_of(sessions_.begin(), sessions_.end(), [&](const auto& s) { return s.id == p->session; })) return;
  followed_ = p->number;
  if (p->session != session_ || p->position != position_) open(p->session, p->position);
}

void SessionsPanel::draw_follow(PanelContext& ctx) {
  if (!ctx.team) return;
  ImGui::Separator();
  if (ImGui::Checkbox("Follow the presenter", &follow_) && follow_) followed_ = 0;  // catch up at once
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Move to the session and agenda item a colleague presents (F11 in their Sessions panel) as they move");
  if (const auto& p = ctx.team->presenter())
    ImGui::TextDisabled("%s presents session %lld, item %d", p->display.c_str(), static_cast<long long>(p->session),
                        p->position);
  else if (follow_)
    ImGui::TextDisabled("No one is presenting yet");
}

// ---- presentation --------------------------------------------------------------------

void SessionsPanel::go_to(int position) {
  const int n = static_cast<int>(agenda_.size());
  if (n == 0) return;
  position = std::clamp(position, 1, n);
  if (position == position_ && !drill_) return;
  // Back from a drill-down returns to where the item was; another item opens at its top.
  scroll_to_ = position == position_ ? item_scroll_ : 0.0f;
  position_ = position;
  drill_.reset();
}

void SessionsPanel::drill(const LinkRequest& link) {
  if (!drill_) item_scroll_ = ImGui::GetScrollY();  // the item's place, for Back
  drill_ = link;
  scroll_to_ = 0.0f;  // a drill-down opens at its top
}

void SessionsPanel::draw_presentation(PanelContext& ctx) {
  auto& ws = ctx.workspace;
  if (agenda_.empty()) {
    ImGui::TextWrapped("This session's agenda is empty. Press Esc, and add board views to it in the Sessions panel.");
    return;
  }
  const ImGuiIO& io = ImGui::GetIO();
  // The keyboard runs the session: Left/Right and Page Up/Down move between
  // items, Home/End to the first and last; Up/Down and Space (Shift+Space
  // back) scroll the view; Backspace leaves a drill-down.
  auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
  float scroll_by = 0;
  if (!io.WantTextInput) {
    if (pressed(ImGuiKey_RightArrow) || pressed(ImGuiKey_PageDown)) go_to(position_ + 1);
    if (pressed(ImGuiKey_LeftArrow) || pressed(ImGuiKey_PageUp)) go_to(position_ - 1);
    if (pressed(ImGuiKey_Home)) go_to(1);
    if (pressed(ImGuiKey_End)) go_to(static_cast<int>(agenda_.size()));
    if (drill_ && pressed(ImGuiKey_Backspace)) go_to(position_);
    const float line = ImGui::GetTextLineHeightWithSpacing() * 1.3f;  // the presented type's line
    if (pressed(ImGuiKey_DownArrow)) scroll_by += line * 3;
    if (pressed(ImGuiKey_UpArrow)) scroll_by -= line * 3;
  }
  const bool page_down = !io.WantTextInput && pressed(ImGuiKey_Space);
  const auto presented = item_at(position_);
  if (!presented) return;
  const data::AgendaItem& item = *presented;

  // The agenda strip, in the ordinary type size: where we are, and a click
  // goes to any item.
  ImFont* small = io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0];
  if (small) ImGui::PushFont(small);
  ImGui::BeginChild("strip", ImVec2(0, ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y * 2),
                    true, ImGuiWindowFlags_HorizontalScrollbar);
  for (const auto& a : agenda_) {
    if (a.position > 1) ImGui::SameLine();
    const bool current = a.position == position_;
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
    std::string label = std::to_string(a.position) + ". " + item_title(ws, a);
    if (utf8_length(label) > 34) label = label.substr(0, 31) + "...";
    if (ImGui::Button((label + "##strip" + std::to_string(a.id)).c_str())) go_to(a.position);
    if (current) ImGui::PopStyleColor();
  }
  ImGui::SameLine();
  ImGui::TextDisabled(
      "   %d of %zu   \xE2\x86\x90 \xE2\x86\x92 items  \xE2\x86\x91 \xE2\x86\x93 Space scroll  Esc leaves", position_,
      agenda_.size());
  ImGui::EndChild();
  if (small) ImGui::PopFont();

  // The pack host builds the view; once its answer is current for this
  // item, keep it as presented (again only when what it shows changed: the
  // snapshot is a write, and a write must not start another build).
  const engine::ViewOutcome* out = ws.view({item.view_id, item.params, ""});
  if (out && out->current && (shown_item_ != item.id || shown_generation_ != ws.generation())) {
    shown_generation_ = ws.generation();
    if (!out->error.empty()) {
      shown_ = Tree::object();
      present_error_ = out->error;
      shown_item_ = item.id;
    } else if (shown_item_ != item.id || !shown_ || !same_view(*shown_, out->tree)) {
      try {
        const Tree& built = out->tree;
        shown_ = engine::present_agenda_item(
            ws.db(), engine::packs_json(ws.packs()), [&](const engine::ViewRequest&) { return built; }, item.id);
        present_error_.clear();
      } catch (const std::exception& e) {
        shown_ = Tree::object();
        present_error_ = e.what();
      }
      shown_item_ = item.id;
    }
  }

  // The view in larger type: the regular face scaled up, so that headings
  // stay larger than the text under them (the shell's presentation font is
  // the bold heading face, which is heavy for whole tables).
  if (drill_) {
    // The breadcrumb: the agenda item, then the view drilled into; Back returns.
    if (small) ImGui::PushFont(small);
    const bool back =
        ImGui::Button(("< Back to agenda item " + std::to_string(item.position) + " (Backspace)").c_str());
    ImGui::SameLine();
    const engine::ViewOutcome* target = ws.view({drill_->view, drill_->params, ""});
    std::string crumb = std::to_string(item.position) + ". " + item_title(ws, item) + "  \u203A  ";
    const Tree* title = target && target->error.empty() ? target->tree.find("title") : nullptr;
    crumb += title && title->is_string() ? title->as_string() : drill_->view;
    text_fitted(crumb, ImGui::GetContentRegionAvail().x);
    if (small) ImGui::PopFont();
    if (back) go_to(position_);
  }
  ImGui::BeginChild("presented", ImVec2(0, 0), false);
  if (scroll_to_) {
    ImGui::SetScrollY(*scroll_to_);
    scroll_to_.reset();
  } else if (scroll_by != 0 || page_down) {
    if (page_down) scroll_by = (io.KeyShift ? -1.0f : 1.0f) * ImGui::GetWindowHeight() * 0.9f;
    ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() + scroll_by, 0.0f, ImGui::GetScrollMaxY()));
  }
  if (small) ImGui::PushFont(small);
  ImGui::SetWindowFontScale(1.3f);
  if (drill_) {
    const engine::ViewOutcome* drilled = ws.view({drill_->view, drill_->params, ""});
    if (!drilled) {
      ImGui::TextDisabled("Building the view...");
    } else if (!drilled->error.empty()) {
      text_error(drilled->error);
    } else if (auto link = renderer_.draw(drilled->tree)) {
      drill(*link);
    }
  } else if (!shown_ || shown_item_ != item.id) {
    ImGui::TextDisabled("Building the view...");
  } else if (!present_error_.empty()) {
    text_error(present_error_);
  } else {
    if (const Tree* t = shown_->find("title"); t && t->is_string()) {
      if (heading_font()) ImGui::PushFont(heading_font());
      ImGui::TextDisabled("%d. %s", item.position, t->as_string().c_str());
      if (heading_font()) ImGui::PopFont();
    }
    if (auto link = renderer_.draw(*shown_)) drill(*link);
  }
  if (small) ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace gb::ui
