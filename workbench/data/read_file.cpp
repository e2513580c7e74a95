#include "data/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace gb::data {

std::string read_whole_file(const std::filesystem::path& file, const char* what, const ReadChecks& checks) {
  const SourceLocation where{file.string(), 0, 0};
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(where, std::string("cannot open the file for reading: ") + std::strerror(errno));
  struct Closer {
    int fd;
    explicit Closer(int to_close) : fd(to_close) {}
    Closer(const Closer&) = delete;
    Closer& operator=(const Closer&) = delete;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw Error(where, std::string("cannot read the file: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw Error(where, std::string("is a folder, not ") + what);
  if (S_ISREG(st.st_mode) && checks.sized) checks.sized(static_cast<std::uint64_t>(st.st_size));
  std::string out;
  char buf[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd, buf, sizeof buf);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      throw Error(where, std::string("cannot read the file: ") + std::strerror(errno));
    }
    out.append(buf, static_cast<std::size_t>(got));
    if (checks.grew) checks.grew(out, static_cast<std::size_t>(got));
  }
  return out;
}

}  // namespace gb::data
