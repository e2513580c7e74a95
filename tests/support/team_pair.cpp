#include "support/team_pair.hpp"

#include "team/hub.hpp"
#include "team/sync.hpp"

namespace gbtest {

TeamPair::TeamPair() {
  a = demo_copy(dir, "a.db");
  b = dir.path() / "b.db";
  gb::team::init_team(a, pg.url(), "A. Analyst", dir.path() / "keys" / "a.key");
  gb::team::Hub::connect(pg.url()).add_member("bob", "B. Board", "analyst", "");
  gb::team::join_team(pg.url("bob"), "bob", b, dir.path() / "keys" / "b.key");
}

}  // namespace gbtest
