#include "ui/file_picker.hpp"

#include <imgui.h>

#include <algorithm>
#include <optional>
#include <system_error>
#include <utility>

#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"

namespace gb::ui {

namespace fs = std::filesystem;

namespace {

std::string extensions_words(const std::vector<std::string>& exts) {
  std::string s;
  for (std::size_t i = 0; i < exts.size(); ++i) {
    if (i) s += i + 1 == exts.size() ? " and " : ", ";
    s += exts[i];
  }
  return s;
}

}  // namespace

void FilePicker::open(std::string title, const std::string& typed, std::vector<std::string> extensions, Mode mode) {
  title_ = std::move(title);
  extensions_ = std::move(extensions);
  mode_ = mode;
  chosen_.clear();
  problem_.clear();
  name_box_.clear();
  if (mode == Mode::SaveFile && !typed.empty()) {
    std::error_code ec;
    if (!fs::is_directory(typed, ec)) name_box_ = fs::path(typed).filename().string();
  }
  go(picker_start(typed));
  opening_ = true;
}

void FilePicker::go(const fs::path& folder) {
  listing_ = list_folder(folder, extensions_, false);
  folder_box_ = listing_.folder.string();
  selected_ = listing_.entries.empty() ? -1 : 0;
  scroll_to_selected_ = true;
}

bool FilePicker::choose(const fs::path& p) {
  std::error_code ec;
  if (mode_ == Mode::OpenFile && !fs::is_regular_file(p, ec)) {
    problem_ = p.string() + " is not a file that can be read.";
    return false;
  }
  if (mode_ == Mode::SaveFile && fs::is_directory(p, ec)) {
    problem_ = "Type a name for the file to write in " + p.string() + ".";
    return false;
  }
  chosen_ = p.string();
  ImGui::CloseCurrentPopup();
  return true;
}

bool FilePicker::draw() {
  const std::string popup = title_ + "##file_picker";
  if (opening_) {
    ImGui::OpenPopup(popup.c_str());
    opening_ = false;
  }
  const float em = ImGui::GetFontSize();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(std::min(em * 44, vp->WorkSize.x * 0.9f), std::min(em * 30, vp->WorkSize.y * 0.85f)),
                           ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings)) return false;
  bool picked = false;
  const ImGuiIO& io = ImGui::GetIO();
  const bool typing = io.WantTextInput;

  // Where: the folder above, home, and the folder as a box to type in.
  if (ImGui::Button("Up") || (!typing && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)))) {
    if (listing_.folder.has_parent_path() && listing_.folder != listing_.folder.root_path())
      go(listing_.folder.parent_path());
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The folder above (Backspace)");
  ImGui::SameLine();
  if (ImGui::Button("Home")) go(picker_start(""));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputText("##folder", &folder_box_, ImGuiInputTextFlags_EnterReturnsTrue)) {
    std::error_code ec;
    if (fs::is_directory(folder_box_, ec)) {
      go(folder_box_);
      problem_.clear();
    } else if (fs::is_regular_file(folder_box_, ec) && mode_ != Mode::SaveFile) {
      picked = choose(folder_box_);
    } else {
      problem_ = "There is no folder " + folder_box_ + ".";
    }
  }

  // What is there: folders first, then the files this box takes.
  // Below the list: the name box (saving), what is shown, a problem, the buttons.
  const float footer = ImGui::GetFrameHeightWithSpacing() * (mode_ == Mode::SaveFile ? 2.0f : 1.0f) +
                       ImGui::GetTextLineHeightWithSpacing() *
                           static_cast<float>((extensions_.empty() ? 0 : 1) + (problem_.empty() ? 0 : 2)) +
                       ImGui::GetStyle().ItemSpacing.y;
  std::optional<fs::path> enter_folder;
  if (ImGui::BeginChild("entries", ImVec2(0, -footer), true)) {
    if (!listing_.error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(Rag::Red));
      ImGui::TextWrapped("%s", listing_.error.c_str());
      ImGui::PopStyleColor();
    } else if (listing_.entries.empty()) {
      ImGui::TextDisabled("Nothing here%s.", extensions_.empty() ? "" : " of the kinds this box takes");
    }
    const int n = static_cast<int>(listing_.entries.size());
    // The keyboard: Up/Down move, Enter opens a folder or chooses a file.
    if (!typing && n > 0 && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) {
      const auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
      const int was = selected_;
      if (pressed(ImGuiKey_DownArrow)) selected_ = std::min(selected_ + 1, n - 1);
      if (pressed(ImGuiKey_UpArrow)) selected_ = std::max(selected_ - 1, 0);
      scroll_to_selected_ = scroll_to_selected_ || selected_ != was;
    }
    const float size_x = ImGui::GetWindowContentRegionMax().x - em * 6;
    for (int i = 0; i < n; ++i) {
      const FolderEntry& e = listing_.entries[static_cast<std::size_t>(i)];
      const std::string label = (e.folder ? "[folder]  " + e.name + "/" : e.name) + "##entry" + std::to_string(i);
      if (ImGui::Selectable(label.c_str(), i == selected_, ImGuiSelectableFlags_AllowDoubleClick)) {
        selected_ = i;
        if (!e.folder && mode_ == Mode::SaveFile) name_box_ = e.name;
        if (ImGui::IsMouseDoubleClicked(0)) {
          if (e.folder)
            enter_folder = listing_.folder / e.name;
          else
            picked = choose(listing_.folder / e.name);
        }
      }
      if (i == selected_ && scroll_to_selected_) {
        ImGui::SetScrollHereY();
        scroll_to_selected_ = false;
      }
      if (!e.folder) {
        ImGui::SameLine(size_x);
        ImGui::TextDisabled("%s", size_words(e.size).c_str());
      }
    }
  }
  ImGui::EndChild();
  if (enter_folder) go(*enter_folder);

  if (mode_ == Mode::SaveFile) {
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##name", "the file's name", &name_box_);
  }
  if (!extensions_.empty()) {
    std::string shown = "Showing folders and " + extensions_words(extensions_) + " files";
    if (listing_.other_files > 0)
      shown += " (" + std::to_string(listing_.other_files) + " other file" + (listing_.other_files == 1 ? "" : "s") +
               " not shown)";
    ImGui::TextDisabled("%s", fit_text(shown, ImGui::GetContentRegionAvail().x).c_str());
  }
  if (!problem_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(Rag::Red));
    ImGui::TextWrapped("%s", problem_.c_str());
    ImGui::PopStyleColor();
  }

  // Choose: the entry selected, the name typed, or (packs) the folder shown.
  const FolderEntry* sel = selected_ >= 0 && selected_ < static_cast<int>(listing_.entries.size())
                               ? &listing_.entries[static_cast<std::size_t>(selected_)]
                               : nullptr;
  const bool enter = !typing && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter));
  if (enter && sel && sel->folder && !picked) {
    go(listing_.folder / sel->name);
  } else if ((ImGui::Button(mode_ == Mode::SaveFile ? "Save here" : "Choose") || enter) && !picked) {
    if (mode_ == Mode::SaveFile && !name_box_.empty())
      picked = choose(listing_.folder / name_box_);
    else if (sel && !sel->folder)
      picked = choose(listing_.folder / sel->name);
    else if (mode_ == Mode::FileOrFolder)
      picked = choose(sel && sel->folder ? listing_.folder / sel->name : listing_.folder);
    else
      problem_ = mode_ == Mode::SaveFile ? "Type a name for the file."
                                         : "Choose a file (folders open with Enter or a double-click).";
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return picked;
}

bool path_box(const char* id, const char* hint, std::string& path, FilePicker& picker, const char* title,
              std::vector<std::string> extensions, FilePicker::Mode mode, bool* enter) {
  ImGui::PushID(id);
  const float browse_w = ImGui::CalcTextSize("Browse...").x + ImGui::GetStyle().FramePadding.x * 2;
  const float avail = ImGui::CalcItemWidth();
  ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 6, avail - browse_w - ImGui::GetStyle().ItemInnerSpacing.x));
  const bool returned = ImGui::InputTextWithHint(id, hint, &path, enter ? ImGuiInputTextFlags_EnterReturnsTrue : 0);
  bool changed = returned || ImGui::IsItemEdited();
  if (enter) *enter = returned;
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  if (ImGui::Button("Browse...")) picker.open(title, path, std::move(extensions), mode);
  if (picker.draw()) {
    path = picker.chosen();
    changed = true;
  }
  ImGui::PopID();
  return changed;
}

}  // namespace gb::ui
