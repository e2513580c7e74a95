#include "engine/edit_path.hpp"

#include <utility>

#include "core/error.hpp"
#include "data/edits.hpp"
#include "data/scenarios.hpp"
#include "data/sessions.hpp"
#include "engine/imports.hpp"

namespace gb::engine {

namespace {

EditOutcome from_result(const data::EditResult& r) {
  return EditOutcome{.changed = r.changed(), .message = r.description, .edit_id = r.edit_id};
}

// The change a scenario holds for a thing, in words: "risk 9 PUBLIC &
// LOCAL ENGAGEMENT H v H".
std::string proposed(data::Db& db, std::int64_t scenario_id, std::int64_t change_id) {
  const data::Scenario s = data::load_scenario(db, scenario_id);
  for (const auto& c : s.changes)
    if (c.id == change_id) return c.label + " " + c.proposed;
  return "a change";
}

}  // namespace

EditPath::EditPath(data::Db& db, ScenarioSource active_scenario, Listener on_write)
    : db_(db), scenario_(std::move(active_scenario)), listener_(std::move(on_write)) {}

const data::Scenario* EditPath::scenario() const {
  return scenario_ ? scenario_() : nullptr;
}

void EditPath::notify(Touched t) const {
  if (listener_) listener_(t);
}

// ---- the register (or the active scenario) ---------------------------------

// A form's edit proposed in the active scenario: "Added to scenario 'x':
// risk 9 PUBLIC & LOCAL ENGAGEMENT H v H", or that it already says so.
EditOutcome EditPath::propose(const std::function<std::int64_t(std::int64_t scenario_id)>& set) {
  const data::Scenario* s = scenario();
  const std::string name = s->name;
  const std::int64_t id = s->id;
  EditOutcome out = written(Touched::Scenario, true, [&] { return set(id); });
  out.into_scenario = true;
  out.message = out.changed
                    ? "Added to scenario '" + name + "': " + proposed(db_, id, out.row_id)
                    : "Nothing changed: scenario '" + name + "' already proposes " + proposed(db_, id, out.row_id);
  return out;
}

EditOutcome EditPath::assess(const data::AssessmentEdit& e) {
  if (scenario())
    return propose([&](std::int64_t id) {
      return data::set_risk_change(db_, id, {.risk_id = e.risk_id, .likelihood = e.likelihood, .impact = e.impact});
    });
  EditOutcome out = from_result(data::record_assessment(db_, e));
  if (out.changed) notify(Touched::Register);
  return out;
}

EditOutcome EditPath::control_progress(const data::ControlProgressEdit& e) {
  if (scenario())
    return propose([&](std::int64_t id) {
      return data::set_control_change(db_, id, {.control_id = e.control_id, .progress = e.progress});
    });
  EditOutcome out = from_result(data::set_control_progress(db_, e));
  if (out.changed) notify(Touched::Register);
  return out;
}

EditOutcome EditPath::action_status(const data::ActionStatusEdit& e) {
  if (scenario()) {
    if (e.update_text)
      throw Error(
          "a dated progress update goes into the register, not a scenario: choose 'none' in the what-if bar "
          "to write one");
    return propose([&](std::int64_t id) {
      return data::set_action_change(db_, id, {.item_id = e.item_id, .status = e.status, .rag = e.rag});
    });
  }
  EditOutcome out = from_result(data::set_action_status(db_, e));
  if (out.changed) notify(Touched::Register);
  return out;
}

EditOutcome EditPath::improvement_action(const data::ImprovementActionEdit& e) {
  if (scenario())
    throw Error("improvement actions are not part of scenarios: choose 'none' in the what-if bar to edit them");
  EditOutcome out = from_result(data::set_improvement_action(db_, e));
  if (out.changed) notify(Touched::Register);
  return out;
}

// ---- review sessions ------------------------------------------------------------

// Runs a write whose data-layer function answers the row it made (or 0)
// and takes what it recorded from the connection (data::take_last_edit):
// nothing written, nothing said.
EditOutcome EditPath::written(Touched touched, bool into_scenario, const std::function<std::int64_t()>& write) {
  data::take_last_edit(db_);  // forget any earlier one
  const std::int64_t row = write();
  const auto made = data::take_last_edit(db_);
  if (!made) return EditOutcome{.row_id = row, .into_scenario = into_scenario};
  notify(touched);
  return EditOutcome{.changed = true,
                     .message = made->description,
                     .edit_id = made->edit_id,
                     .row_id = row,
                     .into_scenario = into_scenario};
}

EditOutcome EditPath::create_session(const data::SessionFields& f) {
  return written(Touched::Session, false, [&] { return data::create_session(db_, f); });
}

EditOutcome EditPath::update_session(std::int64_t session_id, const data::SessionFields& f) {
  return written(Touched::Session, false, [&] {
    data::update_session(db_, session_id, f);
    return session_id;
  });
}

EditOutcome EditPath::add_agenda_item(std::int64_t session_id, const data::NewAgendaItem& item) {
  return written(Touched::Session, false, [&] { return data::add_agenda_item(db_, session_id, item); });
}

EditOutcome EditPath::move_agenda_item(std::int64_t session_id, int from, int to) {
  return written(Touched::Session, false, [&] {
    data::move_agenda_item(db_, session_id, from, to);
    return std::int64_t{0};
  });
}

EditOutcome EditPath::remove_agenda_item(std::int64_t session_id, int position) {
  return written(Touched::Session, false, [&] {
    data::remove_agenda_item(db_, session_id, position);
    return std::int64_t{0};
  });
}

EditOutcome EditPath::set_agenda_note(std::int64_t item_id, const std::string& note) {
  return written(Touched::Session, false, [&] {
    data::set_agenda_note(db_, item_id, note);
    return item_id;
  });
}

EditOutcome EditPath::set_agenda_params(std::int64_t item_id, const data::Params& params) {
  return written(Touched::Session, false, [&] {
    data::set_agenda_params(db_, item_id, params);
    return item_id;
  });
}

EditOutcome EditPath::add_record(std::int64_t item_id, data::RecordKind kind, const std::string& text) {
  return written(Touched::Session, false, [&] { return data::add_record(db_, item_id, kind, text); });
}

EditOutcome EditPath::set_record_text(std::int64_t record_id, const std::string& text) {
  return written(Touched::Session, false, [&] {
    data::set_record_text(db_, record_id, text);
    return record_id;
  });
}

EditOutcome EditPath::delete_record(std::int64_t record_id) {
  return written(Touched::Session, false, [&] {
    data::delete_record(db_, record_id);
    return record_id;
  });
}

EditOutcome EditPath::session_action(const data::SessionActionEdit& e) {
  EditOutcome out = from_result(data::record_session_action(db_, e));
  if (out.changed) {
    notify(Touched::Register);
    notify(Touched::Session);
  }
  return out;
}

// ---- scenarios --------------------------------------------------------------------

EditOutcome EditPath::create_scenario(const data::NewScenario& s) {
  return written(Touched::Scenario, false, [&] { return data::create_scenario(db_, s); });
}

EditOutcome EditPath::copy_scenario(std::int64_t scenario_id, const std::string& new_name) {
  return written(Touched::Scenario, false, [&] { return data::copy_scenario(db_, scenario_id, new_name); });
}

EditOutcome EditPath::discard_scenario(std::int64_t scenario_id) {
  return written(Touched::Scenario, false, [&] {
    data::discard_scenario(db_, scenario_id);
    return scenario_id;
  });
}

EditOutcome EditPath::set_risk_change(std::int64_t scenario_id, const data::RiskChange& c) {
  return written(Touched::Scenario, true, [&] { return data::set_risk_change(db_, scenario_id, c); });
}

EditOutcome EditPath::set_control_change(std::int64_t scenario_id, const data::ControlChange& c) {
  return written(Touched::Scenario, true, [&] { return data::set_control_change(db_, scenario_id, c); });
}

EditOutcome EditPath::set_action_change(std::int64_t scenario_id, const data::ActionChange& c) {
  return written(Touched::Scenario, true, [&] { return data::set_action_change(db_, scenario_id, c); });
}

EditOutcome EditPath::remove_change(std::int64_t scenario_id, const std::string& kind, std::int64_t target_id) {
  return written(Touched::Scenario, true, [&] {
    data::remove_change(db_, scenario_id, kind, target_id);
    return std::int64_t{0};
  });
}

std::vector<data::EditResult> EditPath::apply_scenario(std::int64_t scenario_id) {
  auto out = data::apply_scenario(db_, scenario_id);
  notify(Touched::Register);
  notify(Touched::Scenario);
  return out;
}

// ---- imports ------------------------------------------------------------------------

data::ImportReport EditPath::import_csv(const std::filesystem::path& file, const data::ImportOptions& options) {
  data::ImportReport r = engine::import_csv(db_, file, options);
  notify(Touched::Register);
  return r;
}

std::vector<EditOutcome> EditPath::apply_register_import(const std::vector<data::AssessmentEdit>& edits) {
  if (scenario())
    throw Error(
        "a register workbook is recorded in the register, not in a scenario: choose 'none' in the what-if "
        "bar first");
  std::vector<EditOutcome> out;
  {
    data::Transaction tx(db_);  // each assessment is a savepoint inside this one
    for (const auto& e : edits) out.push_back(from_result(data::record_assessment(db_, e)));
    tx.commit();
  }
  if (!edits.empty()) notify(Touched::Register);
  return out;
}

// ---- history ------------------------------------------------------------------------

EditOutcome EditPath::undo() {
  const auto r = data::undo_last_edit(db_);
  if (!r) return EditOutcome{.changed = false, .message = "Nothing to undo"};
  notify(Touched::Unknown);
  return EditOutcome{.changed = true, .message = "Undone: " + r->description.substr(6), .edit_id = r->edit_id};
}

EditOutcome EditPath::redo() {
  const auto r = data::redo_last_undo(db_);
  if (!r) return EditOutcome{.changed = false, .message = "Nothing to redo"};
  notify(Touched::Unknown);
  return EditOutcome{.changed = true, .message = "Redone: " + r->description.substr(6), .edit_id = r->edit_id};
}

std::optional<data::EditSummary> EditPath::next_undo() {
  return data::next_undo(db_);
}
std::optional<data::EditSummary> EditPath::next_redo() {
  return data::next_redo(db_);
}
std::vector<data::EditSummary> EditPath::history(int limit) {
  return data::recent_edits(db_, limit);
}

}  // namespace gb::engine
