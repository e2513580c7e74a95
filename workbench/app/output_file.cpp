#include "app/output_file.hpp"

#include <cerrno>
#include <cstring>

namespace gb::app {

// Refuses an export that would overwrite the database being read, or one
// of the files SQLite keeps beside it.
void refuse_database_as_output(const std::string& db_path, const std::filesystem::path& out) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::filesystem::path candidate = db_path + suffix;
    std::error_code ec1, ec2;
    // The same file under another name (hard link, symlink, ./x) where both exist...
    bool same = std::filesystem::equivalent(candidate, out, ec1) && !ec1;
    // ...and the same name where one does not exist yet (a -wal file may be created later).
    if (!same) {
      const auto a = std::filesystem::weakly_canonical(candidate, ec1);
      const auto b = std::filesystem::weakly_canonical(out, ec2);
      same = !ec1 && !ec2 && a == b;
    }
    if (same)
      throw Error("will not write the export to " + out.string() + ": it is the database " + db_path +
                  (*suffix ? std::string(" (its ") + suffix + " file)" : std::string()) +
                  " being exported; choose another output file");
  }
}

void write_output_file(const std::string& db_path, const std::filesystem::path& out, const std::string& text) {
  refuse_database_as_output(db_path, out);
  PartialFile partial(out);
  FdStreamBuf buf(partial.fd());
  buf.sputn(text.data(), static_cast<std::streamsize>(text.size()));
  if (buf.pubsync() != 0 || buf.error())
    throw Error("cannot write " + out.string() + ": " + std::strerror(buf.error() ? buf.error() : EIO));
  partial.commit();
}

}  // namespace gb::app
