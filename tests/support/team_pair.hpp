// Two team replicas of the demo database on a throw-away hub
// (support/pg_server.hpp), for the tests of team mode's live link and of
// the window on a replica:
//   a: the hub's owner (role govbench), shown as "A. Analyst"
//   b: bob, an analyst, shown as "B. Board"
// Keys are kept in the temporary folder.
#pragma once
#include <filesystem>
#include <string>

#include "support.hpp"
#include "support/pg_server.hpp"

namespace gbtest {

struct TeamPair {
  PgServer pg;
  TempDir dir;
  std::filesystem::path a, b;
  TeamPair();
};

}  // namespace gbtest
