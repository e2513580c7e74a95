// Writing an output file (an export, a rendered paper) safely: never over
// the database being read, and never a truncated file where a good one was.
#pragma once
#include <array>
#include <filesystem>
#include <streambuf>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace gb::app {

// Refuses an output path that is the database being read, or one of the
// files SQLite keeps beside it.
void refuse_database_as_output(const std::string& db_path, const std::filesystem::path& out);

// A stream buffer over a file descriptor that keeps the first write error
// (errno), so that a failed export can say why.
class FdStreamBuf : public std::streambuf {
 public:
  explicit FdStreamBuf(int fd) : fd_(fd) { setp(buf_.data(), buf_.data() + buf_.size()); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    if (error_) return false;
    for (const char* p = pbase(); p < pptr();) {
      const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      p += n;
    }
    setp(buf_.data(), buf_.data() + buf_.size());
    return true;
  }
  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buf_{};
};

// The export's output while it is written: a new file with a unique name
// beside the target, moved over it by commit() and removed otherwise, so a
// failed export never leaves a truncated file where a good one was.
class PartialFile {
 public:
  explicit PartialFile(std::filesystem::path target) : target_(std::move(target)) {
    std::string name = target_.string() + ".partial-XXXXXX";
    fd_ = ::mkstemp(name.data());
    if (fd_ < 0) throw Error("cannot write " + target_.string() + ": " + std::strerror(errno));
    path_ = name;
  }
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;
  ~PartialFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  int fd() const { return fd_; }

  void commit() {
    // mkstemp makes the file private (0600); give it the mode the target
    // has, or that a new file would get.
    struct stat st {};
    mode_t mode = 0;
    if (::stat(target_.c_str(), &st) == 0) {
      mode = st.st_mode & 0777;
    } else {
      const mode_t mask = ::umask(0);
      ::umask(mask);
      mode = 0666 & ~mask;
    }
    if (::fchmod(fd_, mode) != 0 || ::fsync(fd_) != 0) fail();
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail();
    if (::rename(path_.c_str(), target_.c_str()) != 0) fail();
    path_.clear();
  }

 private:
  [[noreturn]] void fail() const { throw Error("cannot write " + target_.string() + ": " + std::strerror(errno)); }
  std::filesystem::path target_;
  std::string path_;
  int fd_ = -1;
};


// Writes `text` to `out` through a PartialFile, refusing the database's own files.
void write_output_file(const std::string& db_path, const std::filesystem::path& out, const std::string& text);

}  // namespace gb::app
