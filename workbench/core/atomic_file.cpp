#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <random>
#include <streambuf>

#include "core/error.hpp"

namespace gb {

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

fs::path folder_of(const fs::path& target) {
  return target.has_parent_path() ? target.parent_path() : fs::path(".");
}

[[noreturn]] void refuse(const fs::path& requested, const std::string& why) {
  throw Error("cannot write " + requested.string() + ": " + why);
}

// The descriptor a path names, as a shell reads it: /dev/stdout,
// /dev/stderr, /dev/fd/N, /proc/self/fd/N (and /proc/<our pid>/fd/N).
std::optional<int> descriptor_path(const fs::path& p) {
  const std::string s = p.lexically_normal().string();
  if (s == "/dev/stdout") return 1;
  if (s == "/dev/stderr") return 2;
  for (const std::string& prefix :
       {std::string("/dev/fd/"), std::string("/proc/self/fd/"), std::string("/proc/thread-self/fd/"),
        "/proc/" + std::to_string(::getpid()) + "/fd/"}) {
    if (!s.starts_with(prefix) || s.size() == prefix.size() || s.size() - prefix.size() > 6) continue;
    int fd = 0;
    bool digits = true;
    for (char c : s.substr(prefix.size())) {
      if (c < '0' || c > '9')
        digits = false;
      else
        fd = fd * 10 + (c - '0');
    }
    if (digits) return fd;
  }
  return std::nullopt;
}

// Folders whose files are the system's, not documents: a new or regular
// file there is refused (their devices are written as streams). /dev/shm
// is an ordinary memory file system.
std::optional<std::string> system_folder_of(const fs::path& absolute) {
  const std::string s = absolute.string();
  if (s.starts_with("/dev/shm/")) return std::nullopt;
  for (const char* root : {"/dev", "/proc", "/sys"})
    if (s == root || s.starts_with(std::string(root) + "/")) return std::string(root);
  return std::nullopt;
}

}  // namespace

OutputPlan plan_output(const fs::path& requested) {
  OutputPlan plan;
  if (requested.empty()) refuse(requested, "no file name given");
  if (requested == "-") {
    plan.kind = OutputPlan::Kind::Stream;
    plan.descriptor = 1;
    return plan;
  }
  fs::path p = requested;
  bool linked = false;
  for (int hops = 0;; ++hops) {
    if (const auto fd = descriptor_path(p)) {
      struct stat st {};
      if (::fstat(*fd, &st) != 0) refuse(requested, "descriptor " + std::to_string(*fd) + " is not open");
      if (S_ISDIR(st.st_mode)) refuse(requested, "descriptor " + std::to_string(*fd) + " is a folder");
      plan.kind = OutputPlan::Kind::Stream;
      plan.descriptor = *fd;
      return plan;
    }
    if (hops == 40) refuse(requested, std::strerror(ELOOP));
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) {
      if (errno == ENOENT) break;  // a new file (its folder is checked when it is created)
      refuse(requested, std::strerror(errno));
    }
    if (S_ISLNK(st.st_mode)) {
      std::error_code ec;
      const fs::path to = fs::read_symlink(p, ec);
      if (ec) refuse(requested, ec.message());
      p = to.is_absolute() ? to : folder_of(p) / to;
      linked = true;
      continue;
    }
    if (S_ISREG(st.st_mode)) break;
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
      plan.kind = OutputPlan::Kind::Stream;
      plan.path = p;
      return plan;
    }
    const std::string what = S_ISDIR(st.st_mode)    ? "a folder; give a file name"
                             : S_ISSOCK(st.st_mode) ? "a socket"
                             : S_ISBLK(st.st_mode)  ? "a block device"
                                                    : "neither a file nor a device";
    refuse(requested, (linked ? "it links to " + p.string() + ", " : std::string("it is ")) + what +
                          " (govbench writes files, character devices such as /dev/null, pipes and -)");
  }
  // A file: where it really is (folders that are links resolved too).
  std::error_code ec;
  fs::path absolute = fs::absolute(p, ec);
  if (!ec) {
    const fs::path folder = fs::weakly_canonical(absolute.parent_path(), ec);
    if (!ec) absolute = folder / absolute.filename();
  }
  if (const auto root = system_folder_of(absolute.lexically_normal()))
    refuse(requested, (linked ? "it links to " + absolute.string() + ", a file" : std::string("a file")) + " in " +
                          *root + ", where govbench does not create files");
  plan.kind = OutputPlan::Kind::File;
  plan.path = p;
  return plan;
}

bool is_stream_output(const fs::path& requested) {
  try {
    return plan_output(requested).kind == OutputPlan::Kind::Stream;
  } catch (const Error&) {
    return false;
  }
}

struct AtomicFile::Impl {
  int fd = -1;
  bool stream = false;
  fs::path path;     // where a file is written (links resolved)
  std::string temp;  // empty once renamed (or never created)
  std::unique_ptr<FdStreamBuf> buf;
  std::unique_ptr<std::ostream> out;
};

AtomicFile::AtomicFile(fs::path target, AtomicWriteOptions options)
    : target_(std::move(target)), impl_(std::make_unique<Impl>()) {
  const OutputPlan plan = plan_output(target_);
  if (plan.kind == OutputPlan::Kind::Stream) {
    impl_->stream = true;
    if (plan.descriptor >= 0) {
      if (plan.descriptor == 1) std::cout.flush();  // what was printed before comes first
      if (plan.descriptor == 2) std::cerr.flush();
      impl_->fd = ::fcntl(plan.descriptor, F_DUPFD_CLOEXEC, 3);
      if (impl_->fd < 0) fail(errno);
    } else {
      // A FIFO's open waits for its reader, as a shell's redirection does.
      impl_->fd = ::open(plan.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
      if (impl_->fd < 0) fail(errno);
      struct stat st {};
      if (::fstat(impl_->fd, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        ::close(impl_->fd);
        impl_->fd = -1;
        refuse(target_, "it changed while being opened");
      }
    }
    impl_->buf = std::make_unique<FdStreamBuf>(impl_->fd);
    impl_->out = std::make_unique<std::ostream>(impl_->buf.get());
    return;
  }
  impl_->path = plan.path;
  const fs::path folder = folder_of(impl_->path);
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
    const fs::path temp = folder / ("." + impl_->path.filename().string() + ".tmp-" + suffix);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, create_mode);
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
    if (::lstat(impl_->path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) mode = st.st_mode & 07777;
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

std::ostream& AtomicFile::stream() {
  return *impl_->out;
}

int AtomicFile::error() const {
  return impl_->buf ? impl_->buf->error() : 0;
}

bool AtomicFile::streaming() const {
  return impl_->stream;
}

void AtomicFile::fail(int err) const {
  throw Error("cannot write " + target_.string() + ": " + std::strerror(err ? err : EIO));
}

void AtomicFile::commit() {
  impl_->out->flush();
  if (error() || !*impl_->out) fail(error());
  if (impl_->stream) {
    const int fd = impl_->fd;
    impl_->fd = -1;
    if (::close(fd) != 0 && errno != EINTR) fail(errno);
    return;
  }
  if (::fsync(impl_->fd) != 0) fail(errno);
  const int fd = impl_->fd;
  impl_->fd = -1;
  if (::close(fd) != 0) fail(errno);
  if (::rename(impl_->temp.c_str(), impl_->path.c_str()) != 0) fail(errno);
  impl_->temp.clear();
  // The rename is durable once the folder is; a failure here leaves the new
  // file in place, so it is not reported as a failed write.
  const int dir = ::open(folder_of(impl_->path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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

}  // namespace gb
