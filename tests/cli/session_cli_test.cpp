// govbench session: the whole flow from the command line on the demo
// database with the bundled packs, and its usage errors.
#include <catch2/catch.hpp>

#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "support.hpp"

using gbtest::run_govbench;

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Drops the line that says when the file was generated.
std::string without_generated(const std::string& s) {
  std::string out;
  std::size_t from = 0;
  while (from < s.size()) {
    auto nl = s.find('\n', from);
    if (nl == std::string::npos) nl = s.size();
    const std::string line = s.substr(from, nl - from);
    if (line.find("Generated") == std::string::npos) out += line + "\n";
    from = nl + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("session: create, agenda, start, record, export minutes as HTML and Markdown", "[cli][session]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = run_govbench({"session", "new", "--db", db, "--title", "Joint Audit Panel", "--date", "2022-01-17",
                         "--board", "Audit Panel", "--attendee", "Chair", "--attendee", "Head of DARA"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string id = trimmed(r.out);
  CHECK(id == "1");

  r = run_govbench(
      {"session", "agenda", "add", id, "audit_panel.risks", "--db", db, "--note", "The corporate register"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  r = run_govbench({"session", "agenda", "add", id, "ags.survey", "--db", db});
  REQUIRE(r.exit_code == 0);
  r = run_govbench({"session", "agenda", "move", id, "2", "1", "--db", db});
  REQUIRE(r.exit_code == 0);

  r = run_govbench({"session", "start", id, "--db", db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("started session 1: 2 agenda items kept as presented"));

  REQUIRE(run_govbench({"session", "record", "note", id, "2", "Members asked about risk 10", "--db", db}).exit_code ==
          0);
  REQUIRE(run_govbench({"session", "record", "decision", id, "2", "The register is noted", "--db", db}).exit_code == 0);
  r = run_govbench({"session", "record", "action", id, "2", "--db", db, "--title", "Report on vetting", "--owner",
                    "DAC Professionalism", "--due", "2022-03-31", "--risk", "10"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  r = run_govbench({"session", "show", id, "--db", db});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("1. ags.survey"));
  CHECK_THAT(r.out, Catch::Contains("2. audit_panel.risks"));
  CHECK_THAT(r.out, Catch::Contains("decision: The register is noted"));
  CHECK_THAT(r.out, Catch::Contains(
                        "action REVIEW 1: Report on vetting (owner DAC Professionalism, due 2022-03-31, risks 10)"));

  r = run_govbench({"session", "list", "--db", db});
  CHECK_THAT(r.out, Catch::Contains("Joint Audit Panel"));

  const auto html = (dir / "minutes.html").string(), md = (dir / "minutes.md").string();
  r = run_govbench({"session", "export", id, "--db", db, "--format", "html", "-o", html});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string page = gbtest::read_file(html);
  CHECK_THAT(page, Catch::Contains("Minutes: Joint Audit Panel"));
  CHECK_THAT(page, Catch::Contains("Head of DARA"));
  CHECK_THAT(page, Catch::Contains("<svg"));  // the heat map as presented
  CHECK_THAT(page, Catch::Contains("Members asked about risk 10"));
  CHECK_THAT(page, Catch::Contains("The register is noted"));
  CHECK_THAT(page, Catch::Contains("DAC Professionalism"));
  CHECK_THAT(page, Catch::Contains("Scenarios discussed"));
  const auto pdf = (dir / "minutes.pdf").string();
  r = run_govbench({"session", "export", id, "--db", db, "--format", "pdf", "-o", pdf});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(gbtest::read_file(pdf).rfind("%PDF-", 0) == 0);
  const auto text = gbtest::run_program({"pdftotext", "-layout", pdf, "-"});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("Minutes: Joint Audit Panel"));
  CHECK_THAT(text.out, Catch::Contains("Head of DARA"));
  CHECK_THAT(text.out, Catch::Contains("The register is noted"));
  CHECK_THAT(text.out, Catch::Contains("DAC Professionalism"));
  CHECK_THAT(text.out, Catch::Contains("Page 1 of"));
  REQUIRE(run_govbench({"session", "export", id, "--db", db, "--format", "md", "-o", md}).exit_code == 0);
  const std::string before = gbtest::read_file(md);
  CHECK_THAT(before, Catch::Contains("| REVIEW 1 | Report on vetting | DAC Professionalism | 2022-03-31 | 10 |"));

  // The register changes after the meeting, and the packs are run again:
  // the minutes still show the views as presented.
  {
    gb::data::Db w = gb::data::open_governance_db(db, gb::data::OpenMode::ReadWrite);
    gb::data::record_assessment(w, {.risk_id = 10, .as_of = "2021-12-31", .likelihood = "L", .impact = "L"});
  }
  REQUIRE(run_govbench({"session", "export", id, "--db", db, "--format", "md", "-o", md}).exit_code == 0);
  CHECK(without_generated(gbtest::read_file(md)) == without_generated(before));

  // ... and the register's linked actions of risk 10 list the action.
  r = run_govbench({"export", "--db", db, "--format", "csv", "--sql",
                    "SELECT ai.title FROM action_item_risks x JOIN action_items ai ON ai.id = x.item_id "
                    "JOIN risks k ON k.id = x.risk_id WHERE k.ref = 10"});
  CHECK_THAT(r.out, Catch::Contains("Report on vetting"));
}

TEST_CASE("session: usage errors and bad input are refused with a clear message", "[cli][session]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = run_govbench({"session"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("usage: govbench session SUBCOMMAND"));
  r = run_govbench({"session", "frobnicate"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("govbench: session: no subcommand 'frobnicate'"));
  r = run_govbench({"session", "agenda", "add", "--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("usage: govbench session agenda add ID VIEW_ID"));
  r = run_govbench({"session", "record", "action", "--help"});
  CHECK_THAT(r.out, Catch::StartsWith("usage: govbench session record action"));
  r = run_govbench({"session", "new", "--db", db, "--title", "x", "--date", "17/01/2022"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err,
             Catch::Contains("govbench: session new: date must be a real date written YYYY-MM-DD (got '17/01/2022')"));
  r = run_govbench({"session", "new", "--db", db, "--date", "2022-01-17"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("missing required option --title"));
  r = run_govbench({"session", "show", "7", "--db", db});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("there is no session 7"));
  r = run_govbench({"session", "show", "x", "--db", db});
  CHECK(r.exit_code == 2);
  REQUIRE(run_govbench({"session", "new", "--db", db, "--title", "S", "--date", "2022-01-17"}).exit_code == 0);
  r = run_govbench({"session", "agenda", "add", "1", "no.such.view", "--db", db});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("no pack defines a view 'no.such.view'"));
  r = run_govbench({"session", "agenda", "add", "1", "audit_panel.risks", "--param", "nonsense=1", "--db", db});
  CHECK(r.exit_code == 1);
  r = run_govbench({"session", "record", "note", "1", "1", "text", "--db", db});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("session 1 has no agenda item 1 (its agenda has 0 items)"));
  r = run_govbench({"session", "export", "1", "--db", db, "--format", "docx", "-o", (dir / "m").string()});
  CHECK(r.exit_code == 2);
  r = run_govbench({"session", "export", "1", "--db", db, "--format", "html", "-o", db});
  CHECK(r.exit_code == 1);
  r = run_govbench({"session", "list", "--db", db});
  CHECK_THAT(r.out, Catch::Contains("S"));
}

TEST_CASE("undo and redo from the command line: an agenda item removed by mistake and a note", "[cli][session][undo]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  REQUIRE(run_govbench({"session", "new", "--db", db, "--title", "Board", "--date", "2022-01-17"}).exit_code == 0);
  REQUIRE(run_govbench({"session", "agenda", "add", "1", "audit_panel.risks", "--db", db}).exit_code == 0);
  REQUIRE(run_govbench({"session", "agenda", "add", "1", "ags.survey", "--db", db}).exit_code == 0);
  REQUIRE(run_govbench({"session", "record", "note", "1", "2", "Asked about the survey", "--db", db}).exit_code == 0);
  const auto agenda = [&] { return run_govbench({"session", "show", "1", "--db", db}).out; };
  const std::string full = agenda();
  REQUIRE_THAT(full, Catch::Contains("ags.survey") && Catch::Contains("Asked about the survey"));

  // Nothing to redo yet: said, exit 0, nothing written.
  auto r = run_govbench({"redo", "--db", db});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("nothing to redo"));

  // Undo takes back the note, then the second item.
  r = run_govbench({"undo", "--db", db, "--steps", "2"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "Undone: note added to item 2 (ags.survey) of session 'Board'\n"
        "Undone: item 2 (ags.survey) of session 'Board' added\n");
  CHECK_THAT(agenda(), !Catch::Contains("ags.survey"));
  r = run_govbench({"redo", "--db", db, "--steps", "5"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("redid 2 of the 5 asked for"));
  CHECK(agenda() == full);

  // The item removed by mistake, put back by undo.
  REQUIRE(run_govbench({"session", "agenda", "add", "1", "gip.tracker", "--db", db}).exit_code == 0);
  REQUIRE(run_govbench({"session", "agenda", "remove", "1", "1", "--db", db}).exit_code == 0);
  CHECK_THAT(agenda(), !Catch::Contains("audit_panel.risks"));
  r = run_govbench({"undo", "--db", db});
  CHECK(r.out == "Undone: item 1 (audit_panel.risks) of session 'Board' removed\n");
  CHECK_THAT(agenda(), Catch::Contains("1. audit_panel.risks"));

  // The history lists it all, newest first.
  r = run_govbench({"history", "--db", db, "--limit", "3"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("undo  undo: item 1 (audit_panel.risks) of session 'Board' removed"));
  CHECK_THAT(r.out, Catch::Contains("agenda  item 1 (audit_panel.risks) of session 'Board' removed  [undone by"));
  CHECK_THAT(r.err, Catch::Contains("redo would make again"));

  // Usage errors.
  CHECK(run_govbench({"undo"}).exit_code == 2);
  CHECK(run_govbench({"undo", "--db", db, "--steps", "0"}).exit_code == 2);
}
