// A file picker drawn in the window (no desktop dialog needed, so it works
// the same under Xvfb, over SSH and on a kiosk): a folder's subfolders and
// the files a box takes (core/folder_listing.hpp), entered and chosen by
// double-click or by keyboard (Up/Down to move, Enter to open or choose,
// Backspace for the folder above, Esc to cancel), a box to type a folder,
// and for saving, a name. Every path box in the window has a Browse...
// button that opens one (path_box below).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/folder_listing.hpp"

namespace gb::ui {

class FilePicker {
 public:
  enum class Mode {
    OpenFile,      // an existing file of the extensions given
    SaveFile,      // a folder and a new or existing file's name
    FileOrFolder,  // an existing file, or the folder itself (pack folders)
  };
  // Opens on the next draw, in the folder `typed` points to (picker_start).
  void open(std::string title, const std::string& typed, std::vector<std::string> extensions, Mode mode);
  // Draws the picker while it is open; true on the frame a path is chosen.
  bool draw();
  const std::string& chosen() const { return chosen_; }
  // The folder shown (tests).
  const std::filesystem::path& folder() const { return listing_.folder; }

 private:
  void go(const std::filesystem::path& folder);
  bool choose(const std::filesystem::path& p);
  std::string title_;
  std::vector<std::string> extensions_;
  Mode mode_ = Mode::OpenFile;
  bool opening_ = false;
  FolderListing listing_;
  int selected_ = -1;  // an entry of listing_, or none
  bool scroll_to_selected_ = false;
  std::string folder_box_, name_box_, chosen_, problem_;
};

// A path box with a Browse... button after it that opens `picker`; the
// chosen path is written into the box. `id` names the box ("##path").
// True when the box changed (typed or chosen).
bool path_box(const char* id, const char* hint, std::string& path, FilePicker& picker, const char* title,
              std::vector<std::string> extensions, FilePicker::Mode mode, bool* enter = nullptr);

}  // namespace gb::ui
