// Test entry point. Every test, and every govbench process a test starts,
// sees a fresh, empty XDG data folder, so the tester's installed packs and
// workspace never leak into results.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>

#include "support.hpp"

int main(int argc, char* argv[]) {
  gbtest::TempDir data_home;
  setenv("XDG_DATA_HOME", data_home.path().c_str(), 1);
#ifdef GOVBENCH_BINARY
  // A Workspace (the window's model) runs packs in "govbench pack-host".
  setenv("GOVBENCH_PACK_HOST", GOVBENCH_BINARY, 0);
#endif
  return Catch::Session().run(argc, argv);
}
