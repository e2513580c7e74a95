#include "export/paper_export.hpp"

#include <cstdlib>
#include <filesystem>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/view_tree.hpp"
#include "export/csv_tables.hpp"
#include "export/html.hpp"
#include "export/pdf.hpp"
#include "export/xlsx_paper.hpp"

namespace gb::exporter {

namespace fs = std::filesystem;

namespace {

std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (ok)
      out.push_back(c);
    else if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if (!out.empty() && out.back() != '-')
      out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "table" : out.substr(0, 40);
}

std::string view_id_of(const Tree& view) {
  const Tree* id = view.find("id");
  return id && id->is_string() ? id->as_string() : std::string("?");
}

// One path per CSV table: OUT's stem, the table's number and name.
std::vector<std::string> csv_paths(const std::vector<CsvTable>& tables, const Tree& view, const std::string& out) {
  if (tables.empty()) throw Error("view " + view_id_of(view) + " has no tables to export as CSV");
  if (tables.size() == 1) return {out};
  if (is_stream_output(out))
    throw Error("view " + view_id_of(view) + " has " + std::to_string(tables.size()) +
                " tables, and CSV writes each to its own file: give -o a file name (not " + out + ")");
  std::string stem = out;
  if (stem.size() > 4 && stem.substr(stem.size() - 4) == ".csv") stem.resize(stem.size() - 4);
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < tables.size(); ++i)
    paths.push_back(stem + "-" + std::to_string(i + 1) + "-" + slug(tables[i].name) + ".csv");
  return paths;
}

}  // namespace

std::optional<PaperFormat> paper_format(std::string_view name) {
  if (name == "html") return PaperFormat::Html;
  if (name == "pdf") return PaperFormat::Pdf;
  if (name == "csv") return PaperFormat::Csv;
  if (name == "json") return PaperFormat::Json;
  if (name == "xlsx") return PaperFormat::Xlsx;
  return std::nullopt;
}

const char* paper_format_name(PaperFormat format) {
  switch (format) {
    case PaperFormat::Html:
      return "html";
    case PaperFormat::Pdf:
      return "pdf";
    case PaperFormat::Csv:
      return "csv";
    case PaperFormat::Json:
      return "json";
    case PaperFormat::Xlsx:
      return "xlsx";
  }
  return "html";
}

void mark_scenario(Tree& view, std::string_view name, std::size_t changes) {
  Tree prov = view.find("provenance") ? *view.find("provenance") : Tree::object();
  prov.set("scenario", "'" + std::string(name) + "': proposed changes (" + std::to_string(changes) +
                           "), not the register as stored");
  view.set("provenance", std::move(prov));
}

std::optional<std::string> strict_refusal(const Tree& view) {
  const std::size_t errors = view_error_count(view);
  if (!errors) return std::nullopt;
  return "the view has " + std::to_string(errors) + (errors == 1 ? " error" : " errors");
}

std::vector<std::string> paper_paths(const Tree& view, PaperFormat format, const std::string& out) {
  if (format == PaperFormat::Csv) return csv_paths(csv_tables(view), view, out);
  return {out};
}

std::vector<PaperFile> render_paper(const Tree& view, PaperFormat format, const std::string& out,
                                    const RenderOptions& options) {
  RenderClock clock(view_id_of(view), paper_format_name(format), options);
  switch (format) {
    case PaperFormat::Json:
      return {{out, view.to_json(true) + "\n"}};
    case PaperFormat::Html:
      return {{out, render_html(view)}};
    case PaperFormat::Pdf:
      return {{out, render_pdf(view)}};
    case PaperFormat::Xlsx:
      return {{out, render_xlsx(view)}};
    case PaperFormat::Csv:
      break;
  }
  auto tables = csv_tables(view);
  const auto paths = csv_paths(tables, view, out);
  std::vector<PaperFile> files;
  for (std::size_t i = 0; i < tables.size(); ++i) files.push_back({paths[i], std::move(tables[i].csv)});
  return files;
}

std::vector<WrittenFile> write_paper(const std::vector<PaperFile>& files, const std::string& db_path) {
  for (const auto& f : files) refuse_database_as_output(db_path, f.path);
  std::vector<WrittenFile> written;
  for (const auto& f : files) {
    write_file_atomically(f.path, f.bytes);
    written.push_back({f.path, f.bytes.size()});
  }
  return written;
}

std::string default_paper_path(const std::string& db_path, const std::string& view_id, const std::string& date,
                               PaperFormat format) {
  std::error_code ec;
  fs::path home;
  if (const char* h = std::getenv("HOME"); h && *h) home = h;
  fs::path data_home;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
    data_home = x;
  else if (!home.empty())
    data_home = home / ".local" / "share";
  fs::path folder = fs::absolute(db_path, ec).parent_path();
  // The default workspace lives in the data folder, no place for papers.
  const auto rel = data_home.empty()
                       ? fs::path()
                       : fs::weakly_canonical(folder, ec).lexically_relative(fs::weakly_canonical(data_home, ec));
  const bool in_data_home = !data_home.empty() && !rel.empty() && *rel.begin() != "..";
  if (folder.empty() || in_data_home) {
    folder = home.empty() ? fs::current_path(ec) : home;
    if (!home.empty() && fs::is_directory(home / "Documents", ec)) folder = home / "Documents";
  }
  return (folder / (view_id + "-" + date + "." + paper_format_name(format))).string();
}

}  // namespace gb::exporter
