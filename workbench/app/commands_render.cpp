// render: a board view exported as a paper (HTML or PDF), its tables (CSV)
// or its tree (JSON).
#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/cli.hpp"
#include "app/output_file.hpp"
#include "app/scenario_option.hpp"
#include "app/workspace_packs.hpp"
#include "data/migrations.hpp"
#include "engine/scenario.hpp"
#include "engine/views.hpp"
#include "engine/workspace.hpp"
#include "export/csv_tables.hpp"
#include "export/html.hpp"
#include "export/pdf.hpp"

namespace gb::app {

namespace {

std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (ok) out.push_back(c);
    else if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if (!out.empty() && out.back() != '-') out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "table" : out.substr(0, 40);
}

int cmd_render(const Args& a) {
  const std::string view_id = a.positional().at(0);
  const std::string db_path = a.require("--db");
  const std::string format = a.require("--format");
  if (format != "html" && format != "pdf" && format != "csv" && format != "json")
    throw UsageError("--format must be html, pdf, csv or json");
  const std::string out = a.require("-o");
  engine::ViewRequest req;
  req.id = view_id;
  req.as_of = a.get("--as-of").value_or("");
  for (const auto& p : a.all("--param")) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--param must be NAME=VALUE (got '" + p + "')");
    req.params.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  script::Limits limits;
  {
    data::Db check = data::open_governance_db(db_path, data::OpenMode::ReadOnly);
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
  engine::IndicatorEvaluator evaluator(packs, db);
  Tree view = engine::build_view(packs, db, evaluator, req, db_path);
  if (scenario) {
    // The paper says it is not the register as stored.
    Tree prov = view.find("provenance") ? *view.find("provenance") : Tree::object();
    prov.set("scenario", "'" + scenario->name + "': proposed changes (" + std::to_string(scenario->changes.size()) +
                             "), not the register as stored");
    view.set("provenance", std::move(prov));
  }

  const std::size_t errors = engine::view_error_count(view);
  if (errors) {
    for (const auto& e : view.find("errors")->as_array())
      std::cerr << "govbench: render: " << e.find("message")->as_string() << "\n";
    if (a.has("--strict")) {
      std::cerr << "govbench: render: --strict: not exported, the view has " << errors
                << (errors == 1 ? " error" : " errors") << "\n";
      return 1;
    }
  }
  if (format == "json") {
    write_output_file(db_path, out, view.to_json(true) + "\n");
    std::cerr << "wrote " << out << "\n";
  } else if (format == "html") {
    write_output_file(db_path, out, exporter::render_html(view));
    std::cerr << "wrote " << out << "\n";
  } else if (format == "pdf") {
    write_output_file(db_path, out, exporter::render_pdf(view));
    std::cerr << "wrote " << out << "\n";
  } else {
    const auto tables = exporter::csv_tables(view);
    if (tables.empty()) throw Error("view " + view_id + " has no tables to export as CSV");
    if (tables.size() == 1) {
      write_output_file(db_path, out, tables.front().csv);
      std::cerr << "wrote " << out << "\n";
    } else {
      // One file per table: OUT's stem, the table's number and name.
      std::string stem = out, ext = ".csv";
      if (stem.size() > 4 && stem.substr(stem.size() - 4) == ".csv") stem.resize(stem.size() - 4);
      for (std::size_t i = 0; i < tables.size(); ++i) {
        const std::string path = stem + "-" + std::to_string(i + 1) + "-" + slug(tables[i].name) + ext;
        write_output_file(db_path, path, tables[i].csv);
        std::cerr << "wrote " << path << "\n";
      }
    }
  }
  return errors ? 1 : 0;
}

}  // namespace

void register_render_commands(std::vector<Command>& out) {
  out.push_back({"render", "export a board view as HTML, PDF, CSV or JSON",
                 R"(usage: govbench render VIEW_ID --db FILE --format html|pdf|csv|json -o OUT
                       [--param NAME=VALUE]... [--as-of DATE] [--packs DIR]... [--strict]
                       [--scenario NAME]

Builds a board view that a pack defines (gov.view) on the database and
exports it:

  html   one self-contained file (inline CSS, charts as inline SVG) that
         prints on A4: a board paper
  pdf    an A4 paper: vector text and figures, the title and "Page n of N"
         on every page, table headers repeated across pages
  csv    each table of the view; with several tables, OUT's name plus the
         table's number and title, one file each
  json   the view tree, as the renderers receive it

Every export ends with its provenance: database, content fingerprint, packs
and versions, parameters, generation time. A view with an error shows it in
place (never as red, never as a blank) and the exit status is 1; with
--strict nothing is exported. With --scenario NAME the view is built under
a what-if scenario (govbench scenario --help) and its provenance says so.

examples:
  govbench render audit_panel.risks --db demo.db --format html -o audit-panel.html
  govbench render audit_panel.risks --db demo.db --format pdf -o audit-panel.pdf
  govbench render audit_panel.risks --db demo.db --param term=long --format csv -o register.csv
)",
                 {{"--db", true}, {"--format", true}, {"-o", true}, {"--param", true, true}, {"--as-of", true},
                  {"--packs", true, true}, {"--strict"}, {"--scenario", true}},
                 1, 1, cmd_render});
}

}  // namespace gb::app
