// The Packs panel: the loaded packs; install from a file (previewed before
// anything is moved into place); a selected pack's manifest, signature,
// permissions, dependencies and data needs; enable, disable, remove.
#include <imgui.h>

#include <cstdio>
#include <filesystem>

#include "core/error.hpp"
#include "data/db.hpp"
#include "script/bundle.hpp"
#include "script/install.hpp"
#include "script/permissions.hpp"
#include "ui/panels.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"
#include "ui/wording.hpp"

namespace gb::ui {

namespace fs = std::filesystem;

namespace {

std::vector<std::pair<fs::path, std::string>> other_sources(const engine::Workspace& ws) {
  std::vector<std::pair<fs::path, std::string>> out{{script::bundled_packs_dir(), "bundled"}};
  for (const auto& d : ws.options().pack_dirs) out.emplace_back(d, "--packs");
  return out;
}

std::string signature_of(const engine::CatalogPack& e) {
  if (e.origin == "bundled") return "bundled";
  // The host checks the signature against the files on every load.
  if (e.trust.starts_with("signed by ")) return e.trust;
  auto rec = script::read_install_record(e.dir);
  if (!rec) return "UNSIGNED (a folder, not an installed bundle)";
  if (rec->trusted())
    return "UNSIGNED (its record names " + rec->signer +
           ", but the signature does not match its files or the key is no longer trusted)";
  return rec->signer_key.empty() ? "UNSIGNED"
                                 : "UNSIGNED (signed by an untrusted key " + rec->signer_key.substr(0, 12) + "...)";
}

void coloured(Rag tone, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(tone));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

const char* status_label(script::PackEntry::Status s) {
  switch (s) {
    case script::PackEntry::Status::Loaded:
      return "loaded";
    case script::PackEntry::Status::Stale:
      return "reload failed";
    case script::PackEntry::Status::Disabled:
      return "disabled";
    case script::PackEntry::Status::Failed:
      return "failed";
  }
  return "failed";
}

}  // namespace

void PacksPanel::set_install_path(const std::string& path) {
  install_path_ = path;
  preview_.reset();
}

// commit = false: check everything and show what would be installed.
void PacksPanel::run_install(PanelContext& ctx, bool commit) {
  const std::string path = install_path_;
  message_error_ = true;
  try {
    install_source(ctx, script::read_pack_source(path, script::TrustStore::load()), commit);
  } catch (const std::exception& e) {
    message_ = for_the_window(e.what());
    message_error_ = true;
    preview_.reset();
  }
}

void PacksPanel::install_source(PanelContext& ctx, const script::PackSource& src, bool commit) {
  const std::string path = src.path.string();
  message_error_ = true;
  try {
    script::InstallOptions opt;
    opt.target = script::user_packs_dir();
    opt.other_sources = other_sources(ctx.workspace);
    opt.allow_unsigned = allow_unsigned_;
    opt.allow_downgrade = allow_downgrade_;
    opt.allow_breaking = allow_breaking_;
    opt.replace = true;
    Preview p;
    p.path = path;
    bool checked = false;  // every check passed and the preview stopped the install
    opt.confirm = [&](const script::PackManifest& m, const script::PackSource& s) {
      p.summary = m.name + " " + m.version.to_string() + (m.title.empty() ? "" : " - " + m.title) + "\n" +
                  (s.signer ? "signed by " + *s.signer : std::string("UNSIGNED"));
      p.description = m.description;
      for (const auto& [dep, range] : m.requires_) p.requires_.push_back(dep + " " + range.to_string());
      p.permissions = m.permissions;
      const auto missing = script::missing_data(m, ctx.workspace.db());
      if (!missing.empty()) {
        std::string why;
        for (const auto& x : missing) why += "\n  " + x;
        throw Error("pack '" + m.name + "' needs data this database does not have:" + why);
      }
      checked = !commit;
      return commit;
    };
    try {
      const auto s = script::install_pack(src, opt);
      message_ = s.unchanged ? s.name + " " + s.version + " is already installed"
                             : (s.previous_version.empty() ? "installed " : "updated ") + s.name + " " + s.version;
      message_error_ = false;
      preview_.reset();
      if (commit && !s.unchanged) {
        selected_ = s.name;
        ctx.workspace.reload_all();
      }
    } catch (const Error&) {
      if (!checked) throw;
      preview_ = p;  // cancelled after the checks: show what it would install
      message_ = "Checked: nothing is installed until you press Install.";
      message_error_ = false;
    }
  } catch (const std::exception& e) {
    message_ = for_the_window(e.what());
    preview_.reset();
  }
}

void PacksPanel::draw_install(PanelContext& ctx) {
  if (check_pending_) {
    check_pending_ = false;
    run_install(ctx, false);
    if (install_pending_ && preview_) run_install(ctx, true);
    install_pending_ = false;
  }
  ImGui::TextUnformatted("Install a pack");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28);
  if (path_box("##bundle", "path to a .gbpack bundle or a pack folder", install_path_, install_picker_,
               "Install a pack: a .gbpack bundle or a pack folder", {".gbpack"}, FilePicker::Mode::FileOrFolder))
    preview_.reset();
  ImGui::SameLine();
  ImGui::Checkbox("Allow unsigned", &allow_unsigned_);
  ImGui::SameLine();
  ImGui::Checkbox("Allow downgrade", &allow_downgrade_);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Replace an installed pack with an older version (pack update --allow-downgrade)");
  ImGui::SameLine();
  ImGui::Checkbox("Allow breaking", &allow_breaking_);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Install even though a pack that loads today would stop loading\n"
        "(this pack ranks before it and takes its ids; pack install --allow-breaking)");
  ImGui::SameLine();
  const bool has_path = !install_path_.empty();
  ImGui::BeginDisabled(!has_path);
  if (ImGui::Button("Check")) run_install(ctx, false);
  ImGui::SameLine();
  ImGui::BeginDisabled(!preview_);
  if (ImGui::Button("Install")) run_install(ctx, true);
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  if (preview_) {
    ImGui::Indent();
    ImGui::TextWrapped("%s", preview_->summary.c_str());
    if (!preview_->description.empty()) ImGui::TextDisabled("%s", preview_->description.c_str());
    ImGui::Text("Requires: %s", preview_->requires_.empty() ? "nothing" : "");
    for (const auto& r : preview_->requires_) {
      ImGui::SameLine();
      ImGui::TextUnformatted(r.c_str());
    }
    if (preview_->permissions.empty()) {
      ImGui::TextUnformatted("Permissions: read-only queries only");
    } else {
      for (const auto& p : preview_->permissions) coloured(Rag::Amber, "Asks for permission: " + p);
    }
    ImGui::Unindent();
  }
  if (!message_.empty()) {
    if (message_error_)
      coloured(Rag::Red, message_);
    else
      ImGui::TextDisabled("%s", message_.c_str());
  }
}

void PacksPanel::draw_details(PanelContext& ctx, const engine::CatalogPack& e) {
  const auto& pack = e.manifest;
  ImGui::Text("%s", e.name.c_str());
  if (!pack) {
    ImGui::TextDisabled("The pack could not be read: see its problems.");
  } else {
    const auto& m = *pack;
    ImGui::SameLine();
    ImGui::TextDisabled("%s  %s", m.version.to_string().c_str(), m.title.c_str());
    if (!m.description.empty()) ImGui::TextWrapped("%s", m.description.c_str());
    std::string authors;
    for (const auto& a : m.authors) authors += (authors.empty() ? "" : ", ") + a;
    ImGui::Text("Authors: %s   Licence: %s", authors.empty() ? "-" : authors.c_str(),
                m.license.empty() ? "-" : m.license.c_str());
    const std::string sig = signature_of(e);
    if (sig.starts_with("UNSIGNED"))
      coloured(Rag::Amber, "Signature: " + sig);
    else
      ImGui::Text("Signature: %s", sig.c_str());

    ImGui::TextUnformatted("Requires:");
    if (m.requires_.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("nothing");
    }
    for (const auto& [dep, range] : m.requires_) {
      const auto* d = ctx.workspace.packs().entry(dep);
      const bool ok = d && d->active && d->manifest && range.contains(d->manifest->version);
      const std::string have = d && d->active && d->manifest ? d->manifest->version.to_string() : "not loaded";
      ImGui::SameLine();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(ok ? Rag::Green : Rag::Red)), "%s %s (%s)",
                         dep.c_str(), range.to_string().c_str(), have.c_str());
    }
    const auto missing = script::missing_data(m, ctx.workspace.db());
    if (m.data_tables.empty() && m.data_columns.empty())
      ImGui::TextUnformatted("Data: declares none");
    else if (missing.empty())
      ImGui::TextUnformatted("Data: everything it needs is in this database");
    for (const auto& x : missing) coloured(Rag::Red, "Data: " + x);

    if (m.permissions.empty()) {
      ImGui::TextUnformatted("Permissions: read-only queries only");
    } else {
      // The answers are kept per pack content: read the folder (once per reload).
      if (content_ids_reload_ != ctx.workspace.last_reload()) {
        content_ids_.clear();
        content_ids_reload_ = ctx.workspace.last_reload();
      }
      auto cached = content_ids_.find(e.name);
      if (cached == content_ids_.end())
        cached = content_ids_.emplace(e.name, script::content_id(script::read_pack_folder(e.dir).files)).first;
      const std::string& cid = cached->second;
      auto store = script::PermissionStore::load();
      bool answered = false;
      for (const auto& p : m.permissions) {
        ImGui::PushID(p.c_str());
        const auto answer = store.answer(m.name, cid, p);
        ImGui::Text("Permission %s: %s", p.c_str(),
                    answer ? script::permission_answer_name(*answer) : "not answered (the pack runs; Deny stops it)");
        ImGui::SameLine();
        auto set = [&](script::PermissionAnswer a) {
          store.remember(m.name, cid, p, a);
          try {
            store.save();
            answered = true;
          } catch (const std::exception& ex) {
            message_ = for_the_window(ex.what());
            message_error_ = true;
          }
        };
        if (ImGui::SmallButton("Allow always")) set(script::PermissionAnswer::Always);
        ImGui::SameLine();
        if (ImGui::SmallButton("Deny")) set(script::PermissionAnswer::Deny);
        ImGui::PopID();
      }
      if (answered) {
        // A denied permission stops the pack; an allowed one lets it run again.
        ctx.workspace.reload_all();
        return;  // the entry is gone after a reload
      }
    }
  }
  for (const auto& p : e.problems) coloured(Rag::Red, p.to_string());
  for (const auto& c : e.collisions) coloured(Rag::Amber, c);

  const bool disabled = e.status == script::PackEntry::Status::Disabled;
  try {
    if (ImGui::Button(disabled ? "Enable" : "Disable")) {
      script::set_pack_enabled(e.name, disabled);
      ctx.workspace.reload_all();
      return;  // the entry is gone after a reload
    }
    if (e.origin == "installed") {
      ImGui::SameLine();
      // Removing deletes the pack's folder: not an edit Ctrl+Z can take
      // back, so it is asked first.
      if (ImGui::Button("Remove...")) ImGui::OpenPopup("Remove pack?");
      bool remove = false;
      if (ImGui::BeginPopupModal("Remove pack?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextWrapped(
            "Remove pack %s %s? Its folder is deleted from your installed packs; to have it again, "
            "install it from its bundle.",
            e.name.c_str(), e.manifest ? e.manifest->version.to_string().c_str() : "");
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Remove")) {
          remove = true;
          ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
          ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
      }
      if (remove) {
        const std::string name = e.name;
        script::remove_pack(script::user_packs_dir(), name, other_sources(ctx.workspace));
        message_ = "Removed pack " + name;
        message_error_ = false;
        selected_.clear();
        ctx.workspace.reload_all();
        return;
      }
    }
  } catch (const std::exception& ex) {
    message_ = for_the_window(ex.what());
    message_error_ = true;
  }
}

void PacksPanel::draw(PanelContext& ctx) {
  auto& ws = ctx.workspace;
  if (ImGui::Button("Reload all packs (Ctrl+R)")) ws.reload_all();
  ImGui::SameLine();
  ImGui::TextDisabled("Saving a file in a pack folder reloads that pack. Last reload %s.", ws.last_reload().c_str());
  draw_install(ctx);
  draw_team_packs(ctx);
  ImGui::Separator();

  const auto& entries = ws.packs().packs;
  const float details_height = selected_.empty() ? 0.0f : ImGui::GetTextLineHeightWithSpacing() * 11;
  ImGui::BeginChild("pack_table", ImVec2(0, -details_height), false);
  if (ImGui::BeginTable("packs", 6,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_Resizable)) {
    ImGui::TableSetupColumn("Pack", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 10);
    ImGui::TableSetupColumn("Version", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7);
    ImGui::TableSetupColumn("Signature", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
    ImGui::TableSetupColumn("Defines", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Folder", ImGuiTableColumnFlags_WidthStretch);
    table_headers();
    for (const auto& e : entries) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::PushID(e.dir.string().c_str());
      if (ImGui::Selectable(e.name.c_str(), selected_ == e.name, ImGuiSelectableFlags_SpanAllColumns))
        selected_ = selected_ == e.name ? "" : e.name;
      ImGui::PopID();
      const auto& pack = e.manifest;
      if (pack && !pack->title.empty()) text_fitted(pack->title, ImGui::GetContentRegionAvail().x, 2, true);
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(pack ? pack->version.to_string().c_str() : "-");
      ImGui::TableSetColumnIndex(2);
      const Rag tone = e.status == script::PackEntry::Status::Loaded   ? Rag::Green
                       : e.status == script::PackEntry::Status::Failed ? Rag::Red
                                                                       : Rag::Amber;
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(tone)), "%s %s", rag_symbol(tone),
                         status_label(e.status));
      ImGui::TextDisabled("%s", e.origin.c_str());
      ImGui::TableSetColumnIndex(3);
      const std::string sig = signature_of(e);
      if (sig.starts_with("UNSIGNED"))
        coloured(Rag::Amber, "UNSIGNED");
      else
        ImGui::TextWrapped("%s", sig.c_str());
      ImGui::TableSetColumnIndex(4);
      if (e.active) {
        const auto& d = e.definitions;
        ImGui::Text("%zu indicators, %zu rules, %zu views, %zu tests", d.indicators.size(), d.rules.size(),
                    d.views.size(), d.tests.size());
      }
      for (const auto& p : e.problems) coloured(Rag::Red, p.to_string());
      for (const auto& c : e.collisions) coloured(Rag::Amber, c);
      ImGui::TableSetColumnIndex(5);
      ImGui::TextWrapped("%s", e.dir.string().c_str());
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  if (selected_.empty()) return;
  const engine::CatalogPack* sel = nullptr;
  for (const auto& e : entries)
    if (e.name == selected_) sel = &e;
  if (!sel) return;
  ImGui::Separator();
  ImGui::BeginChild("pack_details", ImVec2(0, 0), false);
  draw_details(ctx, *sel);
  ImGui::EndChild();
}

}  // namespace gb::ui
