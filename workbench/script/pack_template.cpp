#include "script/pack_template.hpp"

#include <fstream>

#include "core/error.hpp"
#include "script/manifest.hpp"

namespace gb::script {

namespace fs = std::filesystem;

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
    text.replace(at, from.size(), to);
  return text;
}

// {{NAME}} is the pack name (my-gap), {{ID}} the indicator id prefix and
// default table stem (my_gap).
std::string fill(const std::string& text, const std::string& name) {
  std::string id = name;
  for (char& c : id)
    if (c == '-') c = '_';
  return replace_all(replace_all(text, "{{NAME}}", name), "{{ID}}", id);
}

const char* const kManifest = R"~(-- {{NAME}}: a starter pack made by `govbench pack new`. Edit freely.
return {
  name = "{{NAME}}",
  version = "0.1.0",
  api = 1,
  title = "{{NAME}}",
  description = "One indicator: the gap between two groups' average value in an imported table.",
  authors = { "Strategy & Governance" },
  license = "OGL-3.0",
  -- Settings a database may change without editing the pack:
  --   govbench setting --db DB pack.{{NAME}}.table my_survey_2024
  -- The pack reads them with ctx.pack_param("table").
  parameters = {
    table = { default = "{{ID}}_survey", description = "the table the survey file was imported as" },
  },
}
)~";

const char* const kIndicator = R"~(-- The gap between Black and White British respondents' average value in
-- the table the pack parameter `table` names (default {{ID}}_survey, with
-- columns area, grp and value; fixtures/{{ID}}_survey.csv is an example).
--
-- Try it: govbench eval --db DB --packs {{NAME}} --indicator {{ID}}.gap

---@param name string
---@return string
local function quoted(name)
  return '"' .. name:gsub('"', '""') .. '"'
end

gov.indicator {
  id = "{{ID}}.gap",
  title = "Gap: Black minus White British respondents (example)",
  description = "The average value for Black respondents minus that for White British respondents, "
    .. "over every area of the table the pack parameter 'table' names.",
  unit = "pp",
  polarity = "higher_is_better",
  thresholds = { green = -5, amber = -10 },
  tags = { "example" },
  ---@param ctx gov.Context
  compute = function(ctx)
    local tbl = ctx.pack_param("table")
    if ctx.value("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", tbl) == 0 then
      return { explain = "no data: import your CSV as " .. tbl .. " (govbench import FILE --db DB --table " .. tbl .. ")" }
    end
    -- Table names cannot be bound parameters: quote it. Values always are bound (?).
    local avg = "SELECT avg(value) FROM " .. quoted(tbl) .. " WHERE grp = ?"
    local black, white = ctx.value(avg, "Black"), ctx.value(avg, "White British")
    if not black or not white then return nil end -- no data
    return {
      value = black - white,
      explain = string.format("Black %.1f minus White British %.1f = %.1f pp", black, white, black - white),
    }
  end,
}
)~";

const char* const kTest = R"~(-- Runs with `govbench pack test {{NAME}}`, on the demo database plus
-- fixtures/{{ID}}_survey.csv (imported as the table {{ID}}_survey):
--   Black:         North 60, South 70 -> average 65
--   White British: North 75, South 72 -> average 73.5
--   gap 65 - 73.5 = -8.5 pp: amber (green from -5, amber from -10)

gov.test {
  name = "the gap on the fixture is -8.5 pp, amber",
  run = function(t)
    t.eq(t.value("SELECT count(*) FROM {{ID}}_survey"), 4)
    local r = t.eval("{{ID}}.gap")
    t.eq(r.status, "ok")
    t.near(r.value, -8.5, 1e-9)
    t.eq(r.rag, "amber")
  end,
}
)~";

const char* const kFixture =
    "area,grp,value\nNorth,Black,60\nNorth,White British,75\nSouth,Black,70\nSouth,White British,72\n";

const char* const kReadme = R"~(# {{NAME}}

A starter pack made by `govbench pack new {{NAME}}`: one indicator, one
test with a fixture, and editor settings.

| file | what it is |
|---|---|
| `pack.lua` | the manifest: name, version, and the parameter `table` (default `{{ID}}_survey`) |
| `indicators/gap.lua` | `{{ID}}.gap`: Black minus White British average value, in pp |
| `tests/gap_test.lua` | checks the indicator on the fixture |
| `fixtures/{{ID}}_survey.csv` | four made-up rows, imported as table `{{ID}}_survey` for the test |
| `.luarc.json`, `.types/` | point the Lua language server (LuaLS, VS Code's Lua extension) at a copy of govbench's type stubs, for completion and checks |

## Use it

    govbench check {{NAME}}                 # loads it and reports any problem
    govbench pack test {{NAME}}             # runs tests/ on the demo data plus fixtures/
    govbench import my.csv --db DB --table {{ID}}_survey
    govbench describe {{ID}}_survey --db DB # the columns, to write the SQL against
    govbench eval --db DB --packs {{NAME}} --indicator {{ID}}.gap

If your file is imported under another name, tell the pack once per
database: `govbench setting --db DB pack.{{NAME}}.table NAME`.

docs/INDICATORS.md in the govbench sources describes `gov.indicator`,
`ctx` and `gov.test`. The stubs in `.types/` are a copy made when the pack
was; copy `scripts/types/*.lua` of a newer govbench over them to update.
Only `pack.lua`, `README.md` and the Lua and fixture files are bundled by
`govbench pack build`: `.luarc.json` and `.types/` stay on your machine.
)~";

const char* const kLuarc = R"~({
  "runtime.version": "Lua 5.4",
  "workspace.library": [".types"],
  "workspace.checkThirdParty": false,
  "diagnostics.globals": ["gov"]
}
)~";

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw Error(SourceLocation{path.string(), 0, 0}, "cannot write the file");
}

}  // namespace

NewPack create_pack(const std::string& name, const fs::path& dir, const fs::path& types_dir) {
  if (!valid_pack_name(name))
    throw Error("'" + name +
                "' is not a valid pack name: use lower-case letters, digits and single dashes, "
                "starting with a letter and not ending with a dash (64 characters at most), e.g. my-gap");
  std::error_code ec;
  const auto status = fs::symlink_status(dir, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) throw Error(dir.string() + " exists and is not a folder; choose another --dir");
    if (!fs::is_empty(dir, ec) || ec)
      throw Error("folder " + dir.string() +
                  " already exists and is not empty; nothing was written (choose another "
                  "name or --dir)");
  }
  NewPack out;
  out.dir = dir;
  const std::pair<const char*, std::string> files[] = {
      {"pack.lua", fill(kManifest, name)},       {"indicators/gap.lua", fill(kIndicator, name)},
      {"tests/gap_test.lua", fill(kTest, name)}, {"fixtures/{{ID}}_survey.csv", kFixture},
      {"README.md", fill(kReadme, name)},        {".luarc.json", kLuarc},
  };
  fs::create_directories(dir);
  for (const auto& [rel, text] : files) {
    const std::string path = fill(rel, name);
    write_text(dir / path, text);
    out.files.push_back(path);
  }
  if (fs::is_directory(types_dir, ec)) {
    fs::create_directories(dir / ".types");
    for (const auto& e : fs::directory_iterator(types_dir)) {
      if (e.path().extension() != ".lua") continue;
      fs::copy_file(e.path(), dir / ".types" / e.path().filename(), fs::copy_options::overwrite_existing);
      out.files.push_back(".types/" + e.path().filename().string());
      out.types_copied = true;
    }
  }
  return out;
}

}  // namespace gb::script
