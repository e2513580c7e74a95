#include "data/synthetic.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/register_levels.hpp"
#include "data/audit_log.hpp"
#include "data/db.hpp"
#include "data/demo.hpp"
#include "data/migrations.hpp"

namespace gb::data {

namespace {

// splitmix64: small, fast, and the same on every platform.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

constexpr std::array<const char*, 5> kMetrics = {"pas.good_job", "pas.trust", "pas.fair", "pas.listen",
                                                 "pas.relied_on"};
constexpr std::array<const char*, 6> kGroups = {"All", "White British", "Black", "Asian", "Mixed", "Other"};
// Typical level of each group relative to all respondents, in points:
// the Public Attitudes Survey's gaps are of this order.
constexpr std::array<double, 6> kGroupOffset = {0, 2, -9, 1, -4, -2};
constexpr const auto& kLevels = kRiskLevels;  // core/register_levels.hpp
constexpr int kMonths = 96;                   // 2015-01 .. 2022-12

std::string month_label(int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", 2015 + m / 12, m % 12 + 1);
  return buf;
}

std::string month_end(int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int year = 2015 + m / 12, month = m % 12;
  int d = days[month];
  if (month == 1 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) d = 29;
  char buf[40];  // room for any int, so -Wformat-truncation (Debug, -Werror) has nothing to say
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month + 1, d);
  return buf;
}

}  // namespace

void generate_synthetic(const std::filesystem::path& path, const SyntheticOptions& o) {
  if (o.observations < 0 || o.risks < 0 || o.actions < 0) throw Error("counts must not be negative");
  std::error_code ec;
  if (std::filesystem::exists(path, ec))
    throw Error(path.string() + " already exists; gen-synthetic never overwrites a file");
  std::filesystem::path tmp = path;
  tmp += ".generating";
  std::filesystem::remove(tmp, ec);
  init_demo(tmp);
  try {
    Db db = open_governance_db(tmp, OpenMode::ReadWrite);
    db.exec("PRAGMA synchronous = OFF");
    Transaction tx(db);
    Rng rng{o.seed};
    {
      Statement src = db.prepare("INSERT INTO sources (kind, document, note) VALUES ('synthetic', ?, ?)");
      src.bind(1, "govbench gen-synthetic (seed " + std::to_string(o.seed) + ")");
      src.bind(2, "generated for benchmarks: not real data");
      src.run();
    }
    const std::int64_t source = db.last_insert_rowid();
    std::vector<std::string> boroughs;
    {
      Statement b = db.prepare("SELECT name FROM areas WHERE kind = 'borough' ORDER BY name");
      while (b.step()) boroughs.push_back(b.column_text(0));
    }
    if (boroughs.empty()) boroughs.push_back("London");

    // Observations: metric x group x month per neighbourhood, until N rows.
    const std::int64_t per_area = static_cast<std::int64_t>(kMetrics.size() * kGroups.size()) * kMonths;
    const std::int64_t areas = (o.observations + per_area - 1) / per_area;
    Statement area = db.prepare("INSERT INTO areas (name, kind, parent, source_id) VALUES (?, 'neighbourhood', ?, ?)");
    Statement obs = db.prepare(
        "INSERT INTO observations (metric_id, period, period_start, period_end, area, grp, value, source_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    std::vector<std::string> labels(kMonths), starts(kMonths), ends(kMonths);
    for (int m = 0; m < kMonths; ++m) {
      labels[static_cast<std::size_t>(m)] = month_label(m);
      starts[static_cast<std::size_t>(m)] = month_label(m) + "-01";
      ends[static_cast<std::size_t>(m)] = month_end(m);
    }
    std::int64_t written = 0;
    for (std::int64_t a = 0; a < areas && written < o.observations; ++a) {
      char name[64];
      std::snprintf(name, sizeof name, "Synthetic neighbourhood %05lld", static_cast<long long>(a) + 1);
      area.bind(1, name).bind(2, boroughs[static_cast<std::size_t>(a) % boroughs.size()]).bind(3, source);
      area.run();
      area.reset();
      const double area_level = 62 + rng.uniform() * 20;
      for (std::size_t mi = 0; mi < kMetrics.size() && written < o.observations; ++mi) {
        for (std::size_t g = 0; g < kGroups.size() && written < o.observations; ++g) {
          double level = area_level + kGroupOffset[g] + (static_cast<double>(mi) - 2) * 1.5;
          for (int m = 0; m < kMonths && written < o.observations; ++m) {
            level += (rng.uniform() - 0.5) * 1.2 - (m > 70 ? 0.05 : 0);  // a slow fall after 2020
            const double v = std::min(99.0, std::max(20.0, level + (rng.uniform() - 0.5) * 4));
            obs.bind(1, kMetrics[mi]).bind(2, labels[static_cast<std::size_t>(m)]);
            obs.bind(3, starts[static_cast<std::size_t>(m)]).bind(4, ends[static_cast<std::size_t>(m)]);
            obs.bind(5, name).bind(6, kGroups[g]).bind(7, std::round(v * 10) / 10).bind(8, source);
            obs.run();
            obs.reset();
            ++written;
            if (o.progress && written % 50000 == 0)
              o.progress(0.9 * static_cast<double>(written) /
                         static_cast<double>(std::max<std::int64_t>(o.observations, 1)));
          }
        }
      }
    }

    // Risks with eight quarters of history and a target.
    Statement risk = db.prepare(
        "INSERT INTO risks (ref, name, description, owner_role_id, term, source_id) "
        "VALUES (?, ?, ?, (SELECT min(id) FROM roles), ?, ?)");
    Statement assess = db.prepare(
        "INSERT INTO risk_assessments (risk_id, as_of, period, likelihood, impact, trend, source_id) VALUES (?, ?, ?, "
        "?, ?, ?, ?)");
    Statement target = db.prepare(
        "INSERT INTO risk_targets (risk_id, as_of, likelihood, impact, source_id) VALUES (?, '2021-12-31', ?, ?, ?)");
    static const char* kQuarterEnds[] = {"2020-03-31", "2020-06-30", "2020-09-30", "2020-12-31",
                                         "2021-03-31", "2021-06-30", "2021-09-30", "2021-12-31"};
    for (std::int64_t i = 0; i < o.risks; ++i) {
      const std::int64_t ref = 1000 + i;
      risk.bind(1, ref).bind(2, "SYNTHETIC RISK " + std::to_string(ref)).bind(3, "generated for benchmarks");
      risk.bind(4, rng.below(3) == 0 ? "short" : "long").bind(5, source);
      risk.run();
      risk.reset();
      const std::int64_t id = db.last_insert_rowid();
      int l = 1 + rng.below(4), im = 1 + rng.below(4), prev = -1;
      for (int q = 0; q < 8; ++q) {
        l = std::clamp(l + rng.below(3) - 1, 0, 4);
        im = std::clamp(im + (rng.below(5) == 0 ? rng.below(3) - 1 : 0), 0, 4);
        const int score = (l + 1) * (im + 1);
        const char* trend = prev < 0 || score == prev ? "stable" : score < prev ? "improving" : "worsening";
        prev = score;
        char period[8];
        std::snprintf(period, sizeof period, "%d-Q%d", 2020 + q / 4, q % 4 + 1);
        assess.bind(1, id).bind(2, kQuarterEnds[q]).bind(3, period).bind(4, kLevels[static_cast<std::size_t>(l)]);
        assess.bind(5, kLevels[static_cast<std::size_t>(im)]).bind(6, trend).bind(7, source);
        assess.run();
        assess.reset();
      }
      target.bind(1, id).bind(2, kLevels[static_cast<std::size_t>(std::max(0, l - 2))]);
      target.bind(3, kLevels[static_cast<std::size_t>(std::max(0, im - 1))]).bind(4, source);
      target.run();
      target.reset();
    }

    // Action items on a plan of their own.
    if (o.actions > 0) {
      Statement plan =
          db.prepare("INSERT INTO action_plans (code, title, description, source_id) VALUES ('SYNTHETIC', ?, ?, ?)");
      plan.bind(1, "Synthetic action plan").bind(2, "generated for benchmarks").bind(3, source);
      plan.run();
      const std::int64_t plan_id = db.last_insert_rowid();
      Statement item = db.prepare(
          "INSERT INTO action_items (plan_id, seq, title, owner, due, status, rag, source_id) VALUES (?, ?, ?, ?, ?, "
          "?, ?, ?)");
      static const char* kStatus[] = {"planned", "in_progress", "complete", "on_hold"};
      static const char* kRag[] = {"green", "amber", "red", "blue"};
      for (std::int64_t i = 0; i < o.actions; ++i) {
        const int s = rng.below(4);
        char due[40];
        std::snprintf(due, sizeof due, "%04d-%02d-28", 2021 + rng.below(3), 1 + rng.below(12));
        item.bind(1, plan_id).bind(2, i + 1).bind(3, "Synthetic action " + std::to_string(i + 1));
        item.bind(4, "Synthetic owner " + std::to_string(rng.below(40) + 1)).bind(5, due).bind(6, kStatus[s]);
        item.bind(7, kRag[s == 2 ? 3 : rng.below(3)]).bind(8, source);
        item.run();
        item.reset();
      }
    }
    record_audit(db, AuditEntry{.action = "insert",
                                .table = "",
                                .row_id = "",
                                .before = "",
                                .after = "{\"generator\":\"gen-synthetic\",\"seed\":" + std::to_string(o.seed) +
                                         ",\"observations\":" + std::to_string(written) + "}"});
    tx.commit();
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (...) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(tmp.string() + suffix, ec);
    throw;
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw Error("cannot move the new database into place at " + path.string() + ": " + ec.message());
  if (o.progress) o.progress(1.0);
}

}  // namespace gb::data
