// README's "Write your first indicator" is a walkthrough a new analyst
// follows: this test runs its shell blocks (```sh) in order, in an empty
// folder, with govbench on PATH, as the analyst would. The only changes:
// ../shared/ is the shared folder beside the source tree, and --watch runs
// once (GOVBENCH_WATCH_RUNS=1) instead of until Ctrl+C.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "support.hpp"

namespace fs = std::filesystem;

namespace {

std::string section(const std::string& text, const std::string& heading) {
  const auto start = text.find("\n" + heading + "\n");
  REQUIRE(start != std::string::npos);
  const auto end = text.find("\n## ", start + heading.size() + 2);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The ```sh blocks of `text`, in order.
std::vector<std::string> shell_blocks(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line, block;
  bool inside = false, shell = false;
  while (std::getline(in, line)) {
    std::string trimmed =
        line.substr(line.find_first_not_of(' ') == std::string::npos ? line.size() : line.find_first_not_of(' '));
    if (trimmed.rfind("```", 0) == 0) {
      if (!inside) {
        inside = true;
        shell = trimmed == "```sh";
        block.clear();
      } else {
        if (shell) out.push_back(block);
        inside = false;
      }
      continue;
    }
    if (inside && shell) block += line + "\n";
  }
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

}  // namespace

TEST_CASE("README: Write your first indicator runs end to end as written", "[readme]") {
  const std::string readme = gbtest::read_file(fs::path(GOVBENCH_SOURCE_DIR) / "README.md");
  const auto blocks = shell_blocks(section(readme, "## Write your first indicator"));
  REQUIRE(blocks.size() >= 4);
  std::string script;
  for (const auto& b : blocks) script += b;
  // The walkthrough uses every step of the loop.
  for (const char* step : {"govbench pack new", "govbench describe", "--watch", "govbench console", "govbench check",
                           "govbench pack test"})
    CHECK(script.find(step) != std::string::npos);

  gbtest::TempDir dir;
  const fs::path bin = dir / "bin";
  fs::create_directories(bin);
  fs::create_symlink(GOVBENCH_BINARY, bin / "govbench");
  const fs::path work = dir / "work";
  fs::create_directories(work);
  const fs::path shared = fs::weakly_canonical(fs::path(GOVBENCH_REAL_DATA) / ".." / "..");
  script = replace_all(script, "../shared/", shared.string() + "/");
  gbtest::write_file(dir / "walkthrough.sh",
                     "set -euo pipefail\nset -x\nexport PATH='" + bin.string() + "':\"$PATH\"\nexport HOME='" +
                         (dir / "home").string() +
                         "'\nexport XDG_DATA_HOME=\"$HOME/data\" XDG_CONFIG_HOME=\"$HOME/config\"\n"
                         "export GOVBENCH_WATCH_RUNS=1\ncd '" +
                         work.string() + "'\n" + script);
  auto r = gbtest::run_program({"bash", (dir / "walkthrough.sh").string()}, 300);
  INFO(r.out << "\n--- stderr ---\n" << r.err);
  REQUIRE(r.exit_code == 0);
  // What the walkthrough promises.
  CHECK_THAT(r.out, Catch::Contains("-20.63"));
  CHECK_THAT(r.out, Catch::Contains("passed, 0 failed"));
  CHECK(fs::exists(work / "my-gap" / "pack.lua"));
}
