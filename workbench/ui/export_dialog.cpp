#include "ui/export_dialog.hpp"

#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "engine/evaluator.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"

namespace gb::ui {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPopup = "Export view";

std::string human_size(std::uint64_t bytes) {
  char buf[32];
  if (bytes < 1024)
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  else if (bytes < std::uint64_t{1024} * 1024)
    std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024);
  else
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024 * 1024));
  return buf;
}

// "~/x" as the shell would read it; surrounding blanks dropped.
std::string expand_path(std::string p) {
  while (!p.empty() && (p.back() == ' ' || p.back() == '\t')) p.pop_back();
  while (!p.empty() && (p.front() == ' ' || p.front() == '\t')) p.erase(p.begin());
  if (p.rfind("~/", 0) == 0)
    if (const char* h = std::getenv("HOME"); h && *h) p = std::string(h) + p.substr(1);
  return p;
}

void coloured(Rag rag, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(rag));
  ImGui::TextWrapped("%s %s", rag_symbol(rag), text.c_str());
  ImGui::PopStyleColor();
}

}  // namespace

ExportDialog::~ExportDialog() {
  if (worker_.valid()) worker_.wait();
}

void ExportDialog::open(engine::Workspace& ws, const std::string& view_id,
                        std::vector<std::pair<std::string, std::string>> params) {
  open_popup_ = true;
  if (busy()) return;  // an export under way: show its progress
  view_id_ = view_id;
  params_ = std::move(params);
  state_ = State::Editing;
  message_.clear();
  error_ = false;
  written_.clear();
  prepared_.reset();
  set_path(exporter::default_paper_path(ws.database(), view_id, today_utc(), format_));
}

void ExportDialog::set_format(exporter::PaperFormat format) {
  // A path that ends in the old format's extension follows the new one.
  const std::string old_ext = std::string(".") + exporter::paper_format_name(format_);
  std::string p = path_;
  if (p.size() > old_ext.size() && p.compare(p.size() - old_ext.size(), old_ext.size(), old_ext) == 0)
    set_path(p.substr(0, p.size() - old_ext.size()) + "." + exporter::paper_format_name(format));
  format_ = format;
}

void ExportDialog::set_path(const std::string& path) {
  path_ = path;
}

void ExportDialog::fail(const std::string& message) {
  state_ = State::Failed;
  message_ = message;
  error_ = true;
  prepared_.reset();
}

// On the UI thread: build the view (Lua, SQLite), apply the strict rule,
// and ask before replacing a file.
void ExportDialog::prepare(engine::Workspace& ws) {
  out_path_ = expand_path(path_);
  if (out_path_.empty()) return fail("Choose a file to write the export to.");
  // The pack host builds the view; until its answer is current, stay in
  // Preparing (asked again on the next frame).
  const engine::ViewOutcome* built = ws.view({view_id_, params_, ""});
  if (!built || !built->current) return;
  if (!built->error.empty()) return fail("Not exported: the view could not be built: " + built->error);
  Tree view = built->tree;
  if (const data::Scenario* s = ws.scenario()) exporter::mark_scenario(view, s->name, s->changes.size());
  view_errors_ = view_error_count(view);
  if (refuse_errors_) {
    if (auto refusal = exporter::strict_refusal(view)) {
      std::string text = "Not exported: " + *refusal +
                         " (untick \"Refuse if the view has errors\" to export it "
                         "with the errors shown in place):";
      for (const Tree& e : view.find("errors")->as_array())
        if (const Tree* m = e.find("message"); m && m->is_string()) text += "\n  " + m->as_string();
      return fail(text);
    }
  }
  std::vector<std::string> paths;
  try {
    paths = exporter::paper_paths(view, format_, out_path_);
  } catch (const std::exception& e) {
    return fail(std::string("Not exported: ") + e.what());
  }
  existing_.clear();
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(p, ec))) existing_.push_back(p);
  }
  prepared_ = std::move(view);
  db_path_ = ws.database();
  if (!existing_.empty()) {
    state_ = State::ConfirmOverwrite;
    message_ = existing_.size() == 1 ? existing_.front() + " already exists. Replace it?"
                                     : std::to_string(existing_.size()) + " of the files already exist (" +
                                           existing_.front() + ", ...). Replace them?";
    error_ = false;
    return;
  }
  start();
}

// Rendering and writing read only the tree: off the UI thread.
void ExportDialog::start() {
  state_ = State::Exporting;
  message_ = "Exporting...";
  error_ = false;
  worker_ =
      std::async(std::launch::async, [view = std::move(*prepared_), format = format_, out = out_path_, db = db_path_] {
        return exporter::write_paper(exporter::render_paper(view, format, out), db);
      });
  prepared_.reset();
}

void ExportDialog::poll() {
  if (!worker_.valid() || worker_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  try {
    written_ = worker_.get();
  } catch (const std::exception& e) {
    return fail(std::string("Not exported: ") + e.what());
  }
  state_ = State::Done;
  error_ = false;
  std::string text = "Exported ";
  for (std::size_t i = 0; i < written_.size(); ++i)
    text += (i ? ", " : "") + written_[i].path + " (" + human_size(written_[i].bytes) + ")";
  if (view_errors_)
    text += "; the view has " + std::to_string(view_errors_) + (view_errors_ == 1 ? " error" : " errors") +
            ", shown in place in the export";
  message_ = text;
}

void ExportDialog::draw(engine::Workspace& ws) {
  if (state_ == State::Exporting) poll();
  if (press_export_) {
    press_export_ = false;
    if (!busy() && state_ != State::ConfirmOverwrite && state_ != State::Closed) {
      // Show "Exporting..." for a frame before the UI thread is busy building.
      state_ = State::Preparing;
      message_ = "Exporting...";
      error_ = false;
    }
  } else if (state_ == State::Preparing) {
    prepare(ws);
  }
  if (press_overwrite_) {
    press_overwrite_ = false;
    if (state_ == State::ConfirmOverwrite && prepared_) start();
  }

  if (open_popup_) {
    ImGui::OpenPopup(kPopup);
    open_popup_ = false;
  }
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 42, 0));
  if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::Text("View: %s", view_id_.c_str());
  std::string params;
  for (const auto& [k, v] : params_) params += (params.empty() ? "" : ", ") + k + " = " + v;
  ImGui::TextDisabled("Parameters: %s", params.empty() ? "the view's defaults" : params.c_str());
  if (const data::Scenario* s = ws.scenario())
    coloured(Rag::Amber, "Under the what-if scenario '" + s->name + "': the export says so in its provenance.");
  ImGui::Spacing();

  const bool locked = busy() || state_ == State::ConfirmOverwrite;
  ImGui::BeginDisabled(locked);
  ImGui::TextUnformatted("Format");
  ImGui::SameLine();
  for (auto [f, label] :
       {std::pair{exporter::PaperFormat::Html, "HTML"}, std::pair{exporter::PaperFormat::Pdf, "PDF"},
        std::pair{exporter::PaperFormat::Csv, "CSV"}, std::pair{exporter::PaperFormat::Xlsx, "Excel (XLSX)"},
        std::pair{exporter::PaperFormat::Json, "JSON"}}) {
    if (ImGui::RadioButton(label, format_ == f)) set_format(f);
    ImGui::SameLine();
  }
  ImGui::NewLine();
  ImGui::TextUnformatted("Save to");
  ImGui::SetNextItemWidth(-1);
  bool enter = false;
  path_box("##export_path", "where to write the paper", path_, picker_, "Export to",
           {std::string(".") + exporter::paper_format_name(format_)}, FilePicker::Mode::SaveFile, &enter);
  if (format_ == exporter::PaperFormat::Csv)
    ImGui::TextDisabled("A view with several tables gives one file per table: the name, its number and title.");
  if (format_ == exporter::PaperFormat::Xlsx)
    ImGui::TextDisabled(
        "One workbook: an About sheet (title, provenance), then one sheet per table, RAG cells filled.");
  ImGui::Checkbox("Refuse if the view has errors", &refuse_errors_);
  ImGui::EndDisabled();
  ImGui::Separator();

  switch (state_) {
    case State::Preparing:
    case State::Exporting: {
      const int dots = static_cast<int>(ImGui::GetTime() * 3) % 4;
      ImGui::Text("Exporting%.*s", dots, "...");
      break;
    }
    case State::ConfirmOverwrite:
      coloured(Rag::Amber, message_);
      if (ImGui::Button("Replace")) press_overwrite_ = true;
      ImGui::SameLine();
      if (ImGui::Button("Back")) {
        state_ = State::Editing;
        message_.clear();
        prepared_.reset();
      }
      break;
    case State::Done:
      coloured(Rag::Green, message_);
      break;
    case State::Failed:
      coloured(Rag::Red, message_);
      break;
    default:
      break;
  }
  if (!locked) {
    if (ImGui::Button("Export") || enter) press_export_ = true;
    ImGui::SameLine();
    if (ImGui::Button(state_ == State::Done ? "Close" : "Cancel") ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
      if (state_ == State::Editing) message_.clear();
      state_ = State::Closed;
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::EndPopup();
}

}  // namespace gb::ui
