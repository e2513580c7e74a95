// render: a board view exported as a paper (HTML or PDF), its tables (CSV)
// or its tree (JSON).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/cli.hpp"
#include "app/progress.hpp"
#include "app/scenario_option.hpp"
#include "app/watch.hpp"
#include "app/workspace_packs.hpp"
#include "core/dates.hpp"
#include "engine/database.hpp"
#include "engine/scenario.hpp"
#include "engine/views.hpp"
#include "engine/workspace.hpp"
#include "export/paper_export.hpp"

namespace gb::app {

namespace {

int cmd_render(const Args& a) {
  const std::string view_id = a.positional().at(0);
  const std::string db_path = a.require("--db");
  if (a.has("--watch")) return watch_command(a, cmd_render, {a.all("--packs"), {}, db_path});
  const auto format = exporter::paper_format(a.require("--format"));
  if (!format) throw UsageError("--format must be html, pdf, csv, xlsx or json");
  const std::string out = a.require("-o");
  exporter::RenderOptions render_options;
  render_options.time_budget = std::chrono::milliseconds(
      a.get_int("--time-budget", static_cast<int>(exporter::kRenderBudgetMsDefault),
                static_cast<int>(exporter::kRenderBudgetMsMin), static_cast<int>(exporter::kRenderBudgetMsMax)));
  engine::ViewRequest req;
  req.id = view_id;
  req.as_of = a.as_of();
  for (const auto& p : a.all("--param")) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--param must be NAME=VALUE (got '" + p + "')");
    req.params.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  script::Limits limits;
  {
    data::Db check = engine::open_for_reading(db_path);
    limits = engine::workspace_limits(check);
    note_if_read_only("render", db_path);
  }
  script::PackSet packs(limits, print_console_message);
  add_workspace_packs(packs, a.all("--packs"));
  packs.load();
  for (const auto& p : packs.problems()) std::cerr << "govbench: render: " << p.to_string() << "\n";
  script::ScriptDb db(db_path);
  const auto scenario = scenario_option(a, db_path);
  std::optional<engine::ScenarioOverlay> overlay;
  if (scenario) {
    overlay.emplace(db, *scenario);
    if (req.as_of.empty()) req.as_of = scenario->as_of;
  }
  Progress progress("render", view_id, a.has("--progress"));
  render_options.progress = [&](const std::string& what) { progress.status(what); };
  progress.status("building the view");
  engine::IndicatorEvaluator evaluator(packs, db);
  Tree view = engine::build_view(packs, db, evaluator, req, db_path);
  if (scenario)
    exporter::mark_scenario(view, scenario->name,
                            scenario->changes.size());  // the paper says it is not the register as stored

  const std::size_t errors = view_error_count(view);
  if (errors) {
    for (const auto& e : view.find("errors")->as_array())
      std::cerr << "govbench: render: " << e.find("message")->as_string() << "\n";
    if (a.has("--strict")) {
      std::cerr << "govbench: render: --strict: not exported, " << *exporter::strict_refusal(view) << "\n";
      return 1;
    }
  }
  progress.status("rendering");
  std::vector<exporter::PaperFile> paper;
  try {
    paper = exporter::render_paper(view, *format, out, render_options);
  } catch (...) {
    progress.finish();
    throw;
  }
  progress.finish();
  const auto files = exporter::write_paper(paper, db_path);
  for (const auto& f : files) std::cerr << "wrote " << f.path << "\n";
  return errors ? 1 : 0;
}

}  // namespace

void register_render_commands(std::vector<Command>& out) {
  out.push_back({"render",
                 "export a board view as HTML, PDF, CSV, XLSX or JSON",
                 R"(usage: govbench render VIEW_ID --db FILE --format html|pdf|csv|xlsx|json -o OUT
                       [--param NAME=VALUE]... [--as-of DATE] [--packs DIR]... [--strict]
                       [--scenario NAME] [--watch] [--time-budget MS] [--progress]

Builds a board view that a pack defines (gov.view) on the database and
exports it:

  html   one self-contained file (inline CSS, charts as inline SVG) that
         prints on A4: a board paper
  pdf    an A4 paper: vector text and figures, the title and "Page n of N"
         on every page, table headers repeated across pages
  csv    each table of the view; with several tables, OUT's name plus the
         table's number and title, one file each. For a spreadsheet: a
         cell that would run as a formula (beginning =, +, -, @, tab or CR,
         and not a number) is written with a ' in front
  xlsx   one workbook: an About sheet (title, board, parameters,
         provenance), then a sheet per table of the view (named by its
         title) and Figures for its tiles. Numbers are numbers with their
         format, dates are dates, a RAG cell is its word on the band's
         fill; text is text, never a formula. Header rows are frozen
  json   the view tree, as the renderers receive it

OUT is written whole or not at all (a link's target is written, the link
kept); a device or pipe (/dev/stdout, a FIFO) or - is written as a stream
(CSV of several tables needs a file name); a folder is refused.

Every export ends with its provenance: database, content fingerprint, packs
and versions, parameters, generation time. A view with an error shows it in
place (never as red, never as a blank) and the exit status is 1; with
--strict nothing is exported. With --scenario NAME the view is built under
a what-if scenario (govbench scenario --help) and its provenance says so.
With --watch it keeps running and writes OUT again whenever a pack file is
saved or the database changes (Ctrl+C stops it): keep the HTML open in a
browser and reload it.

  --time-budget MS   how long turning the built view into OUT may take, in
                     milliseconds (default 60000, from 100 to 3600000).
                     Past it the render stops with an error naming the
                     view and the budget, exit 1, and nothing is written.
                     Building the view is not counted: its pack code runs
                     under the script.time_budget_ms setting, call by call
  --progress         show what is being done on stderr once the render has
                     taken over a second, also when stderr is not a
                     terminal, at most once a second, such as
                       govbench: render: VIEW: pdf, writing 80 pages, page 12 (3.0 s)
                     On a terminal it is shown anyway

examples:
  govbench render audit_panel.risks --db demo.db --format html -o audit-panel.html
  govbench render audit_panel.risks --db demo.db --format pdf -o audit-panel.pdf
  govbench render audit_panel.risks --db demo.db --param term=long --format csv -o register.csv
  govbench render audit_panel.risks --db demo.db --format xlsx -o audit-panel.xlsx
)",
                 {{"--db", true},
                  {"--format", true},
                  {"-o", true},
                  {"--param", true, true},
                  {"--as-of", true},
                  {"--packs", true, true},
                  {"--strict"},
                  {"--scenario", true},
                  {"--watch"},
                  {"--time-budget", true},
                  {"--progress"}},
                 1,
                 1,
                 cmd_render});
}

}  // namespace gb::app
