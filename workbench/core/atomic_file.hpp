// Writing an output file (every `-o`, papers, bundles, keys, lock files,
// settings): one rule for what is at the path.
//
//   a regular file, or a new name   written atomically beside itself: a
//                                   temporary file, fsync'ed, renamed over
//                                   it, removed again on any failure, so a
//                                   reader sees the old contents or the new
//   a symbolic link                 resolved (a chain too) and its target
//                                   written atomically as above; the link
//                                   stays; a target inside /dev, /proc or
//                                   /sys that is not a device is refused
//   a character device or a FIFO    written directly, as a stream (/dev/null,
//                                   a terminal, a named pipe): never replaced
//   "-", /dev/stdout, /dev/stderr,  written to that open descriptor, as a
//   /dev/fd/N, /proc/self/fd/N      shell would (a pipe, a terminal or the
//                                   file the shell redirected it to)
//   anything else                   refused, naming the path: a folder, a
//                                   socket, a block device
//
// No SQLite: only POSIX file calls.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace gb {

struct AtomicWriteOptions {
  // The new file's permission bits; unset: the target's if it exists, else
  // what a new file gets (0666 less the umask).
  std::optional<unsigned> mode;
  // Create the target's folder (and its parents) first; off for exports,
  // where a missing folder is more likely a typing mistake.
  bool create_directories = false;
};

// How an output path is written (see the rule above).
struct OutputPlan {
  enum class Kind { File, Stream } kind = Kind::File;
  // File: where the file is written (links resolved). Stream: the device or
  // FIFO to open, or empty when writing to `descriptor`.
  std::filesystem::path path;
  int descriptor = -1;  // Stream to an open descriptor ("-", /dev/stdout, ...)
};
// Applies the rule to `requested` without writing anything. Throws gb::Error
// naming `requested` when it may not be written ("cannot write out: it is a
// folder; give a file name").
OutputPlan plan_output(const std::filesystem::path& requested);
// True when `requested` would be written as a stream (never throws).
bool is_stream_output(const std::filesystem::path& requested);

// A file being written: stream() into it, then commit() puts it in place.
// Destroyed without commit(), a file leaves nothing behind and the target
// as it was (a stream may have had part of its bytes already). Errors
// (gb::Error) name the target as requested and the OS's reason:
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
  // Flushes, fsyncs, renames over the target and fsyncs its folder; a
  // stream is flushed (and closed, unless it is a descriptor we were given).
  void commit();
  // Throws the "cannot write" error for errno value `err`.
  [[noreturn]] void fail(int err) const;
  const std::filesystem::path& target() const { return target_; }
  // True when the target is written directly (a device, a FIFO, "-").
  bool streaming() const;

 private:
  struct Impl;
  std::filesystem::path target_;
  std::unique_ptr<Impl> impl_;
};

// Writes bytes to `path` through an AtomicFile (so by the rule above).
// Throws gb::Error.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes, AtomicWriteOptions options = {});

// Refuses an output path that is the database `db_path` or one of the files
// SQLite keeps beside it (-wal, -shm, -journal). Throws gb::Error.
void refuse_database_as_output(const std::string& db_path, const std::filesystem::path& out);

}  // namespace gb
