#include "data/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <streambuf>

#include "core/error.hpp"

namespace gb::data {

namespace fs = std::filesystem;

namespace {

// A stream buffer over a file descriptor that keeps the first write error
// (errno), so that a failed write can say why ("No space left on device").
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

fs::path folder_of(const fs::path& target) { return target.has_parent_path() ? target.parent_path() : fs::path("."); }

}  // namespace

struct AtomicFile::Impl {
  int fd = -1;
  std::string temp;  // empty once renamed (or never created)
  std::unique_ptr<FdStreamBuf> buf;
  std::unique_ptr<std::ostream> out;
};

AtomicFile::AtomicFile(fs::path target, AtomicWriteOptions options)
    : target_(std::move(target)), impl_(std::make_unique<Impl>()) {
  const fs::path folder = folder_of(target_);
  if (options.create_directories) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw Error("cannot write " + target_.string() + ": " + ec.message());
  }
  // The temporary file: hidden, beside the target (a rename is atomic only
  // within one file system), created exclusively. A new file gets 0666 less
  // the umask from open() itself; an explicit mode is set exactly below,
  // before any byte is written (a secret key is never readable by others).
  const mode_t create_mode = options.mode ? static_cast<mode_t>(*options.mode & 0666) : 0666;
  std::random_device rd;
  std::mt19937_64 rng((static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^ static_cast<std::uint64_t>(::getpid()));
  for (int attempt = 0; attempt < 100 && impl_->fd < 0; ++attempt) {
    char suffix[20];
    std::snprintf(suffix, sizeof suffix, "%012llx", static_cast<unsigned long long>(rng() & 0xffffffffffffULL));
    const fs::path temp = folder / ("." + target_.filename().string() + ".tmp-" + suffix);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, create_mode);
    if (fd >= 0) {
      impl_->fd = fd;
      impl_->temp = temp.string();
    } else if (errno != EEXIST) {
      fail(errno);
    }
  }
  if (impl_->fd < 0) fail(EEXIST);
  std::optional<mode_t> mode;
  if (options.mode) {
    mode = static_cast<mode_t>(*options.mode & 07777);
  } else {
    struct stat st {};
    if (::stat(target_.c_str(), &st) == 0 && S_ISREG(st.st_mode)) mode = st.st_mode & 07777;
  }
  if (mode && ::fchmod(impl_->fd, *mode) != 0) {
    const int err = errno;
    ::close(impl_->fd);
    impl_->fd = -1;
    ::unlink(impl_->temp.c_str());
    impl_->temp.clear();
    fail(err);
  }
  impl_->buf = std::make_unique<FdStreamBuf>(impl_->fd);
  impl_->out = std::make_unique<std::ostream>(impl_->buf.get());
}

AtomicFile::~AtomicFile() {
  if (!impl_) return;
  if (impl_->fd >= 0) ::close(impl_->fd);
  if (!impl_->temp.empty()) ::unlink(impl_->temp.c_str());
}

std::ostream& AtomicFile::stream() { return *impl_->out; }

int AtomicFile::error() const { return impl_->buf ? impl_->buf->error() : 0; }

void AtomicFile::fail(int err) const {
  throw Error("cannot write " + target_.string() + ": " + std::strerror(err ? err : EIO));
}

void AtomicFile::commit() {
  impl_->out->flush();
  if (error() || !*impl_->out) fail(error());
  if (::fsync(impl_->fd) != 0) fail(errno);
  const int fd = impl_->fd;
  impl_->fd = -1;
  if (::close(fd) != 0) fail(errno);
  if (::rename(impl_->temp.c_str(), target_.c_str()) != 0) fail(errno);
  impl_->temp.clear();
  // The rename is durable once the folder is; a failure here leaves the new
  // file in place, so it is not reported as a failed write.
  const int dir = ::open(folder_of(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    (void)::fsync(dir);
    ::close(dir);
  }
}

void write_file_atomically(const fs::path& path, std::string_view bytes, AtomicWriteOptions options) {
  AtomicFile file(path, options);
  file.stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.commit();
}

void refuse_database_as_output(const std::string& db_path, const fs::path& out) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const fs::path candidate = db_path + suffix;
    std::error_code ec1, ec2;
    // The same file under another name (hard link, symlink, ./x) where both exist...
    bool same = fs::equivalent(candidate, out, ec1) && !ec1;
    // ...and the same name where one does not exist yet (a -wal file may be created later).
    if (!same) {
      const auto a = fs::weakly_canonical(candidate, ec1);
      const auto b = fs::weakly_canonical(out, ec2);
      same = !ec1 && !ec2 && a == b;
    }
    if (same)
      throw Error("will not write the export to " + out.string() + ": it is the database " + db_path +
                  (*suffix ? std::string(" (its ") + suffix + " file)" : std::string()) +
                  " being exported; choose another output file");
  }
}

}  // namespace gb::data
