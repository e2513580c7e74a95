// Exporting a built board view to files: the one path that `govbench
// render` and the Views panel's Export dialog both take, so a paper made in
// the workbench is the paper the command line makes. Building the view
// (Lua, SQLite) stays with the caller; everything here reads only the tree,
// so render_paper and write_paper may run off the UI thread.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/tree.hpp"
#include "export/render_clock.hpp"

namespace gb::exporter {

enum class PaperFormat { Html, Pdf, Csv, Json, Xlsx };

// "html", "pdf", "csv", "json", "xlsx" -> the format; anything else -> nullopt.
std::optional<PaperFormat> paper_format(std::string_view name);
// The format's name, also its file extension without the dot.
const char* paper_format_name(PaperFormat format);

// Says in the view's provenance that it was built under the what-if
// scenario `name` (with `changes` proposed changes), so the paper never
// passes for the register as stored.
void mark_scenario(Tree& view, std::string_view name, std::size_t changes);

// The strict rule (`render --strict`, the dialog's "Refuse if the view has
// errors"): why the view is not exported ("the view has 2 errors"), or
// nullopt when it has no errors.
std::optional<std::string> strict_refusal(const Tree& view);

// The files an export of `view` to `out` writes: `out` itself, or for CSV of
// a view with several tables one file per table (OUT's stem, the table's
// number and name). Throws gb::Error for CSV of a view with no table.
std::vector<std::string> paper_paths(const Tree& view, PaperFormat format, const std::string& out);

struct PaperFile {
  std::string path;
  std::string bytes;
};
// The rendered files, in paper_paths order. Throws gb::Error, also when
// rendering takes longer than options.time_budget (then nothing has been
// written: the files are written by write_paper, after).
std::vector<PaperFile> render_paper(const Tree& view, PaperFormat format, const std::string& out,
                                    const RenderOptions& options = {});

struct WrittenFile {
  std::string path;
  std::uint64_t bytes = 0;
};
// Writes each file atomically (core/atomic_file.hpp), having first checked
// that none of them is the database `db_path` or one of its files. Throws
// gb::Error naming the path and the reason.
std::vector<WrittenFile> write_paper(const std::vector<PaperFile>& files, const std::string& db_path);

// Where the workbench suggests writing a paper: the database's folder, or
// for the default workspace (a database under the user's data folder)
// ~/Documents (or ~ without one); named <view-id>-<date>.<ext>.
std::string default_paper_path(const std::string& db_path, const std::string& view_id, const std::string& date,
                               PaperFormat format);

}  // namespace gb::exporter
