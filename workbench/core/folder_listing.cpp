#include "core/folder_listing.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <system_error>

namespace gb {

namespace fs = std::filesystem;

bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const auto ca = static_cast<unsigned char>(a[i]), cb = static_cast<unsigned char>(b[j]);
    if (std::isdigit(ca) && std::isdigit(cb)) {
      // Compare the two numbers: without leading zeros, the longer is larger.
      std::size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      std::size_t si = i, sj = j;
      while (si + 1 < ei && a[si] == '0') ++si;
      while (sj + 1 < ej && b[sj] == '0') ++sj;
      if (ei - si != ej - sj) return ei - si < ej - sj;
      const int c = a.compare(si, ei - si, b, sj, ej - sj);
      if (c != 0) return c < 0;
      i = ei;
      j = ej;
      continue;
    }
    const int la = std::tolower(ca), lb = std::tolower(cb);
    if (la != lb) return la < lb;
    ++i;
    ++j;
  }
  if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
  return a < b;  // equal but for case: a stable order all the same
}

FolderListing list_folder(const fs::path& folder, const std::vector<std::string>& extensions, bool folders_only,
                          bool show_hidden) {
  FolderListing out;
  std::error_code ec;
  out.folder = fs::weakly_canonical(fs::absolute(folder, ec), ec);
  if (ec) out.folder = folder;
  fs::directory_iterator it(out.folder, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.error = "Cannot read the folder " + out.folder.string() + ": " + ec.message();
    return out;
  }
  std::vector<FolderEntry> folders, files;
  for (const fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      out.error = "Stopped reading the folder " + out.folder.string() + ": " + ec.message();
      break;
    }
    const std::string name = it->path().filename().string();
    if (!show_hidden && !name.empty() && name[0] == '.') continue;
    std::error_code sec;
    const fs::file_status st = it->status(sec);  // follows links: a link to a folder is a folder
    if (sec) continue;                           // vanished, or a broken link
    if (fs::is_directory(st)) {
      folders.push_back({name, true, 0});
      continue;
    }
    if (folders_only || !fs::is_regular_file(st)) continue;
    std::string ext = it->path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!extensions.empty() && std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) {
      ++out.other_files;
      continue;
    }
    const std::uintmax_t size = it->file_size(sec);
    files.push_back({name, false, sec ? 0 : size});
  }
  const auto by_name = [](const FolderEntry& a, const FolderEntry& b) { return natural_less(a.name, b.name); };
  std::sort(folders.begin(), folders.end(), by_name);
  std::sort(files.begin(), files.end(), by_name);
  out.entries = std::move(folders);
  out.entries.insert(out.entries.end(), files.begin(), files.end());
  return out;
}

fs::path picker_start(const std::string& typed) {
  std::error_code ec;
  if (!typed.empty()) {
    const fs::path p(typed);
    if (fs::is_directory(p, ec)) return fs::absolute(p, ec);
    if (p.has_parent_path() && fs::is_directory(p.parent_path(), ec)) return fs::absolute(p.parent_path(), ec);
    if (!p.has_parent_path()) return fs::current_path(ec);  // a bare name is in the working folder
  }
  if (const char* home = std::getenv("HOME"); home && *home && fs::is_directory(home, ec)) return home;
  return fs::current_path(ec);
}

std::string size_words(std::uintmax_t bytes) {
  if (bytes < 1000) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  const char* units[] = {"kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes) / 1000.0;
  int u = 0;
  while (v >= 1000.0 && u < 3) {
    v /= 1000.0;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
  return buf;
}

}  // namespace gb
