// A test-only program for the kill tests: performs analysts' edits through
// the data layer (data/edits.hpp), the way the workbench does, one after
// another, so that the test can SIGKILL it in the middle of one.
//
//   govbench_fault_child edits DB COUNT TAG
//
// Each edit sets a key control's progress for one quarter, alternating
// between on_track (odd edits) and slipped (even edits), with the note
// "TAG edit N", and is committed
// (with its edits and audit_log rows) before "committed N" is printed.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "data/edits.hpp"
#include "data/migrations.hpp"

int main(int argc, char** argv) {
  if (argc != 5 || std::string(argv[1]) != "edits") {
    std::fprintf(stderr, "usage: govbench_fault_child edits DB COUNT TAG\n");
    return 2;
  }
  try {
    gb::data::Db db = gb::data::open_governance_db(argv[2], gb::data::OpenMode::ReadWrite);
    const int count = std::atoi(argv[3]);
    for (int i = 1; i <= count; ++i) {
      gb::data::set_control_progress(db, {.control_id = 1,
                                          .period = "2030-Q1",
                                          .progress = i % 2 ? "on_track" : "slipped",
                                          .note = std::string(argv[4]) + " edit " + std::to_string(i)});
      std::printf("committed %d\n", i);
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "govbench_fault_child: %s\n", e.what());
    return 1;
  }
  return 0;
}
