// gen-synthetic: large deterministic databases for benchmarks.
#include <charconv>
#include <iostream>

#include "app/cli.hpp"
#include "engine/database.hpp"

namespace gb::app {

namespace {

std::int64_t count_option(const Args& a, const std::string& name, std::int64_t fallback) {
  auto v = a.get(name);
  if (!v) return fallback;
  std::int64_t n = 0;
  // NOLINTNEXTLINE(clang-analyzer-cplusplus.InnerPointer): a false positive, as in Args::get_int
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size() || n < 0 || n > 100'000'000)
    throw UsageError(name + " must be a whole number from 0 to 100000000 (got '" + *v + "')");
  return n;
}

int cmd_gen_synthetic(const Args& a) {
  engine::SyntheticOptions o;
  const std::string path = a.require("--db");
  o.observations = count_option(a, "--observations", 100000);
  o.risks = count_option(a, "--risks", 0);
  o.actions = count_option(a, "--actions", 0);
  o.seed = static_cast<std::uint64_t>(count_option(a, "--seed", 1));
  engine::create_synthetic_database(path, o);
  std::cout << "created " << path << " (demo data + " << o.observations << " observations, " << o.risks << " risks, "
            << o.actions << " actions; seed " << o.seed << ")\n";
  return 0;
}

}  // namespace

void register_synthetic_commands(std::vector<Command>& out) {
  out.push_back({"gen-synthetic",
                 "create a large synthetic database for benchmarks",
                 R"(usage: govbench gen-synthetic --db FILE [--observations N] [--risks N] [--actions N] [--seed S]

Creates FILE as the demo database plus generated data shaped like it:
N Public Attitudes Survey observations (five measures, six groups, monthly
2015-2022, by generated neighbourhood), N further corporate risks with eight
quarters of history and a target, and N action items. Every generated row
cites a source of kind 'synthetic'. The same seed always gives the same
database. FILE must not exist.

  --observations N   default 100000
  --risks N          default 0
  --actions N        default 0
  --seed S           default 1

example:
  govbench gen-synthetic --db big.db --observations 1000000 --risks 10000 --seed 7
)",
                 {{"--db", true}, {"--observations", true}, {"--risks", true}, {"--actions", true}, {"--seed", true}},
                 0,
                 0,
                 cmd_gen_synthetic});
}

}  // namespace gb::app
