---@meta
-- Type stubs for the Governance Workbench pack API (LuaLS / VS Code's Lua
-- extension). Add this folder to "Lua.workspace.library" so your editor
-- completes and checks pack code. These files are never run.

---The workbench API available to every pack file.
---@class gov
---@field api integer The API level this workbench implements (packs declare `api = 1` in pack.lua).
---@field version string The workbench version, e.g. "0.1.0".
---@field param gov.param Parameter specifications for views.
gov = {}

---@alias gov.Polarity "higher_is_better"|"lower_is_better"|"neutral"
---@alias gov.Band "red"|"amber"|"green"|"blue"

---@class gov.Thresholds
---@field green number The value at which the indicator turns green (with `polarity`, which side is better).
---@field amber number The value at which it turns amber; beyond it, red.

---@class gov.IndicatorSpec
---@field id string Unique dotted lower-case id, e.g. "trust.confidence_gap.black".
---@field title string What a board member reads.
---@field description? string A sentence on what it measures and why.
---@field unit? string "%", "pp", "per 1,000", ...
---@field polarity? gov.Polarity Which direction is better (required with `thresholds`).
---@field thresholds? gov.Thresholds RAG from the value; give this or `rag`, not both.
---@field rag? fun(value: any): gov.Band|nil Your own RAG rule.
---@field compute fun(ctx: gov.Context): any Returns a number, a series (period -> value) or a breakdown (group -> value).
---@field explain? fun(value: any): string The working shown beside the value; receives what compute returned.
---@field tags? string[] Free labels for grouping.

---Registers an indicator. Mistakes are reported with the field, file and line.
---@param spec gov.IndicatorSpec
function gov.indicator(spec) end

---@class gov.RuleSpec
---@field id string Unique dotted id, e.g. "met.lxi4".
---@field title string
---@field description? string
---@field score? fun(r: table): number Score one assessment (r.likelihood, r.impact, any other column).
---@field band? fun(score: number): gov.Band Band for a score.
---@field likelihood? string[] Likelihood labels, low to high (required for data rules; for code rules, the heat map's axis).
---@field impact? string[] Impact labels, low to high (required for data rules; for code rules, the heat map's axis).
---@field grid? gov.Band[][] Data rules: grid[likelihood][impact] = band.

---Registers a risk scoring rule: code (`score` and `band`) or data (`likelihood`, `impact`, `grid`).
---@param spec gov.RuleSpec
function gov.rule(spec) end

---@class gov.ViewSpec
---@field id string Unique dotted id, e.g. "audit_panel.risks".
---@field title string
---@field board? string The board that reads it ("Audit Panel").
---@field description? string
---@field params? table<string, gov.ParamSpec> Controls shown above the view.
---@field build fun(ctx: gov.Context, params: table): table Returns the view tree.

---Registers a board view.
---@param spec gov.ViewSpec
function gov.view(spec) end

---@class gov.TestSpec
---@field name string
---@field run fun(t: table) The test body.

---Registers a pack test.
---@param spec gov.TestSpec
function gov.test(spec) end

---@class gov.ParamSpec
---@field kind "choice"|"date"|"number"|"toggle"|"multi"

---@class gov.param
gov.param = {}

---A single choice from a list: gov.param.choice { "all", "short", "long", default = "all" }.
---@param spec table
---@return gov.ParamSpec
function gov.param.choice(spec) end

---A date: gov.param.date { default = "2021-12-31" }.
---@param spec table
---@return gov.ParamSpec
function gov.param.date(spec) end

---A number (a slider): gov.param.number { min = 1, max = 20, step = 1, default = 5 }.
---@param spec table
---@return gov.ParamSpec
function gov.param.number(spec) end

---On or off: gov.param.toggle { default = false }.
---@param spec table
---@return gov.ParamSpec
function gov.param.toggle(spec) end

---Several choices from a list: gov.param.multi { "Black", "Asian", "White British" }.
---@param spec table
---@return gov.ParamSpec
function gov.param.multi(spec) end

---The context passed to compute, score and build functions: the only way to
---the database (read-only; parameters are bound, never spliced).
---@class gov.Context
---@field as_of string The date the evaluation is "as at" (ISO, "" for today).
---@field period? string The period being evaluated, when there is one.
---@field params table<string, string> The view's or evaluation's parameters.
local ctx = {}

---Runs a read-only query; returns every row as a table keyed by column name (NULL columns are absent).
---@param query string SQL with ? placeholders
---@param ... nil|boolean|number|string Values bound to the placeholders
---@return table[]
function ctx.sql(query, ...) end

---Runs a read-only query; returns the first column of the first row, or nil.
---@param query string
---@param ... nil|boolean|number|string
---@return any
function ctx.value(query, ...) end

---Iterates over a large result one row at a time: `for row in ctx.rows(q) do ... end`.
---@param query string
---@param ... nil|boolean|number|string
---@return fun(): table|nil
function ctx.rows(query, ...) end

---Another indicator's result (evaluated first; cycles are reported).
---@param id string
---@return table
function ctx.indicator(id) end

---The object a gov.test body receives: a gov.Context on the test database
---(t.sql, t.value, t.rows, t.indicator) plus the functions below.
---@class gov.TestContext: gov.Context
local t = {}

---Evaluates an indicator on the test database; returns its result table
---{ id, status, value, rag, unit, series, breakdown, explain, error }.
---@param id string
---@param options? { as_of?: string, params?: table<string, string> }
---@return table
function t.eval(id, options) end

---Scores one position with a rule: returns { score = n, band = "red"|"amber"|"green"|"blue" }.
---@param rule string
---@param likelihood string
---@param impact string
---@param extra? table Other risk fields the rule reads.
---@return table
function t.score(rule, likelihood, impact, extra) end

---Fails the test (naming its file and line) unless actual == expected.
---@param actual any
---@param expected any
---@param msg? string
function t.eq(actual, expected, msg) end

---Fails unless |actual - expected| <= tol (default 1e-9).
---@param actual number
---@param expected number
---@param tol? number
---@param msg? string
function t.near(actual, expected, tol, msg) end

---Fails unless value is truthy.
---@param value any
---@param msg? string
function t.ok(value, msg) end

---Element constructors for board views (docs/VIEWS.md). Each returns a table
---{ type, site, ...fields, children } that the host validates and renders.
---@class gov.ui
gov.ui = {}

---A page: `title`, `subtitle`; its positional entries are its elements.
---@param spec table
---@return table
function gov.ui.page(spec) end

---A section with a heading (`title`); positional entries are its elements.
---@param spec table
---@return table
function gov.ui.section(spec) end

---Elements side by side; optional `widths` (relative).
---@param spec table
---@return table
function gov.ui.columns(spec) end

---Text with markup: **bold**, *italic*, lines starting "- " are bullets.
---@param text string|table
---@return table
function gov.ui.text(text) end

---KPI tiles: `items` = { { label, value, unit, rag, change, note } or { indicator = "id" } }.
---@param spec table
---@return table
function gov.ui.tiles(spec) end

---A table: `columns` = { { key, label, format } } (text, number, integer, percent, date, rag), `rows`, `totals`, `sort`, `title`.
---@param spec table
---@return table
function gov.ui.table(spec) end

---A heat map of the register scored with `rule` (default: the active rule); `term` short/long; `show` both/current/target.
---@param spec table
---@return table
function gov.ui.heatmap(spec) end

---A chart: `kind` line/bar/stacked_bar, `series` = { { name, points = { { label, value } } } }, `target`, `unit`, `title`.
---@param spec table
---@return table
function gov.ui.chart(spec) end

---Counts by band: `counts` = { red = n, amber = n, green = n }, `title`.
---@param spec table
---@return table
function gov.ui.rag_summary(spec) end

---A drill-down to another view: `text`, `view`, `params`.
---@param spec table
---@return table
function gov.ui.link(spec) end

-- The sandbox's versions of three standard functions (the rest are Lua's own).

---Sets a table's metatable, as in Lua, except that a metatable with a `__gc`
---field (a finalizer) is refused with an error: finalizers would run outside
---any call and its time budget.
---@generic T: table
---@param t T
---@param mt table|nil
---@return T
function setmetatable(t, mt) end

---`s` repeated `n` times, separated by `sep`, as in Lua; refused with an error
---when the result would be larger than the pack's memory cap.
---@param s string
---@param n integer
---@param sep? string
---@return string
function string.rep(s, n, sep) end

---Moves `a1[f..e]` to `a2[t..]`, as in Lua; refused with an error when more
---elements are asked for than the pack's memory could hold.
---@param a1 table
---@param f integer
---@param e integer
---@param t integer
---@param a2? table
---@return table
function table.move(a1, f, e, t, a2) end
