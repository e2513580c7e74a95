// The Packs panel's "Team packs" section: when the workspace database is a
// team replica, the packs published on its hub (team/hub_packs.hpp) with
// their latest version and publisher, whether each is installed here or
// has an update, and an Install/Update button that installs through the
// panel's one install path (install_source), as a bundle file would.
#include <imgui.h>

#include "core/error.hpp"
#include "core/semver.hpp"
#include "data/team_model.hpp"
#include "team/hub_packs.hpp"
#include "team/sync.hpp"
#include "ui/panels.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"

namespace gb::ui {

namespace {

// The version of `name` the workspace loads; empty when none.
std::string loaded_version(const engine::Workspace& ws, const std::string& name) {
  for (const auto& e : ws.packs().packs)
    if (e.name == name && e.manifest) return e.manifest->version.to_string();
  return "";
}

bool older(const std::string& a, const std::string& b) {
  const auto va = Version::parse(a), vb = Version::parse(b);
  return va && vb && *va < *vb;
}

}  // namespace

void PacksPanel::load_team_packs(PanelContext& ctx) {
  team_loaded_ = true;
  team_error_.clear();
  team_packs_.clear();
  const auto info = data::replica_info(ctx.workspace.db());
  is_replica_ = info.has_value();
  if (!info) return;
  try {
    team::Hub hub = team::connect_hub(*info);
    for (const auto& p : team::team_packs(hub, {})) {
      TeamPackRow row{p.name, p.latest().version, p.latest().publisher, p.latest().published_at.substr(0, 10), ""};
      for (const auto& r : p.releases) row.versions += (row.versions.empty() ? "" : ", ") + r.version;
      team_packs_.push_back(std::move(row));
    }
  } catch (const std::exception& e) {
    team_error_ = std::string("The team's hub could not be read: ") + e.what();
  }
}

void PacksPanel::install_from_hub(PanelContext& ctx, const std::string& name, const std::string& version) {
  try {
    const auto info = data::replica_info(ctx.workspace.db());
    if (!info) throw Error("this database is not a team replica");
    team::Hub hub = team::connect_hub(*info);
    const auto fetched = team::fetch_pack(hub, name, "=" + version, script::TrustStore::load());
    install_source(ctx, fetched.source, true);
    if (!message_error_)
      message_ += " from the team's hub (published by " + fetched.release.publisher + " on " +
                  fetched.release.published_at.substr(0, 10) + ")";
  } catch (const std::exception& e) {
    message_ = e.what();
    message_error_ = true;
  }
}

void PacksPanel::draw_team_packs(PanelContext& ctx) {
  if (!team_loaded_) load_team_packs(ctx);
  if (!is_replica_) return;
  if (!hub_install_pending_.empty()) {
    const std::string name = std::move(hub_install_pending_);
    hub_install_pending_.clear();
    for (const auto& p : team_packs_)
      if (p.name == name) install_from_hub(ctx, p.name, p.latest);
  }
  ImGui::Separator();
  ImGui::TextUnformatted("Team packs");
  ImGui::SameLine();
  ImGui::TextDisabled("published on the team's hub ('govbench pack publish')");
  ImGui::SameLine();
  if (ImGui::SmallButton("Refresh")) load_team_packs(ctx);
  if (!team_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(Rag::Red));
    ImGui::TextWrapped("%s", team_error_.c_str());
    ImGui::PopStyleColor();
    return;
  }
  if (team_packs_.empty()) {
    ImGui::TextDisabled("No packs published on the hub yet.");
    return;
  }
  if (!ImGui::BeginTable("team_packs", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
  ImGui::TableSetupColumn("Pack", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 10);
  ImGui::TableSetupColumn("Latest", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
  ImGui::TableSetupColumn("Publisher", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 12);
  ImGui::TableSetupColumn("Here", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 11);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
  ImGui::TableSetupColumn("Versions", ImGuiTableColumnFlags_WidthStretch);
  table_headers();
  std::string install_name, install_version;
  for (const auto& p : team_packs_) {
    ImGui::PushID(p.name.c_str());
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(p.name.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(p.latest.c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::Text("%s  %s", p.publisher.c_str(), p.published_at.c_str());
    ImGui::TableSetColumnIndex(3);
    const std::string here = loaded_version(ctx.workspace, p.name);
    const bool update = older(here, p.latest);
    if (here.empty())
      ImGui::TextDisabled("not installed");
    else if (update)
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Amber)), "%s: update available",
                         here.c_str());
    else
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Green)), "installed%s",
                         here == p.latest ? "" : (" (" + here + ")").c_str());
    ImGui::TableSetColumnIndex(4);
    if (here.empty() || update) {
      if (ImGui::SmallButton(here.empty() ? "Install" : "Update")) {
        install_name = p.name;
        install_version = p.latest;
      }
    }
    ImGui::TableSetColumnIndex(5);
    ImGui::TextDisabled("%s", p.versions.c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (!install_name.empty()) install_from_hub(ctx, install_name, install_version);
}

}  // namespace gb::ui
