// The link to the team's hub in the window (team_link.hpp).
#include "ui/team_link.hpp"

#include "data/team_model.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"

namespace gb::ui {

namespace {

const char* dot() {
  return symbols_available() ? " \xC2\xB7 " : " | ";
}
const char* dash() {
  return symbols_available() ? " \xE2\x80\x94 " : " - ";
}

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "A. Analyst", "A. Analyst and B. Reader", "A, B and C".
std::string names(const std::vector<std::string>& who) {
  std::string s;
  for (std::size_t i = 0; i < who.size(); ++i) {
    if (i > 0) s += i + 1 == who.size() ? " and " : ", ";
    s += who[i];
  }
  return s;
}

}  // namespace

std::unique_ptr<TeamLink> TeamLink::start_if_replica(engine::Workspace& ws, std::function<void()> wake,
                                                     team::LiveOptions options) {
  if (ws.read_only()) return nullptr;  // a replica opened read-only is looked at, not synced
  const auto info = data::replica_info(ws.db());
  if (!info) return nullptr;
  options.wake = std::move(wake);
  return std::make_unique<TeamLink>(ws, info->member, info->display, std::move(options));
}

TeamLink::TeamLink(engine::Workspace& ws, std::string member, std::string display, team::LiveOptions options)
    : member_(std::move(member)),
      display_(std::move(display)),
      live_(std::make_unique<team::Live>(ws.database(), std::move(options))),
      seen_edits_(ws.edit_generation()) {}

TeamLink::~TeamLink() = default;

void TeamLink::nudge() {
  live_->nudge();
}

void TeamLink::show(std::string text, bool problem, std::chrono::seconds for_how_long) {
  notice_ = std::move(text);
  notice_problem_ = problem;
  notice_until_ = std::chrono::steady_clock::now() + for_how_long;
}

void TeamLink::poll(engine::Workspace& ws) {
  // A local edit committed since the last frame: push it now.
  if (ws.edit_generation() != seen_edits_) live_->nudge();
  bool reload = false;
  for (team::LiveEvent& e : live_->take()) {
    using K = team::LiveEvent::Kind;
    switch (e.kind) {
      case K::Online:
        break;
      case K::Offline:
        settled_ = true;
        break;
      case K::Synced: {
        if (e.pulled > 0 || e.new_conflicts > 0) reload = true;
        std::string text;
        if (e.pulled > 0) text = plural(e.pulled, "change", "changes") + " from " + names(e.authors);
        if (e.new_conflicts > 0)
          text += (text.empty() ? "" : dot()) + plural(e.new_conflicts, "new conflict", "new conflicts") +
                  ": open Conflicts to choose";
        if (!text.empty()) {
          show(text, e.new_conflicts > 0, std::chrono::seconds(e.new_conflicts > 0 ? 12 : 6));
          ws.log(script::ConsoleMessage::Level::Info, "Team: " + text);
        }
        break;
      }
      case K::Error:
        settled_ = true;
        show("Team: " + e.message, true, std::chrono::seconds(10));
        ws.log(script::ConsoleMessage::Level::Error, "Team: " + e.message);
        break;
      case K::Presence:
        presenter_ =
            PresenterNotice{e.member, e.display, e.session, e.position, presenter_ ? presenter_->number + 1 : 1};
        break;
    }
  }
  status_ = live_->status();
  if (status_.syncs > 0) settled_ = true;
  if (reload) ws.changed_elsewhere();  // as an undo: everything read again
  seen_edits_ = ws.edit_generation();
}

std::string TeamLink::indicator_text() const {
  const team::LiveStatus& s = status_;
  std::string t = "Team: ";
  if (!s.started || (!s.online && !settled_)) {
    t += "connecting...";
  } else if (s.online) {
    t += "online";
    t += dot() + std::string("head ") + std::to_string(s.head);
    t += dot() + std::to_string(s.pending) + " pending";
  } else {
    t += "offline";
    t += dash() + (s.pending > 0 ? plural(s.pending, "change waits", "changes wait") : std::string("trying again"));
  }
  if (s.conflicts > 0) t += dot() + plural(s.conflicts, "conflict", "conflicts");
  return t;
}

std::string TeamLink::notice() const {
  if (notice_.empty() || std::chrono::steady_clock::now() > notice_until_) return "";
  return notice_;
}

bool TeamLink::draw_indicator() {
  const team::LiveStatus& s = status_;
  const Rag rag = s.conflicts > 0 ? Rag::Red : (!s.online && settled_) ? Rag::Amber : Rag::Green;
  const bool coloured = s.conflicts > 0 || (!s.online && settled_);
  if (coloured) {
    ImGui::PushStyleColor(ImGuiCol_Button, rag_colour(rag));
    ImGui::PushStyleColor(ImGuiCol_Text, rag_text_colour(rag));
  }
  const std::string label = indicator_text() + "##team";
  const bool clicked = ImGui::SmallButton(label.c_str());
  if (coloured) ImGui::PopStyleColor(2);
  if (ImGui::IsItemHovered()) {
    std::string tip = "Working as " + display_ + " (" + member_ + ")\n";
    if (s.online)
      tip += "Connected to the team's hub: changes are sent and taken in as they are made.";
    else if (settled_)
      tip += "The hub cannot be reached; changes made here wait in the file and are sent when it is back.";
    if (!s.error.empty()) tip += "\n" + s.error;
    tip += "\nClick: the Conflicts panel";
    ImGui::SetTooltip("%s", tip.c_str());
  }
  return clicked;
}

void TeamLink::draw_notice() {
  const std::string text = notice();
  if (text.empty()) return;
  const Rag rag = notice_problem_ ? Rag::Amber : Rag::Blue;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, rag_colour(rag));
  ImGui::PushStyleColor(ImGuiCol_Text, rag_text_colour(rag));
  const float lines = ImGui::CalcTextSize(text.c_str(), nullptr, false,
                                          ImGui::GetContentRegionAvail().x - ImGui::GetStyle().WindowPadding.x * 2)
                          .y;
  ImGui::BeginChild("team_notice", ImVec2(0, lines + ImGui::GetStyle().WindowPadding.y * 2 + 2), true,
                    ImGuiWindowFlags_NoScrollbar);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

}  // namespace gb::ui
