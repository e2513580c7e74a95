#include "app/terminal.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
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
  std::streambuf* next() const { return next_; }
  // Writes what the escaper still holds (a lone CR or lead byte at the end).
  void finish() {
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

// The filters live until exit, when each is finished and the stream given
// its own buffer back before the standard streams are torn down (they are
// never destroyed: a stream must not be left pointing at a dead buffer).
EscapingBuf* g_out = nullptr;
EscapingBuf* g_err = nullptr;

void restore_streams() {
  if (g_out) {
    g_out->finish();
    std::cout.rdbuf(g_out->next());
  }
  if (g_err) {
    g_err->finish();
    std::cerr.rdbuf(g_err->next());
  }
}

}  // namespace

void escape_terminal_output() {
  if (g_out || g_err) return;
  if (::isatty(STDOUT_FILENO) == 1) {
    g_out = new EscapingBuf(std::cout.rdbuf());
    std::cout.rdbuf(g_out);
  }
  if (::isatty(STDERR_FILENO) == 1) {
    g_err = new EscapingBuf(std::cerr.rdbuf());
    std::cerr.rdbuf(g_err);
  }
  if (g_out || g_err) std::atexit(restore_streams);
}

void terminal_control(std::string_view sequence) {
  std::cout.flush();
  std::fwrite(sequence.data(), 1, sequence.size(), stdout);
  std::fflush(stdout);
}

}  // namespace gb::app
