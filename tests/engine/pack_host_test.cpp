// The window's side of the pack host (engine/workspace.hpp): packs that
// stall, crash or never finish loading end as errors naming where they
// were, the other packs carry on, and the window never waits on any of it.
#include <signal.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "data/migrations.hpp"
#include "data/settings.hpp"
#include "engine/workspace.hpp"
#include "support.hpp"

using namespace gb;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kStall = "('a'):rep(30000):find('.-.-.-b')";

engine::WorkspaceOptions options_with(const std::filesystem::path& db, const std::filesystem::path& packs) {
  engine::WorkspaceOptions o;
  o.database = db.string();
  o.pack_dirs = {packs.string()};
  o.as_of = "2021-12-31";
  o.watch = false;
  return o;
}

void set_budget(const std::filesystem::path& db, const char* ms) {
  data::Db d = data::open_governance_db(db.string(), data::OpenMode::ReadWrite);
  data::set_setting(d, data::kSettingTimeBudgetMs, ms);
}

// Polls as the window does, once a frame, until the host is idle; returns
// the longest poll() (a frame must never wait on the host).
double frames_until_idle(engine::Workspace& ws, std::chrono::seconds limit = std::chrono::seconds(60)) {
  double longest = 0;
  const auto until = Clock::now() + limit;
  while (ws.busy() && Clock::now() < until) {
    const auto t = Clock::now();
    ws.poll();
    longest = std::max(longest, std::chrono::duration<double, std::milli>(Clock::now() - t).count());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return longest;
}

const IndicatorResult* find(const std::vector<IndicatorResult>& v, const std::string& id) {
  for (const auto& r : v)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("the window: an indicator stuck in a library function ends as an error, the others carry on",
          "[pack_host][stall]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  set_budget(db, "300");
  gbtest::write_pack(
      dir / "packs", "stall",
      {{"indicators/a.lua", std::string("gov.indicator { id = 'stall.a', title = 'a', compute = function(ctx)\n  ") +
                                kStall + "\n  return 1 end }\n"},
       {"indicators/b.lua", "gov.indicator { id = 'stall.b', title = 'b', compute = function() return 2 end }\n"}});
  engine::Workspace ws(options_with(db, dir / "packs"));
  const auto started = Clock::now();
  ws.indicators();
  const double longest_frame = frames_until_idle(ws);
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const auto& results = ws.indicators();
  const IndicatorResult* a = find(results, "stall.a");
  const IndicatorResult* b = find(results, "stall.b");
  REQUIRE(a);
  REQUIRE(b);
  INFO(a->error);
  CHECK(a->status == IndicatorResult::Status::Error);
  CHECK_THAT(a->error,
             Catch::StartsWith("pack stall: indicators/a.lua:2: did not return within the 0.3 s time budget"));
  CHECK(b->status == IndicatorResult::Status::Ok);
  CHECK(b->value == 2);
  // The bundled packs' indicators were evaluated too.
  REQUIRE(find(results, "risk.band_count"));
  CHECK(find(results, "risk.band_count")->status == IndicatorResult::Status::Ok);
  CHECK(ws.host_starts() == 2);
  CHECK(seconds < 30);         // budget (0.3 s) + grace (1 s) + starting the host again, with room for a slow machine
  CHECK(longest_frame < 250);  // no frame waited on the host

  // An edit asks again; the indicator that stalled is not run again (until the packs reload).
  ws.data_changed();
  ws.indicators();
  frames_until_idle(ws);
  CHECK(ws.host_starts() == 2);
  CHECK(find(ws.indicators(), "stall.a")->status == IndicatorResult::Status::Error);
  CHECK(find(ws.indicators(), "stall.b")->value == 2);
}

TEST_CASE("the window: a pack host that crashes is started again, and the call it was in is an error",
          "[pack_host][crash]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  set_budget(db, "20000");
  // Under AddressSanitizer the host would report the SIGSEGV itself and exit
  // with status 1: let it die of the signal, as a release build does.
  const char* had = std::getenv("ASAN_OPTIONS");
  const std::string saved = had ? had : "";
  setenv("ASAN_OPTIONS", (saved.empty() ? std::string("handle_segv=0") : saved + ":handle_segv=0").c_str(), 1);
  struct Restore {
    std::string v;
    bool had;
    ~Restore() {
      if (had)
        setenv("ASAN_OPTIONS", v.c_str(), 1);
      else
        unsetenv("ASAN_OPTIONS");
    }
  } restore{saved, had != nullptr};
  gbtest::write_pack(
      dir / "packs", "slow",
      {{"indicators/a.lua",
        "gov.indicator { id = 'slow.a', title = 'a', compute = function(ctx)\n"
        "  local t = os.clock(); while os.clock() - t < 15 do end\n  return 1 end }\n"},
       {"indicators/b.lua", "gov.indicator { id = 'slow.b', title = 'b', compute = function() return 2 end }\n"}});
  engine::Workspace ws(options_with(db, dir / "packs"));
  ws.indicators();
  // Wait until the host says it is in slow.a, then crash it as a segfault would.
  const auto until = Clock::now() + std::chrono::seconds(60);
  while (ws.activity().find("slow.a") == std::string::npos && Clock::now() < until) {
    ws.poll();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(ws.activity().find("slow.a") != std::string::npos);
  REQUIRE(ws.host_pid() > 0);
  ::kill(ws.host_pid(), SIGSEGV);
  frames_until_idle(ws);
  const IndicatorResult* a = find(ws.indicators(), "slow.a");
  REQUIRE(a);
  CHECK(a->status == IndicatorResult::Status::Error);
  CHECK(a->error ==
        "the pack host stopped with SIGSEGV while evaluating indicator slow.a (pack slow, indicators/a.lua:1)");
  CHECK(find(ws.indicators(), "slow.b")->value == 2);
  CHECK(ws.host_starts() == 2);
  bool logged = false;
  for (const auto& m : ws.console()) logged = logged || m.text.find("stopped with SIGSEGV") != std::string::npos;
  CHECK(logged);
}

TEST_CASE("the window: a pack that stalls while loading is left out and the others load", "[pack_host][stall]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  gbtest::write_pack(dir / "packs", "stuck", {{"indicators/a.lua", std::string("local x = 1\n") + kStall + "\n"}});
  gbtest::write_pack(
      dir / "packs", "fine",
      {{"indicators/a.lua", "gov.indicator { id = 'fine.a', title = 'a', compute = function() return 3 end }\n"}});
  engine::Workspace ws(options_with(db, dir / "packs"));
  ws.indicators();
  frames_until_idle(ws);
  const auto* stuck = ws.packs().entry("stuck");
  REQUIRE(stuck);
  CHECK(stuck->status == script::PackEntry::Status::Failed);
  REQUIRE_FALSE(stuck->problems.empty());
  CHECK_THAT(stuck->problems.back().message,
             Catch::Contains("pack stuck: indicators/a.lua:2: did not return within the 2 s time budget"));
  REQUIRE(find(ws.indicators(), "fine.a"));
  CHECK(find(ws.indicators(), "fine.a")->value == 3);
  CHECK(ws.error_count() >= 1);
}

TEST_CASE("the window: a view or a scoring rule that stalls shows its error and the rest keeps working",
          "[pack_host][stall]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  set_budget(db, "300");
  gbtest::write_pack(dir / "packs", "stall",
                     {{"views/v.lua", std::string("gov.view { id = 'stall.v', title = 'v', build = function(ctx)\n  ") +
                                          kStall + "\n  return gov.ui.page { gov.ui.text 'x' } end }\n"},
                      {"rules/r.lua", std::string("gov.rule { id = 'stall.r', title = 'r', score = function(r)\n  ") +
                                          kStall + "\n  return 1 end, band = function(s) return 'green' end }\n"}});
  engine::Workspace ws(options_with(db, dir / "packs"));
  ws.view({"stall.v", {}, ""});
  frames_until_idle(ws);
  const engine::ViewOutcome* v = ws.view({"stall.v", {}, ""});
  REQUIRE(v);
  CHECK_THAT(v->error, Catch::StartsWith("pack stall: views/v.lua:2: did not return within the 0.3 s time budget"));
  const engine::ViewOutcome* other = ws.view({"audit_panel.risks", {}, ""});
  frames_until_idle(ws);
  other = ws.view({"audit_panel.risks", {}, ""});
  REQUIRE(other);
  CHECK(other->error.empty());
  CHECK(other->tree.find("title"));

  data::set_setting(ws.db(), data::kSettingScoringRule, "stall.r");
  ws.data_changed();
  ws.scored_register();
  frames_until_idle(ws);
  REQUIRE_FALSE(ws.scored_register().errors.empty());
  CHECK_THAT(ws.scored_register().errors.front(),
             Catch::StartsWith("pack stall: rules/r.lua:2: did not return within the 0.3 s time budget"));
  // The indicators still come.
  ws.indicators();
  frames_until_idle(ws);
  REQUIRE(find(ws.indicators(), "risk.band_count"));
  CHECK(ws.host_starts() == 3);
}
