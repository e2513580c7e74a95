// What a file picker shows of a folder: its subfolders, then the files a
// caller can use (by extension), each group sorted by name as a person
// reads it ("file2" before "file10"), hidden entries left out unless asked
// for. Pure filesystem reading, no drawing: the window's picker
// (ui/file_picker.hpp) draws it; tests read it headless.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace gb {

struct FolderEntry {
  std::string name;  // as on disk (UTF-8 on Linux)
  bool folder = false;
  std::uintmax_t size = 0;  // bytes; 0 for folders
};

struct FolderListing {
  std::filesystem::path folder;      // absolute, normalised
  std::vector<FolderEntry> entries;  // folders, then files
  int other_files = 0;               // files left out by the extensions asked for
  std::string error;                 // a folder that could not be read: why, naming it ("" when read)
};

// Lists `folder`. `extensions` are lower-case with their dot (".csv"); empty
// means every file; `folders_only` leaves files out altogether. Entries that
// vanish or cannot be examined while listing are skipped.
FolderListing list_folder(const std::filesystem::path& folder, const std::vector<std::string>& extensions,
                          bool folders_only = false, bool show_hidden = false);

// Where a picker opens for what is typed in a path box: the folder of the
// typed path when it exists (or the path itself when it is a folder; the
// working folder for a bare name), else the home folder, else the working
// folder.
std::filesystem::path picker_start(const std::string& typed);

// "2.3 MB", "812 bytes": a file's size as a picker shows it.
std::string size_words(std::uintmax_t bytes);

// True when a's name sorts before b's as a person reads it: case folded,
// and runs of digits compared as numbers.
bool natural_less(const std::string& a, const std::string& b);

}  // namespace gb
