// Writing a file so that a reader sees the old contents or the new, never a
// truncated mix: a temporary file beside the target, fsync'ed, renamed over
// it; removed again on any failure. Every writer of an output or settings
// file goes through here (exports, papers, bundles, keys, lock files).
// No SQLite: only POSIX file calls.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace gb::data {

struct AtomicWriteOptions {
  // The new file's permission bits; unset: the target's if it exists, else
  // what a new file gets (0666 less the umask).
  std::optional<unsigned> mode;
  // Create the target's folder (and its parents) first; off for exports,
  // where a missing folder is more likely a typing mistake.
  bool create_directories = false;
};

// A file being written: stream() into it, then commit() puts it in place.
// Destroyed without commit(), it leaves nothing behind and the target as
// it was. Errors (gb::Error) name the target and the OS's reason:
// "cannot write /x/y.pdf: No space left on device".
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target, AtomicWriteOptions options = {});
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  std::ostream& stream();
  // The first write error seen so far (errno), 0 if none.
  int error() const;
  // Flushes, fsyncs, renames over the target and fsyncs its folder.
  void commit();
  // Throws the "cannot write" error for errno value `err`.
  [[noreturn]] void fail(int err) const;
  const std::filesystem::path& target() const { return target_; }

 private:
  struct Impl;
  std::filesystem::path target_;
  std::unique_ptr<Impl> impl_;
};

// Writes bytes to `path` through an AtomicFile. Throws gb::Error.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes, AtomicWriteOptions options = {});

// Refuses an output path that is the database `db_path` or one of the files
// SQLite keeps beside it (-wal, -shm, -journal). Throws gb::Error.
void refuse_database_as_output(const std::string& db_path, const std::filesystem::path& out);

}  // namespace gb::data
