// The Views panel's Export dialog: the open view, with its parameters and
// under the active what-if scenario, written as a paper (HTML, PDF) or as
// its tables (CSV) or tree (JSON), through the same path as `govbench
// render` (export/paper_export.hpp).
//
// The view is built on the UI thread (Lua and SQLite are not thread-safe);
// rendering and writing read only the built tree, so they run on a worker
// thread while the dialog shows "Exporting...".
#pragma once
#include <array>
#include <future>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/tree.hpp"
#include "engine/workspace.hpp"
#include "export/paper_export.hpp"
#include "ui/file_picker.hpp"

namespace gb::ui {

class ExportDialog {
 public:
  enum class State { Closed, Editing, Preparing, ConfirmOverwrite, Exporting, Done, Failed };

  ExportDialog() = default;
  ExportDialog(const ExportDialog&) = delete;
  ExportDialog& operator=(const ExportDialog&) = delete;
  ~ExportDialog();  // waits for an export under way: a paper is never left half-written

  // Opens the dialog for a view; the path defaults to
  // export::default_paper_path for the workspace.
  void open(engine::Workspace& ws, const std::string& view_id, std::vector<std::pair<std::string, std::string>> params);
  // Draws the modal (when open) and follows an export under way. Call every
  // frame, from the same place in the window.
  void draw(engine::Workspace& ws);

  // What a user would set or press, for tests and the screenshot command;
  // the presses take effect on the next draw.
  void set_format(exporter::PaperFormat format);
  void set_path(const std::string& path);
  void set_refuse_errors(bool refuse) { refuse_errors_ = refuse; }
  void press_export() { press_export_ = true; }
  void press_overwrite() { press_overwrite_ = true; }

  State state() const { return state_; }
  bool busy() const { return state_ == State::Preparing || state_ == State::Exporting; }
  // The outcome (or the question) the dialog shows; also kept after it is
  // closed, for the panel's status line.
  const std::string& message() const { return message_; }
  bool message_is_error() const { return error_; }
  const std::vector<exporter::WrittenFile>& written() const { return written_; }
  std::string path() const { return path_; }
  exporter::PaperFormat format() const { return format_; }

 private:
  void prepare(engine::Workspace& ws);
  void start();
  void poll();
  void fail(const std::string& message);

  State state_ = State::Closed;
  bool open_popup_ = false;
  bool press_export_ = false, press_overwrite_ = false;
  std::string view_id_;
  std::vector<std::pair<std::string, std::string>> params_;
  exporter::PaperFormat format_ = exporter::PaperFormat::Pdf;
  std::string path_;
  FilePicker picker_;
  bool refuse_errors_ = true;
  std::optional<Tree> prepared_;  // built, waiting for the overwrite answer
  std::vector<std::string> existing_;
  std::future<std::vector<exporter::WrittenFile>> worker_;
  std::vector<exporter::WrittenFile> written_;
  std::string message_;
  bool error_ = false;
  std::string out_path_;  // the path as typed, with ~ expanded
  std::string db_path_;
  std::size_t view_errors_ = 0;
};

}  // namespace gb::ui
