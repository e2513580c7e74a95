// What the window's file picker shows of a folder (core/folder_listing.hpp).
#include "core/folder_listing.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "support.hpp"

using namespace gb;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> names(const FolderListing& l) {
  std::vector<std::string> out;
  for (const auto& e : l.entries) out.push_back(e.folder ? e.name + "/" : e.name);
  return out;
}

}  // namespace

TEST_CASE("folder listing: folders first then the files asked for in reading order", "[unit][picker]") {
  gbtest::TempDir dir;
  for (const char* f : {"b", "A", "packs 10", "packs 9"}) fs::create_directories(dir / f);
  gbtest::write_file(dir / "stops10.csv", "a\n1\n");
  gbtest::write_file(dir / "stops2.CSV", "a\n");
  gbtest::write_file(dir / "register.xlsx", "x");
  gbtest::write_file(dir / "notes.txt", "x");
  gbtest::write_file(dir / ".hidden.csv", "x");
  fs::create_directories(dir / ".git");
  fs::create_symlink(dir / "b", dir / "link to b");
  fs::create_symlink(dir / "gone", dir / "broken.csv");

  const FolderListing l = list_folder(dir.path(), {".csv", ".xlsx"});
  CHECK(l.error.empty());
  CHECK(names(l) == std::vector<std::string>{"A/", "b/", "link to b/", "packs 9/", "packs 10/", "register.xlsx",
                                             "stops2.CSV", "stops10.csv"});
  CHECK(l.other_files == 1);  // notes.txt; the broken link is not a file
  CHECK(l.entries[7].size == 4);
  CHECK(l.folder == fs::canonical(dir.path()));

  // Every file, hidden ones too, or folders alone.
  CHECK(list_folder(dir.path(), {}, false, true).entries.size() == 11);
  CHECK(names(list_folder(dir.path(), {".csv"}, true)) ==
        std::vector<std::string>{"A/", "b/", "link to b/", "packs 9/", "packs 10/"});
}

TEST_CASE("folder listing: a folder that cannot be read says so and names it", "[unit][picker]") {
  gbtest::TempDir dir;
  const FolderListing missing = list_folder(dir / "no such folder", {});
  CHECK(missing.entries.empty());
  CHECK_THAT(missing.error, Catch::Contains("Cannot read the folder") && Catch::Contains("no such folder"));
  if (geteuid() != 0) {  // root reads any folder
    fs::create_directories(dir / "locked");
    ::chmod((dir / "locked").c_str(), 0);
    CHECK_THAT(list_folder(dir / "locked", {}).error, Catch::Contains("locked"));
    ::chmod((dir / "locked").c_str(), 0700);
  }
}

TEST_CASE("folder listing: where a picker opens and how sizes read", "[unit][picker]") {
  gbtest::TempDir dir;
  gbtest::write_file(dir / "demo.db", "x");
  CHECK(picker_start((dir / "demo.db").string()) == dir.path());
  CHECK(picker_start(dir.path().string()) == dir.path());
  CHECK(picker_start((dir / "not yet" / "x.db").string()) != dir.path() / "not yet");
  CHECK(picker_start("just-a-name.db") == fs::current_path());
  CHECK(size_words(1) == "1 byte");
  CHECK(size_words(812) == "812 bytes");
  CHECK(size_words(2'300'000) == "2.3 MB");
  CHECK(size_words(45'000) == "45 kB");
  CHECK(natural_less("file2", "file10"));
  CHECK_FALSE(natural_less("file10", "file2"));
  CHECK(natural_less("a", "B"));
  CHECK(natural_less("x007", "x8"));
}
