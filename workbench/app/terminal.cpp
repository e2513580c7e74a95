#include "app/terminal.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <streambuf>
#include <string>

#include "core/text.hpp"

namespace gb::app {

namespace {

// An unbuffered stream buffer that escapes what it is given and passes it
// on to the stream buffer it replaced.
class EscapingBuf : public std::streambuf {
 public:
  explicit EscapingBuf(std::streambuf* next) : next_(next) {}
  ~EscapingBuf() override {
    const std::string rest = escaper_.finish();
    if (!rest.empty()) next_->sputn(rest.data(), static_cast<std::streamsize>(rest.size()));
    next_->pubsync();
  }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    return put(std::string_view(&ch, 1)) ? c : traits_type::eof();
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    return put(std::string_view(s, static_cast<std::size_t>(n))) ? n : 0;
  }
  int sync() override { return next_->pubsync(); }

 private:
  bool put(std::string_view text) {
    const std::string safe = escaper_.feed(text);
    return next_->sputn(safe.data(), static_cast<std::streamsize>(safe.size())) ==
           static_cast<std::streamsize>(safe.size());
  }
  std::streambuf* next_;
  TerminalEscaper escaper_;
};

}  // namespace

void escape_terminal_output() {
  // Static: they must outlive every write, including those made while the
  // program exits.
  if (::isatty(STDOUT_FILENO) == 1) {
    static EscapingBuf out(std::cout.rdbuf());
    std::cout.rdbuf(&out);
  }
  if (::isatty(STDERR_FILENO) == 1) {
    static EscapingBuf err(std::cerr.rdbuf());
    std::cerr.rdbuf(&err);
  }
}

void terminal_control(std::string_view sequence) {
  std::cout.flush();
  std::fwrite(sequence.data(), 1, sequence.size(), stdout);
  std::fflush(stdout);
}

}  // namespace gb::app
