#include "team_fixture.hpp"

#include <cstdio>

#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/team_model.hpp"
#include "team/hub.hpp"

namespace gbtest {

namespace fs = std::filesystem;

std::string with_table_renamed(std::string changeset, const std::string& from, const std::string& to,
                               std::size_t ncol) {
  std::size_t at = std::string::npos;
  for (auto i = changeset.find(from); i != std::string::npos; i = changeset.find(from, i + 1))
    if (i >= ncol + 2 && changeset[i - ncol - 2] == 'T' && static_cast<std::size_t>(changeset[i - ncol - 1]) == ncol &&
        changeset[i + from.size()] == '\0')
      at = i;
  if (at == std::string::npos || from.size() != to.size()) return "";
  return changeset.replace(at, from.size(), to);
}

TeamFixture::TeamFixture() {
  base = pg.url();
  base = base.substr(0, base.rfind("&user="));
  owner = demo_copy(dir, "owner.db");
  gb::team::init_team(owner, pg.url(), "The Owner", dir / "govbench.key");
}

fs::path TeamFixture::join(const std::string& name, const std::string& role) {
  {
    gb::team::Hub hub = gb::team::Hub::connect(pg.url());
    hub.add_member(name, name, role, "");
  }
  const fs::path p = dir / (name + ".db");
  gb::team::join_team(base, name, p, dir / (name + ".key"));
  return p;
}

gb::data::Db TeamFixture::open(const fs::path& p) {
  return gb::data::open_governance_db(p, gb::data::OpenMode::ReadWrite);
}

gb::team::SyncReport TeamFixture::sync(const fs::path& p) {
  gb::data::Db db = open(p);
  return gb::team::sync(db);
}

std::string TeamFixture::fingerprint(const fs::path& p) {
  gb::data::Db db = open(p);
  return gb::data::replica_fingerprint(db);
}

void TeamFixture::assess(const fs::path& p, std::int64_t risk, int n) {
  gb::data::Db db = open(p);
  char date[32];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2030 + (n - 1) / 336, 1 + ((n - 1) / 28) % 12, 1 + (n - 1) % 28);
  gb::data::record_assessment(db, {.risk_id = risk,
                                   .as_of = date,
                                   .likelihood = n % 2 ? "H" : "M",
                                   .impact = "H",
                                   .trend = {},
                                   .progress = {},
                                   .rag = {},
                                   .commentary = {}});
}

void TeamFixture::progress(const fs::path& p, std::int64_t control, const std::string& period,
                           const std::string& value) {
  gb::data::Db db = open(p);
  gb::data::set_control_progress(db, {.control_id = control, .period = period, .progress = value, .note = {}});
}

std::vector<std::int64_t> TeamFixture::risk_ids(int n) const {
  gb::data::Db db = open(owner);
  gb::data::Statement st = db.prepare("SELECT id FROM risks ORDER BY id LIMIT ?");
  st.bind(1, n);
  std::vector<std::int64_t> out;
  while (st.step()) out.push_back(st.column_int(0));
  return out;
}

std::int64_t TeamFixture::head() {
  return gb::team::Hub::connect(pg.url()).head();
}

}  // namespace gbtest
